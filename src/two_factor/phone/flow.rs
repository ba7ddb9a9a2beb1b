//! (ssr) The phone step, behind `send_code` and `start_number_change`: parse, throttle, call
//! the Verify API, remember the pending request in the session, and audit every attempt.

use crate::two_factor::{
    attempt::Attempt, db, provider_errors::start_failure, state::PendingVerification,
};
use crate::{
    domain::PhoneNumber,
    error::{AppError, Field, OrInternal},
    request::audit::{self, Action, Outcome},
    verify::{RequestId, VerifyError},
};

/// Starts a verification to the user's confirmed number, or to `typed` when they have none,
/// and keeps the request id in the session.
pub async fn send_code(typed: Option<String>) -> Result<(), AppError> {
    let attempt = Attempt::current().await?;
    // A confirmed number is used as it is: changing it is `start_number_change`'s job.
    let number = match attempt.user.phone_number.as_deref() {
        Some(confirmed) => PhoneNumber::from_trusted_e164(confirmed)
            .or_internal("a stored phone number no longer parses")?,
        None => parse_new_number(&attempt, typed.as_deref().unwrap_or_default()).await?,
    };
    deliver_first_code(&attempt, &number, false).await
}

/// From a verified session only: sends a code to a new number, which replaces the confirmed
/// one once the code checks out.
pub async fn start_number_change(typed: &str) -> Result<(), AppError> {
    let attempt = Attempt::current().await?;
    attempt.request.verified_user().await?;
    let number = parse_new_number(&attempt, typed).await?;
    if attempt.user.phone_number.as_deref() == Some(number.e164()) {
        return Err(AppError::invalid(
            Field::PhoneNumber,
            "That is already your number.",
        ));
    }
    deliver_first_code(&attempt, &number, true).await
}

/// A typed number that no other account has confirmed.
async fn parse_new_number(attempt: &Attempt, typed: &str) -> Result<PhoneNumber, AppError> {
    let number = match PhoneNumber::parse(typed) {
        Ok(number) => number,
        Err(e) => {
            attempt
                .audit(Action::Start, None, None, &Outcome::InvalidNumber)
                .await?;
            return Err(AppError::invalid(Field::PhoneNumber, e.0));
        }
    };
    let owner = db::fetch_user_id_by_phone(attempt.request.db(), number.e164())
        .await
        .or_internal("looking up a phone number's owner")?;
    if owner.is_some_and(|owner| owner != attempt.user.id) {
        attempt
            .audit(Action::Start, Some(&number), None, &Outcome::NumberTaken)
            .await?;
        return Err(AppError::PhoneTaken);
    }
    Ok(number)
}

async fn deliver_first_code(
    attempt: &Attempt,
    number: &PhoneNumber,
    change_number: bool,
) -> Result<(), AppError> {
    let user_id = attempt.user.id;
    let state = attempt.state();
    // Reserved before the call and kept whatever it answers: a delivery attempt costs.
    attempt
        .reserve(
            &attempt.start_buckets(number),
            Action::Start,
            Some(number),
            None,
        )
        .await?
        .keep();
    let (request_id, outcome) = match state.verify.start_with(number, &state.start_options).await {
        Ok(request_id) => (request_id, Outcome::Done),
        Err(VerifyError::ConcurrentRequest {
            request_id: Some(request_id),
        }) => resume(attempt, number, request_id).await?,
        Err(error) => {
            let outcome = attempt.provider_outcome(&error);
            tracing::warn!(user_id, number = %number, outcome = %outcome.log_term(), "could not send a code");
            attempt
                .audit(Action::Start, Some(number), None, &outcome)
                .await?;
            return Err(start_failure(&error));
        }
    };
    attempt
        .audit(Action::Start, Some(number), Some(&request_id), &outcome)
        .await?;
    let pending = PendingVerification {
        request_id,
        phone_number: number.clone(),
        // When the provider answered, not when this request began (the resend countdown).
        started_at: attempt.state().clock.now(),
        change_number,
        phone_epoch: Some(attempt.user.phone_epoch),
    };
    attempt
        .two_factor()
        .set_pending(pending)
        .await
        .or_internal("storing the pending verification")?;
    tracing::info!(user_id, number = %number, outcome = %outcome.log_term(), "code sent");
    Ok(())
}

/// A code for this number is already on its way. Carry on with it only if this account
/// started it: someone else's request (and its tries) is not ours to use.
async fn resume(
    attempt: &Attempt,
    number: &PhoneNumber,
    request_id: RequestId,
) -> Result<(RequestId, Outcome), AppError> {
    let ours = audit::request_started_by(attempt.request.db(), attempt.user.id, &request_id)
        .await
        .or_internal("looking up who started a request")?;
    if ours {
        return Ok((request_id, Outcome::Resumed));
    }
    tracing::info!(user_id = attempt.user.id, number = %number, "a code is on its way to this number for another account");
    attempt
        .audit(
            Action::Start,
            Some(number),
            None,
            &Outcome::OnItsWayForAnotherAccount,
        )
        .await?;
    Err(AppError::NumberBusy)
}
