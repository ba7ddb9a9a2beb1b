//! Server functions for the phone step and the code step. Both need a logged-in user; what
//! they change is that user's 2FA bucket in this session and, after a good code, the user's
//! confirmed number.

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
        server::state::internal_error,
        two_factor::{guard::require_user, state::TwoFactorState},
    };
    let (auth, user) = require_user().await?;
    let pending = TwoFactorState::new(&auth.session, user.id)
        .pending()
        .await
        .map_err(|e| internal_error("reading the pending verification", e))?;
    let masked_number = pending
        .and_then(|p| PhoneNumber::from_trusted_e164(&p.phone_number).ok())
        .map(|n| n.masked());
    Ok(CodeStep { masked_number })
}

/// Starts a verification to the user's confirmed number, or to the number typed when they
/// have none yet, and moves on to the code step.
#[server(endpoint = "send_code")]
pub async fn send_code(phone_number: Option<String>, next: String) -> Result<(), AppError> {
    use crate::{
        domain::{NextPath, PhoneNumber},
        error::Field,
        server::state::{internal_error, AppState},
        two_factor::{
            db, guard::require_user, provider_errors::start_failure, state::TwoFactorState,
        },
        verify::VerifyError,
    };
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    // A confirmed number is used as it is: changing it is not something this form can do.
    let number = match user.phone_number.as_deref() {
        Some(confirmed) => PhoneNumber::from_trusted_e164(confirmed)
            .map_err(|e| internal_error("a stored phone number no longer parses", e))?,
        None => PhoneNumber::parse(phone_number.as_deref().unwrap_or_default())
            .map_err(|e| AppError::invalid(Field::PhoneNumber, e.0))?,
    };
    if user.phone_number.is_none() {
        let owner = db::fetch_user_id_by_phone(&state.db, number.e164())
            .await
            .map_err(|e| internal_error("looking up a phone number's owner", e))?;
        if owner.is_some_and(|owner| owner != user.id) {
            return Err(AppError::PhoneTaken);
        }
    }
    let request_id = match state.verify.start(&number).await {
        Ok(request_id) => request_id,
        // A code for this number is already on its way: carry on with that one.
        Err(VerifyError::ConcurrentRequest {
            request_id: Some(request_id),
        }) => {
            tracing::info!(user_id = user.id, number = %number, "resuming the verification already in flight");
            request_id
        }
        Err(error) => {
            tracing::warn!(user_id = user.id, number = %number, outcome = %error.log_label(), "could not send a code");
            return Err(start_failure(&error));
        }
    };
    TwoFactorState::new(&auth.session, user.id)
        .set_pending(request_id, number.e164().to_owned())
        .await
        .map_err(|e| internal_error("storing the pending verification", e))?;
    tracing::info!(user_id = user.id, number = %number, "code sent");
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}

/// Checks the code; on success confirms the number (if new), marks this session verified
/// for this user, rotates the session id and redirects to `next`.
#[server(endpoint = "check_code")]
pub async fn check_code(code: String, next: String) -> Result<(), AppError> {
    use crate::{
        domain::{NextPath, VerificationCode},
        error::Field,
        server::state::{internal_error, AppState},
        two_factor::{
            db, guard::require_user, provider_errors::check_failure, state::TwoFactorState,
        },
        verify::VerifyError,
    };
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let two_factor = TwoFactorState::new(&auth.session, user.id);
    let pending = two_factor
        .pending()
        .await
        .map_err(|e| internal_error("reading the pending verification", e))?
        .ok_or(AppError::NoCodeRequested)?;
    let code = VerificationCode::parse(&code).map_err(|e| AppError::invalid(Field::Code, e.0))?;

    if let Err(error) = state.verify.check(&pending.request_id, &code).await {
        tracing::info!(user_id = user.id, outcome = %error.log_label(), "code check failed");
        // These end the request at the provider: a new code is needed.
        if matches!(
            error,
            VerifyError::TooManyWrongCodes | VerifyError::RequestNotFound
        ) {
            two_factor
                .clear_pending()
                .await
                .map_err(|e| internal_error("clearing a finished verification", e))?;
        }
        return Err(check_failure(&error));
    }

    if user.phone_number.is_none() {
        let confirmed = db::record_confirmed_phone(&state.db, user.id, &pending.phone_number)
            .await
            .map_err(|e| internal_error("confirming a phone number", e))?;
        if !confirmed {
            two_factor
                .clear_pending()
                .await
                .map_err(|e| internal_error("clearing a verification", e))?;
            return Err(AppError::PhoneTaken);
        }
    }
    two_factor
        .mark_verified()
        .await
        .map_err(|e| internal_error("marking the session verified", e))?;
    tracing::info!(user_id = user.id, "session verified");
    leptos_axum::redirect(NextPath::parse(&next).as_str());
    Ok(())
}
