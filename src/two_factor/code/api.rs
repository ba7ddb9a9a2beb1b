//! Server functions of the code step (the work is in `check` and `resend`): what the step
//! shows, checking the code, a new code after the countdown, and a call instead. All need a
//! logged-in user with a pending request this session may still use (see `pending`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the code step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeStep {
    /// Where the pending code went, masked; `None` when no code was asked for.
    pub masked_number: Option<String>,
    /// Seconds until a new code may be asked for (0: now); `None` with no pending code.
    pub resend_in_secs: Option<i64>,
}

#[server(endpoint = "load_code_step")]
pub async fn load_code_step() -> Result<CodeStep, AppError> {
    use crate::{
        error::OrInternal,
        two_factor::{attempt::Attempt, code::resend::resend_wait},
    };
    let attempt = Attempt::current().await?;
    let pending = attempt
        .two_factor()
        .pending()
        .await
        .or_internal("reading the pending verification")?;
    let resend_in_secs = pending.as_ref().map(|p| resend_wait(p, attempt.now()));
    let masked_number = pending.map(|p| p.phone_number.masked());
    Ok(CodeStep {
        masked_number,
        resend_in_secs,
    })
}

/// Checks the code; on success the session is verified for this user and goes to `next`,
/// by way of the new recovery codes when the number was confirmed just now.
#[server(endpoint = "check_code")]
pub async fn check_code(code: String, next: String) -> Result<(), AppError> {
    use crate::{domain::NextPath, two_factor::code::check::Verified};
    let next = NextPath::parse(&next);
    match crate::two_factor::code::check::check_code(&code).await? {
        Verified::NumberConfirmed => {
            leptos_axum::redirect(&format!("/account/recovery-codes?next={}", next.encoded()))
        }
        Verified::Again => leptos_axum::redirect(next.as_str()),
        Verified::NumberChanged => leptos_axum::redirect("/account?number=changed"),
    }
    Ok(())
}

/// Cancels the pending request and sends a fresh code by SMS, once the provider allows it
/// (30 seconds after the start).
#[server(endpoint = "resend_code")]
pub async fn resend_code(next: String) -> Result<(), AppError> {
    use crate::domain::NextPath;
    crate::two_factor::code::resend::resend_code().await?;
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}

/// Moves the pending request on to its next delivery: a voice call reading the code.
#[server(endpoint = "call_me")]
pub async fn call_me(next: String) -> Result<(), AppError> {
    use crate::domain::NextPath;
    crate::two_factor::code::resend::call_me().await?;
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}
