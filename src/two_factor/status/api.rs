//! The server function behind the account page's two-factor section.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    /// The confirmed number, masked.
    pub masked_number: Option<String>,
    /// `YYYY-MM-DD HH:MM UTC` when this session's verification ends, if it is verified.
    pub verified_until: Option<String>,
    pub recovery_codes_left: i64,
}

#[server(endpoint = "load_two_factor_status")]
pub async fn load_two_factor_status() -> Result<TwoFactorStatus, AppError> {
    use crate::{
        domain::{utc, PhoneNumber},
        error::OrInternal,
        two_factor::{attempt::Attempt, recovery::codes as recovery},
    };
    let attempt = Attempt::current().await?;
    let (db, user) = (attempt.request.db(), &attempt.user);
    let verified_until = attempt
        .two_factor()
        .verified_until(attempt.state().two_factor_max_age, attempt.now())
        .await
        .or_internal("reading the 2FA session state")?;
    let recovery_codes_left = recovery::count_unused(db, user.id)
        .await
        .or_internal("counting recovery codes")?;
    Ok(TwoFactorStatus {
        masked_number: user
            .phone_number
            .as_deref()
            .and_then(|n| PhoneNumber::from_trusted_e164(n).ok())
            .map(|n| n.masked()),
        verified_until: verified_until.map(utc::minutes),
        recovery_codes_left,
    })
}
