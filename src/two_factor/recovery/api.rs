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
        error::OrInternal, request::Request, two_factor::state::take_fresh_recovery_codes as take,
    };
    let request = Request::current().await?;
    let codes = take(request.session(), request.user()?.id, request.now())
        .await
        .or_internal("reading new recovery codes")?;
    Ok(FreshRecoveryCodes { codes })
}

/// A new set of codes; the old ones stop working. Needs a verified session.
#[server(endpoint = "regenerate_recovery_codes")]
pub async fn regenerate_recovery_codes() -> Result<(), AppError> {
    use crate::{
        error::OrInternal,
        request::Request,
        two_factor::{recovery::codes as recovery, state::stash_fresh_recovery_codes},
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let codes = recovery::replace_codes(request.db(), user.id, request.now())
        .await
        .or_internal("creating recovery codes")?;
    stash_fresh_recovery_codes(request.session(), user.id, codes, request.now())
        .await
        .or_internal("keeping new recovery codes to show")?;
    tracing::info!(user_id = user.id, "recovery codes regenerated");
    leptos_axum::redirect("/account/recovery-codes?next=%2Faccount");
    Ok(())
}

#[server(endpoint = "use_recovery_code")]
pub async fn use_recovery_code(recovery_code: String, next: String) -> Result<(), AppError> {
    use crate::{domain::NextPath, two_factor::recovery::flow::verify_with_recovery_code};
    verify_with_recovery_code(&recovery_code).await?;
    let next = NextPath::parse(&next);
    leptos_axum::redirect(&format!("/account?recovered=1&next={}", next.encoded()));
    Ok(())
}
