//! Server functions for the account page: the 2FA status of the account and this session,
//! the recent verification history, and signing out the other sessions.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub username: String,
    /// The confirmed number, masked.
    pub masked_number: Option<String>,
    /// `YYYY-MM-DD HH:MM UTC` when this session's verification ends, if it is verified.
    pub verified_until: Option<String>,
    pub recovery_codes_left: i64,
    pub recent_events: Vec<AccountEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEvent {
    /// `YYYY-MM-DD HH:MM:SS UTC`
    pub at: String,
    pub action: String,
    pub outcome: String,
    pub masked_number: Option<String>,
}

#[server(endpoint = "load_account")]
pub async fn load_account() -> Result<AccountView, AppError> {
    use crate::{
        domain::PhoneNumber,
        error::OrInternal,
        request::audit,
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
    let events = audit::fetch_recent_events(db, user.id, 20)
        .await
        .or_internal("reading the audit trail")?;
    Ok(AccountView {
        username: user.username.clone(),
        masked_number: user
            .phone_number
            .as_deref()
            .and_then(|n| PhoneNumber::from_trusted_e164(n).ok())
            .map(|n| n.masked()),
        verified_until: verified_until.map(|t| format_utc(t, false)),
        recovery_codes_left,
        recent_events: events
            .into_iter()
            .map(|e| {
                let (action, outcome) = audit::in_plain_words(&e.action, &e.outcome);
                AccountEvent {
                    at: format_utc(e.created_at, true),
                    action: action.to_owned(),
                    outcome: outcome.to_owned(),
                    masked_number: e.masked_number,
                }
            })
            .collect(),
    })
}

/// Ends every other session of this account; this one stays logged in and verified.
#[server(endpoint = "sign_out_other_sessions")]
pub async fn sign_out_other_sessions() -> Result<(), AppError> {
    use crate::{
        accounts::{db, login::refresh_login},
        error::OrInternal,
        request::Request,
    };
    let mut request = Request::current().await?;
    let user = request.verified_user().await?;
    let (user_id, epoch) = (user.id, user.session_epoch);
    let bumped = db::bump_session_epoch(request.db(), user_id, epoch)
        .await
        .or_internal("signing out other sessions")?;
    if !bumped {
        // Another session signed this one out a moment ago.
        return Err(AppError::NotLoggedIn);
    }
    refresh_login(&mut request).await?;
    // A new id too: whoever might have seen this session's id is signed out with the rest.
    request.rotate_session_id().await?;
    tracing::info!(user_id, "signed out the other sessions");
    leptos_axum::redirect("/account?others=signed-out");
    Ok(())
}

#[cfg(feature = "ssr")]
fn format_utc(unix: i64, seconds: bool) -> String {
    let Ok(time) = time::OffsetDateTime::from_unix_timestamp(unix) else {
        return String::new();
    };
    let (date, clock) = (time.date(), time.time());
    if seconds {
        format!(
            "{date} {:02}:{:02}:{:02} UTC",
            clock.hour(),
            clock.minute(),
            clock.second()
        )
    } else {
        format!("{date} {:02}:{:02} UTC", clock.hour(), clock.minute())
    }
}
