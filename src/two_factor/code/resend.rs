//! (ssr) "Send a new code" and "Call me instead" from the code step, following the Verify
//! API's rules: a request can be cancelled (and a new one started) only 30 seconds after it
//! began; moving on to the next delivery (a voice call) works until none is left.

use super::RESEND_WAIT_SECS;
use crate::two_factor::{
    attempt::Attempt, pending::usable_pending, provider_errors::start_failure,
    state::PendingVerification,
};
use crate::{
    error::{AppError, OrInternal},
    request::audit::{Action, Outcome},
    verify::{RequestId, VerifyError},
};

/// Seconds until a new code may be asked for (0: now).
pub fn resend_wait(pending: &PendingVerification, now: i64) -> i64 {
    (pending.started_at + RESEND_WAIT_SECS - now).max(0)
}

/// The pending request this session would deliver again.
struct Pending {
    attempt: Attempt,
    request: PendingVerification,
}

/// The pending request, if the rule in `pending` still allows delivering to its number: a
/// new code or a call never goes to a number the account has moved on from.
async fn load_pending(action: Action) -> Result<Pending, AppError> {
    let attempt = Attempt::current().await?;
    let request = usable_pending(&attempt, action).await?;
    Ok(Pending { attempt, request })
}

impl Pending {
    async fn audit_as(
        &self,
        action: Action,
        outcome: &Outcome,
        request_id: Option<&RequestId>,
    ) -> Result<(), AppError> {
        self.attempt
            .audit(
                action,
                Some(&self.request.phone_number),
                request_id,
                outcome,
            )
            .await
    }

    async fn audit(
        &self,
        outcome: &Outcome,
        request_id: Option<&RequestId>,
    ) -> Result<(), AppError> {
        self.audit_as(Action::Resend, outcome, request_id).await
    }

    /// A new delivery costs like a new start: the same limits apply.
    async fn take_delivery_budget(&self) -> Result<(), AppError> {
        let buckets = self.attempt.start_buckets(&self.request.phone_number);
        self.attempt
            .reserve(
                &buckets,
                Action::Resend,
                Some(&self.request.phone_number),
                Some(&self.request.request_id),
            )
            .await?
            .keep();
        Ok(())
    }
}

pub async fn resend_code() -> Result<(), AppError> {
    let pending = load_pending(Action::Resend).await?;
    let wait = resend_wait(&pending.request, pending.attempt.now());
    if wait > 0 {
        pending
            .audit(&Outcome::TooSoon, Some(&pending.request.request_id))
            .await?;
        return Err(AppError::TooSoon {
            retry_after_secs: wait,
        });
    }
    pending.take_delivery_budget().await?;
    let verify = &pending.attempt.state().verify;
    let old_id = &pending.request.request_id;
    let cancelled = verify.cancel(old_id).await;
    let outcome = cancelled.as_ref().map_or_else(
        |error| pending.attempt.provider_outcome(error),
        |()| Outcome::Done,
    );
    pending
        .audit_as(Action::Cancel, &outcome, Some(old_id))
        .await?;
    match cancelled {
        // Over already (expired, verified elsewhere): nothing to cancel.
        Ok(()) | Err(VerifyError::RequestNotFound) => {}
        // The workflow's next delivery is already under way: that code is the new code.
        Err(VerifyError::ControlNotPossible { .. }) => return Err(AppError::CodeAlreadySent),
        Err(error) => return Err(start_failure(&error)),
    }
    let start_options = &pending.attempt.state().start_options;
    let request_id = match verify
        .start_with(&pending.request.phone_number, start_options)
        .await
    {
        Ok(request_id) => request_id,
        Err(error) => {
            let outcome = pending.attempt.provider_outcome(&error);
            pending.audit(&outcome, None).await?;
            return Err(start_failure(&error));
        }
    };
    pending.audit(&Outcome::Done, Some(&request_id)).await?;
    let user = &pending.attempt.user;
    pending
        .attempt
        .two_factor()
        .set_pending(PendingVerification {
            request_id,
            // When the provider answered, not when this request began: its clock started
            // after the cancel and the start took their time.
            started_at: pending.attempt.state().clock.now(),
            ..pending.request.clone()
        })
        .await
        .or_internal("storing the new pending verification")?;
    tracing::info!(user_id = user.id, number = %pending.request.phone_number, "new code sent");
    Ok(())
}

pub async fn call_me() -> Result<(), AppError> {
    let pending = load_pending(Action::Resend).await?;
    pending.take_delivery_budget().await?;
    let request_id = &pending.request.request_id;
    match pending
        .attempt
        .state()
        .verify
        .trigger_next_event(request_id)
        .await
    {
        Ok(()) => {
            pending.audit(&Outcome::NextEvent, Some(request_id)).await?;
            tracing::info!(user_id = pending.attempt.user.id, number = %pending.request.phone_number, "moved on to the next delivery");
            Ok(())
        }
        Err(error) => {
            let outcome = pending.attempt.provider_outcome(&error);
            pending.audit(&outcome, Some(request_id)).await?;
            Err(match error {
                VerifyError::ControlNotPossible { .. } | VerifyError::RequestNotFound => {
                    AppError::NoMoreDeliveries
                }
                other => start_failure(&other),
            })
        }
    }
}
