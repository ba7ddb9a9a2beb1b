//! Server functions for the phone step and the code step (the work is in `flow`). Both need
//! a logged-in user; what they change is that user's 2FA bucket in this session and, after a
//! good code, the user's confirmed number.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the phone step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneStep {
    /// The confirmed number, masked; `None` when the user must type one.
    pub masked_number: Option<String>,
}

/// What the code step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeStep {
    /// Where the pending code went, masked; `None` when no code was asked for.
    pub masked_number: Option<String>,
    /// Seconds until a new code may be asked for (0: now); `None` with no pending code.
    pub resend_in_secs: Option<i64>,
}

#[server(endpoint = "load_phone_step")]
pub async fn load_phone_step() -> Result<PhoneStep, AppError> {
    use crate::{domain::PhoneNumber, two_factor::guard::require_user};
    let (_, user) = require_user().await?;
    let masked_number = user
        .phone_number
        .as_deref()
        .and_then(|n| PhoneNumber::from_trusted_e164(n).ok())
        .map(|n| n.masked());
    Ok(PhoneStep { masked_number })
}

#[server(endpoint = "load_code_step")]
pub async fn load_code_step() -> Result<CodeStep, AppError> {
    use crate::{
        domain::PhoneNumber,
        server::state::{internal_error, AppState},
        two_factor::{guard::require_user, resend_flow::resend_wait, state::TwoFactorState},
    };
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let pending = TwoFactorState::new(&auth.session, user.id)
        .pending()
        .await
        .map_err(|e| internal_error("reading the pending verification", e))?;
    let resend_in_secs = pending.as_ref().map(|p| resend_wait(p, state.clock.now()));
    let masked_number = pending
        .and_then(|p| PhoneNumber::from_trusted_e164(&p.phone_number).ok())
        .map(|n| n.masked());
    Ok(CodeStep {
        masked_number,
        resend_in_secs,
    })
}

/// Starts a verification to the user's confirmed number, or to the number typed when they
/// have none yet, and moves on to the code step.
#[server(endpoint = "send_code")]
pub async fn send_code(phone_number: Option<String>, next: String) -> Result<(), AppError> {
    use crate::domain::NextPath;
    crate::two_factor::send_flow::send_code(phone_number).await?;
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}

/// Checks the code; on success the session is verified for this user and goes to `next`,
/// by way of the new recovery codes when the number was confirmed just now.
#[server(endpoint = "check_code")]
pub async fn check_code(code: String, next: String) -> Result<(), AppError> {
    use crate::{domain::NextPath, two_factor::check_flow::Verified};
    let next = NextPath::parse(&next);
    match crate::two_factor::check_flow::check_code(&code).await? {
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
    crate::two_factor::resend_flow::resend_code().await?;
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}

/// Moves the pending request on to its next delivery: a voice call reading the code.
#[server(endpoint = "call_me")]
pub async fn call_me(next: String) -> Result<(), AppError> {
    use crate::domain::NextPath;
    crate::two_factor::resend_flow::call_me().await?;
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}

/// From a verified session: sends a code to a new number, which replaces the confirmed one
/// when that code is typed on the code step.
#[server(endpoint = "start_number_change")]
pub async fn start_number_change(phone_number: String) -> Result<(), AppError> {
    crate::two_factor::send_flow::start_number_change(&phone_number).await?;
    leptos_axum::redirect("/2fa/verify?next=%2Faccount");
    Ok(())
}
