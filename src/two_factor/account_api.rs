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
        server::state::{internal_error, AppState},
        two_factor::{audit, guard::require_user, recovery, state::TwoFactorState},
    };
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let verified_until = TwoFactorState::new(&auth.session, user.id)
        .verified_until(state.two_factor_max_age, state.clock.now())
        .await
        .map_err(|e| internal_error("reading the 2FA session state", e))?;
    let recovery_codes_left = recovery::count_unused(&state.db, user.id)
        .await
        .map_err(|e| internal_error("counting recovery codes", e))?;
    let events = audit::fetch_recent_events(&state.db, user.id, 20)
        .await
        .map_err(|e| internal_error("reading the audit trail", e))?;
    Ok(AccountView {
        username: user.username,
        masked_number: user
            .phone_number
            .as_deref()
            .and_then(|n| PhoneNumber::from_trusted_e164(n).ok())
            .map(|n| n.masked()),
        verified_until: verified_until.map(|t| format_utc(t, false)),
        recovery_codes_left,
        recent_events: events
            .into_iter()
            .map(|e| AccountEvent {
                at: format_utc(e.created_at, true),
                action: e.action,
                outcome: e.outcome,
                masked_number: e.masked_number,
            })
            .collect(),
    })
}

/// Ends every other session of this account; this one stays logged in and verified.
#[server(endpoint = "sign_out_other_sessions")]
pub async fn sign_out_other_sessions() -> Result<(), AppError> {
    use crate::{
        accounts::db,
        server::state::{internal_error, AppState},
        two_factor::guard::{auth_session, require_verified_user},
    };
    let user = require_verified_user().await?;
    let mut auth = auth_session().await?;
    let state = AppState::current()?;
    db::bump_session_epoch(&state.db, user.id)
        .await
        .map_err(|e| internal_error("signing out other sessions", e))?;
    crate::two_factor::check_flow::keep_this_session_signed_in(&mut auth, &state, user.id).await?;
    // A new id too: whoever might have seen this session's id is signed out with the rest.
    state.sessions.rotate_id(&auth.session).await?;
    tracing::info!(user_id = user.id, "signed out the other sessions");
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
