//! Server functions for the account page: the account, its recent verification activity, and
//! signing out the other sessions.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub username: String,
    /// This session is verified: "sign out other sessions" is offered (and allowed) only then.
    pub verified: bool,
    pub recent_events: Vec<AccountEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEvent {
    /// `YYYY-MM-DD HH:MM:SS UTC`
    pub at: String,
    /// In plain words ("Code typed"), not the log's ("check").
    pub action: String,
    /// In plain words ("wrong code"), not the provider's ("status 16").
    pub outcome: String,
    pub masked_number: Option<String>,
}

/// How many audit rows the page lists.
#[cfg(feature = "ssr")]
const RECENT_EVENTS: i64 = 20;

#[server(endpoint = "load_account")]
pub async fn load_account() -> Result<AccountView, AppError> {
    use crate::{domain::utc, error::OrInternal, request::audit, request::Request};
    let request = Request::current().await?;
    let user = request.user()?;
    let verified = match request.verified_user().await {
        Ok(_) => true,
        Err(AppError::NotVerified) => false,
        Err(error) => return Err(error),
    };
    let events = audit::fetch_recent_events(request.db(), user.id, RECENT_EVENTS)
        .await
        .or_internal("reading the audit trail")?;
    Ok(AccountView {
        username: user.username.clone(),
        verified,
        recent_events: events
            .into_iter()
            .map(|event| {
                let (action, outcome) = event.in_plain_words();
                AccountEvent {
                    at: utc::seconds(event.created_at),
                    action: action.to_owned(),
                    outcome: outcome.to_owned(),
                    masked_number: event.masked_number,
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
    let bumped = {
        let _forget = request.state().users.forget_when_dropped(user_id);
        db::bump_session_epoch(request.db(), user_id, epoch).await
    };
    let bumped = bumped.or_internal("signing out other sessions")?;
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
