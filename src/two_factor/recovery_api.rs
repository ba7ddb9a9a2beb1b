//! Server functions for recovery codes: see the new set once, regenerate it from a verified
//! session, and verify a session with one when the phone is lost.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreshRecoveryCodes {
    /// Empty when they were already shown.
    pub codes: Vec<String>,
}

/// The codes created a moment ago, once: the session forgets them as it hands them over.
#[server(endpoint = "take_fresh_recovery_codes")]
pub async fn take_fresh_recovery_codes() -> Result<FreshRecoveryCodes, AppError> {
    use crate::{
        server::state::{internal_error, AppState},
        two_factor::{guard::require_user, state::take_fresh_recovery_codes as take},
    };
    let (auth, user) = require_user().await?;
    let now = AppState::current()?.clock.now();
    let codes = take(&auth.session, user.id, now)
        .await
        .map_err(|e| internal_error("reading new recovery codes", e))?;
    Ok(FreshRecoveryCodes { codes })
}

/// A new set of codes; the old ones stop working. Needs a verified session.
#[server(endpoint = "regenerate_recovery_codes")]
pub async fn regenerate_recovery_codes() -> Result<(), AppError> {
    use crate::{
        server::state::{internal_error, AppState},
        two_factor::{
            guard::{auth_session, require_verified_user},
            recovery,
            state::stash_fresh_recovery_codes,
        },
    };
    let user = require_verified_user().await?;
    let auth = auth_session().await?;
    let state = AppState::current()?;
    let now = state.clock.now();
    let codes = recovery::replace_codes(&state.db, user.id, now)
        .await
        .map_err(|e| internal_error("creating recovery codes", e))?;
    stash_fresh_recovery_codes(&auth.session, user.id, codes, now)
        .await
        .map_err(|e| internal_error("keeping new recovery codes to show", e))?;
    tracing::info!(user_id = user.id, "recovery codes regenerated");
    leptos_axum::redirect("/account/recovery-codes?next=%2Faccount");
    Ok(())
}

#[server(endpoint = "use_recovery_code")]
pub async fn use_recovery_code(recovery_code: String, next: String) -> Result<(), AppError> {
    use crate::{domain::NextPath, two_factor::recovery_flow::verify_with_recovery_code};
    verify_with_recovery_code(&recovery_code).await?;
    let next = NextPath::parse(&next);
    leptos_axum::redirect(&format!("/account?recovered=1&next={}", next.encoded()));
    Ok(())
}
