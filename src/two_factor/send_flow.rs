//! (ssr) The phone step, behind `send_code` and `start_number_change`: parse, throttle, call
//! the Verify API, remember the pending request in the session, and audit every attempt.

use super::{
    audit::{self, Action},
    caller::{throttled, Caller},
    db,
    guard::{require_user, require_verified_user},
    provider_errors::start_failure,
    state::{PendingVerification, TwoFactorState},
    throttle,
};
use crate::{
    domain::PhoneNumber,
    error::{AppError, Field},
    server::state::{internal_error, AppState},
    verify::{RequestId, VerifyError},
};

/// Starts a verification to the user's confirmed number, or to `typed` when they have none,
/// and keeps the request id in the session.
pub async fn send_code(typed: Option<String>) -> Result<(), AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    // A confirmed number is used as it is: changing it is `start_number_change`'s job.
    let number = match caller.user.phone_number.as_deref() {
        Some(confirmed) => PhoneNumber::from_trusted_e164(confirmed)
            .map_err(|e| internal_error("a stored phone number no longer parses", e))?,
        None => parse_new_number(&caller, &state, typed.as_deref().unwrap_or_default()).await?,
    };
    deliver_first_code(&caller, &state, &auth.session, &number, false).await
}

/// From a verified session only: sends a code to a new number, which replaces the confirmed
/// one once the code checks out.
pub async fn start_number_change(typed: &str) -> Result<(), AppError> {
    let user = require_verified_user().await?;
    let (auth, _) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let number = parse_new_number(&caller, &state, typed).await?;
    if caller.user.phone_number.as_deref() == Some(number.e164()) {
        return Err(AppError::invalid(
            Field::PhoneNumber,
            "That is already your number.",
        ));
    }
    deliver_first_code(&caller, &state, &auth.session, &number, true).await
}

/// A typed number that no other account has confirmed.
async fn parse_new_number(
    caller: &Caller,
    state: &AppState,
    typed: &str,
) -> Result<PhoneNumber, AppError> {
    let number = match PhoneNumber::parse(typed) {
        Ok(number) => number,
        Err(e) => {
            caller
                .audit(state, Action::Start, None, None, "invalid number")
                .await?;
            return Err(AppError::invalid(Field::PhoneNumber, e.0));
        }
    };
    let owner = db::fetch_user_id_by_phone(&state.db, number.e164())
        .await
        .map_err(|e| internal_error("looking up a phone number's owner", e))?;
    if owner.is_some_and(|owner| owner != caller.user.id) {
        caller
            .audit(state, Action::Start, Some(&number), None, "number taken")
            .await?;
        return Err(AppError::PhoneTaken);
    }
    Ok(number)
}

async fn deliver_first_code(
    caller: &Caller,
    state: &AppState,
    session: &tower_sessions::Session,
    number: &PhoneNumber,
    change_number: bool,
) -> Result<(), AppError> {
    let user_id = caller.user.id;
    // Reserved before the call and kept whatever it answers: a delivery attempt costs.
    if let Err(error) =
        throttle::reserve(&state.db, &caller.start_buckets(state, number), caller.now).await
    {
        caller
            .audit(state, Action::Start, Some(number), None, "throttled")
            .await?;
        return Err(throttled(error));
    }
    let (request_id, outcome) = match state.verify.start_with(number, &state.start_options).await {
        Ok(request_id) => (request_id, "ok"),
        Err(VerifyError::ConcurrentRequest {
            request_id: Some(request_id),
        }) => resume(caller, state, number, request_id).await?,
        Err(error) => {
            tracing::warn!(user_id, number = %number, outcome = %error.log_label(), "could not send a code");
            caller
                .audit(state, Action::Start, Some(number), None, &error.log_label())
                .await?;
            return Err(start_failure(&error));
        }
    };
    caller
        .audit(
            state,
            Action::Start,
            Some(number),
            Some(&request_id),
            outcome,
        )
        .await?;
    let pending = PendingVerification {
        request_id,
        phone_number: number.e164().to_owned(),
        started_at: caller.now,
        change_number,
        phone_epoch: Some(caller.user.phone_epoch),
    };
    TwoFactorState::new(session, user_id)
        .set_pending(pending)
        .await
        .map_err(|e| internal_error("storing the pending verification", e))?;
    tracing::info!(user_id, number = %number, outcome, "code sent");
    Ok(())
}

/// A code for this number is already on its way. Carry on with it only if this account
/// started it: someone else's request (and its tries) is not ours to use.
async fn resume(
    caller: &Caller,
    state: &AppState,
    number: &PhoneNumber,
    request_id: RequestId,
) -> Result<(RequestId, &'static str), AppError> {
    let ours = audit::request_started_by(&state.db, caller.user.id, &request_id)
        .await
        .map_err(|e| internal_error("looking up who started a request", e))?;
    if ours {
        return Ok((request_id, "resumed"));
    }
    tracing::info!(user_id = caller.user.id, number = %number, "a code is on its way to this number for another account");
    caller
        .audit(
            state,
            Action::Start,
            Some(number),
            None,
            "on its way for another account",
        )
        .await?;
    Err(AppError::NumberBusy)
}
