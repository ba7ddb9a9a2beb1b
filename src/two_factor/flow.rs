//! (ssr) The phone step and the code step, behind the server functions in `api`: parse,
//! throttle, call the Verify API, remember the outcome in the session, and audit every attempt.

use super::{
    audit::Action,
    caller::{throttled, Caller},
    db,
    guard::{require_user, require_verified_user},
    provider_errors::{check_failure, start_failure},
    recovery,
    state::{self as session_state, PendingVerification, TwoFactorState},
    throttle,
};
use crate::{
    domain::{PhoneNumber, VerificationCode},
    error::{AppError, Field},
    server::state::{internal_error, AppState},
    verify::VerifyError,
};

/// How a good code ended.
pub enum Verified {
    /// The number was confirmed just now: show the new recovery codes.
    NumberConfirmed,
    /// The account's number was replaced by the one just verified.
    NumberChanged,
    /// The number was already the user's.
    Again,
}

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
    if let Err(error) =
        throttle::take(&state.db, &caller.start_buckets(state, number), caller.now).await
    {
        caller
            .audit(state, Action::Start, Some(number), None, "throttled")
            .await?;
        return Err(throttled(error));
    }
    let (request_id, outcome) = match state.verify.start_with(number, &state.start_options).await {
        Ok(request_id) => (request_id, "ok"),
        // A code for this number is already on its way: carry on with that one.
        Err(VerifyError::ConcurrentRequest {
            request_id: Some(request_id),
        }) => (request_id, "resumed"),
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
    };
    TwoFactorState::new(session, user_id)
        .set_pending(pending)
        .await
        .map_err(|e| internal_error("storing the pending verification", e))?;
    tracing::info!(user_id, number = %number, outcome, "code sent");
    Ok(())
}

/// Checks `code`; on success confirms the number (if new, with a fresh set of recovery codes
/// kept in the session to be shown once) or replaces it (a number change), marks this session
/// verified for this user and rotates the session id.
pub async fn check_code(code: &str) -> Result<Verified, AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let user_id = caller.user.id;
    let two_factor = TwoFactorState::new(&auth.session, user_id);
    let pending = two_factor
        .pending()
        .await
        .map_err(|e| internal_error("reading the pending verification", e))?
        .ok_or(AppError::NoCodeRequested)?;
    let number = PhoneNumber::from_trusted_e164(&pending.phone_number).ok();
    let code = VerificationCode::parse(code).map_err(|e| AppError::invalid(Field::Code, e.0))?;
    let audit = |outcome: String| {
        let number = number.clone();
        let caller = &caller;
        let state = &state;
        let request_id = pending.request_id.clone();
        async move {
            caller
                .audit(
                    state,
                    Action::Check,
                    number.as_ref(),
                    Some(&request_id),
                    &outcome,
                )
                .await
        }
    };

    // Failed checks count per account, across sessions and instances.
    let failures = caller.failed_check_buckets(&state);
    if let Err(error) = throttle::check(&state.db, &failures, caller.now).await {
        audit("throttled".into()).await?;
        return Err(throttled(error));
    }
    if let Err(error) = state.verify.check(&pending.request_id, &code).await {
        tracing::info!(user_id, outcome = %error.log_label(), "code check failed");
        audit(error.log_label()).await?;
        if matches!(
            error,
            VerifyError::WrongCode | VerifyError::TooManyWrongCodes
        ) {
            throttle::record(&state.db, &failures, caller.now)
                .await
                .map_err(|e| internal_error("counting a failed check", e))?;
        }
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
    audit("ok".into()).await?;

    let verified = if pending.change_number {
        change_number(&state, &two_factor, user_id, &pending).await?
    } else if caller.user.phone_number.is_none() {
        confirm_first_number(&state, &auth.session, &two_factor, &caller, &pending).await?
    } else {
        Verified::Again
    };
    two_factor
        .mark_verified()
        .await
        .map_err(|e| internal_error("marking the session verified", e))?;
    tracing::info!(user_id, "session verified");
    Ok(verified)
}

async fn confirm_first_number(
    state: &AppState,
    session: &tower_sessions::Session,
    two_factor: &TwoFactorState<'_>,
    caller: &Caller,
    pending: &PendingVerification,
) -> Result<Verified, AppError> {
    let user_id = caller.user.id;
    let confirmed = db::record_confirmed_phone(&state.db, user_id, &pending.phone_number)
        .await
        .map_err(|e| internal_error("confirming a phone number", e))?;
    if !confirmed {
        two_factor
            .clear_pending()
            .await
            .map_err(|e| internal_error("clearing a verification", e))?;
        return Err(AppError::PhoneTaken);
    }
    let codes = recovery::replace_codes(&state.db, user_id, caller.now)
        .await
        .map_err(|e| internal_error("creating recovery codes", e))?;
    session_state::stash_fresh_recovery_codes(session, user_id, codes)
        .await
        .map_err(|e| internal_error("keeping new recovery codes to show", e))?;
    Ok(Verified::NumberConfirmed)
}

/// The session that asked for the change must still be verified when the new code arrives.
async fn change_number(
    state: &AppState,
    two_factor: &TwoFactorState<'_>,
    user_id: i64,
    pending: &PendingVerification,
) -> Result<Verified, AppError> {
    let still_verified = two_factor
        .is_verified(state.two_factor_max_age)
        .await
        .map_err(|e| internal_error("reading the 2FA session state", e))?;
    if !still_verified {
        return Err(AppError::NotVerified);
    }
    let changed = db::replace_confirmed_phone(&state.db, user_id, &pending.phone_number)
        .await
        .map_err(|e| internal_error("changing a phone number", e))?;
    if !changed {
        two_factor
            .clear_pending()
            .await
            .map_err(|e| internal_error("clearing a verification", e))?;
        return Err(AppError::PhoneTaken);
    }
    tracing::info!(user_id, "confirmed number changed");
    Ok(Verified::NumberChanged)
}
