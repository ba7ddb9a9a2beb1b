//! (ssr) The phone step and the code step, behind the server functions in `api`: parse,
//! throttle, call the Verify API, remember the outcome in the session, and audit every attempt.

use super::{
    audit::Action,
    caller::{throttled, Caller},
    db,
    guard::require_user,
    provider_errors::{check_failure, start_failure},
    recovery,
    state::{self as session_state, TwoFactorState},
    throttle::{self, bucket},
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
    /// The number was already the user's.
    Again,
}

/// Starts a verification to the user's confirmed number, or to `typed` when they have none,
/// and keeps the request id in the session.
pub async fn send_code(typed: Option<String>) -> Result<(), AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let user = &caller.user;

    // A confirmed number is used as it is: changing it is not something this form can do.
    let number = match user.phone_number.as_deref() {
        Some(confirmed) => PhoneNumber::from_trusted_e164(confirmed)
            .map_err(|e| internal_error("a stored phone number no longer parses", e))?,
        None => match PhoneNumber::parse(typed.as_deref().unwrap_or_default()) {
            Ok(number) => number,
            Err(e) => {
                caller
                    .audit(&state, Action::Start, None, None, "invalid number")
                    .await?;
                return Err(AppError::invalid(Field::PhoneNumber, e.0));
            }
        },
    };
    if user.phone_number.is_none() {
        let owner = db::fetch_user_id_by_phone(&state.db, number.e164())
            .await
            .map_err(|e| internal_error("looking up a phone number's owner", e))?;
        if owner.is_some_and(|owner| owner != user.id) {
            caller
                .audit(&state, Action::Start, Some(&number), None, "number taken")
                .await?;
            return Err(AppError::PhoneTaken);
        }
    }
    let limits = state.throttles;
    let buckets = [
        (
            bucket("start-number", number.e164()),
            limits.starts_per_number,
        ),
        (
            bucket("start-account", &user.id.to_string()),
            limits.starts_per_account,
        ),
        (
            bucket("start-ip", caller.ip.as_deref().unwrap_or("unknown")),
            limits.starts_per_ip,
        ),
    ];
    if let Err(error) = throttle::take(&state.db, &buckets, caller.now).await {
        caller
            .audit(&state, Action::Start, Some(&number), None, "throttled")
            .await?;
        return Err(throttled(error));
    }

    let (request_id, outcome) = match state.verify.start(&number).await {
        Ok(request_id) => (request_id, "ok".to_owned()),
        // A code for this number is already on its way: carry on with that one.
        Err(VerifyError::ConcurrentRequest {
            request_id: Some(request_id),
        }) => (request_id, "resumed".to_owned()),
        Err(error) => {
            tracing::warn!(user_id = user.id, number = %number, outcome = %error.log_label(), "could not send a code");
            caller
                .audit(
                    &state,
                    Action::Start,
                    Some(&number),
                    None,
                    &error.log_label(),
                )
                .await?;
            return Err(start_failure(&error));
        }
    };
    caller
        .audit(
            &state,
            Action::Start,
            Some(&number),
            Some(&request_id),
            &outcome,
        )
        .await?;
    TwoFactorState::new(&auth.session, user.id)
        .set_pending(request_id, number.e164().to_owned(), caller.now)
        .await
        .map_err(|e| internal_error("storing the pending verification", e))?;
    tracing::info!(user_id = user.id, number = %number, outcome, "code sent");
    Ok(())
}

/// Checks `code`; on success confirms the number (if new, with a fresh set of recovery codes
/// kept in the session to be shown once), marks this session verified for this user and
/// rotates the session id.
pub async fn check_code(code: &str) -> Result<Verified, AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let user = &caller.user;
    let two_factor = TwoFactorState::new(&auth.session, user.id);
    let pending = two_factor
        .pending()
        .await
        .map_err(|e| internal_error("reading the pending verification", e))?
        .ok_or(AppError::NoCodeRequested)?;
    let number = PhoneNumber::from_trusted_e164(&pending.phone_number).ok();
    let code = VerificationCode::parse(code).map_err(|e| AppError::invalid(Field::Code, e.0))?;

    // Failed checks count per account, across sessions and instances.
    let limits = state.throttles;
    let failures = [
        (
            bucket("failed-check-account", &user.id.to_string()),
            limits.failed_checks_per_account,
        ),
        (
            bucket("failed-check-cap", &user.id.to_string()),
            limits.failed_checks_cap,
        ),
    ];
    if let Err(error) = throttle::check(&state.db, &failures, caller.now).await {
        caller
            .audit(
                &state,
                Action::Check,
                number.as_ref(),
                Some(&pending.request_id),
                "throttled",
            )
            .await?;
        return Err(throttled(error));
    }

    if let Err(error) = state.verify.check(&pending.request_id, &code).await {
        tracing::info!(user_id = user.id, outcome = %error.log_label(), "code check failed");
        caller
            .audit(
                &state,
                Action::Check,
                number.as_ref(),
                Some(&pending.request_id),
                &error.log_label(),
            )
            .await?;
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
    caller
        .audit(
            &state,
            Action::Check,
            number.as_ref(),
            Some(&pending.request_id),
            "ok",
        )
        .await?;

    let mut verified = Verified::Again;
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
        let codes = recovery::replace_codes(&state.db, user.id, caller.now)
            .await
            .map_err(|e| internal_error("creating recovery codes", e))?;
        session_state::stash_fresh_recovery_codes(&auth.session, user.id, codes)
            .await
            .map_err(|e| internal_error("keeping new recovery codes to show", e))?;
        verified = Verified::NumberConfirmed;
    }
    two_factor
        .mark_verified()
        .await
        .map_err(|e| internal_error("marking the session verified", e))?;
    tracing::info!(user_id = user.id, "session verified");
    Ok(verified)
}
