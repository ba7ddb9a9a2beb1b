//! (ssr) "Send a new code" and "Call me instead" from the code step, following the Verify
//! API's rules: a request can be cancelled (and a new one started) only 30 seconds after it
//! began; moving on to the next delivery (a voice call) works until none is left.

use super::{
    audit::Action,
    caller::{throttled, Caller},
    guard::require_user,
    pending::usable_pending,
    provider_errors::start_failure,
    state::{PendingVerification, TwoFactorState},
    throttle,
};
use crate::{
    domain::PhoneNumber,
    error::AppError,
    server::state::{internal_error, AppState},
    verify::VerifyError,
};

/// Verify v1 refuses to cancel a request in its first 30 seconds.
pub const RESEND_AFTER_SECS: i64 = 30;

/// Seconds until a new code may be asked for (0: now).
pub fn resend_wait(pending: &PendingVerification, now: i64) -> i64 {
    (pending.started_at + RESEND_AFTER_SECS - now).max(0)
}

/// The pending request this session would deliver again.
struct Pending {
    session: tower_sessions::Session,
    caller: Caller,
    state: AppState,
    request: PendingVerification,
    number: PhoneNumber,
}

/// The pending request, if the rule in `pending` still allows delivering to its number: a
/// new code or a call never goes to a number the account has moved on from.
async fn load_pending(action: Action) -> Result<Pending, AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let two_factor = TwoFactorState::new(&auth.session, caller.user.id);
    let (request, number) = usable_pending(&two_factor, &caller, &state, action).await?;
    Ok(Pending {
        session: auth.session,
        caller,
        state,
        request,
        number,
    })
}

impl Pending {
    async fn audit_as(
        &self,
        action: Action,
        outcome: &str,
        request_id: Option<&crate::verify::RequestId>,
    ) -> Result<(), AppError> {
        self.caller
            .audit(&self.state, action, Some(&self.number), request_id, outcome)
            .await
    }

    async fn audit(
        &self,
        outcome: &str,
        request_id: Option<&crate::verify::RequestId>,
    ) -> Result<(), AppError> {
        self.audit_as(Action::Resend, outcome, request_id).await
    }

    /// A new delivery costs like a new start: the same limits apply.
    async fn take_delivery_budget(&self) -> Result<(), AppError> {
        let buckets = self.caller.start_buckets(&self.state, &self.number);
        if let Err(error) = throttle::reserve(&self.state.db, &buckets, self.caller.now).await {
            self.audit("throttled", Some(&self.request.request_id))
                .await?;
            return Err(throttled(error));
        }
        Ok(())
    }
}

pub async fn resend_code() -> Result<(), AppError> {
    let pending = load_pending(Action::Resend).await?;
    let wait = resend_wait(&pending.request, pending.caller.now);
    if wait > 0 {
        pending
            .audit("too soon", Some(&pending.request.request_id))
            .await?;
        return Err(AppError::TooSoon {
            retry_after_secs: wait,
        });
    }
    pending.take_delivery_budget().await?;
    let old_id = &pending.request.request_id;
    let cancelled = pending.state.verify.cancel(old_id).await;
    let outcome = cancelled
        .as_ref()
        .map_or_else(VerifyError::log_label, |()| "ok".to_owned());
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
    let request_id = match pending
        .state
        .verify
        .start_with(&pending.number, &pending.state.start_options)
        .await
    {
        Ok(request_id) => request_id,
        Err(error) => {
            pending.audit(&error.log_label(), None).await?;
            return Err(start_failure(&error));
        }
    };
    pending.audit("ok", Some(&request_id)).await?;
    let user_id = pending.caller.user.id;
    TwoFactorState::new(&pending.session, user_id)
        .set_pending(PendingVerification {
            request_id,
            started_at: pending.caller.now,
            phone_epoch: Some(pending.caller.user.phone_epoch),
            ..pending.request.clone()
        })
        .await
        .map_err(|e| internal_error("storing the new pending verification", e))?;
    tracing::info!(user_id, number = %pending.number, "new code sent");
    Ok(())
}

pub async fn call_me() -> Result<(), AppError> {
    let pending = load_pending(Action::Resend).await?;
    pending.take_delivery_budget().await?;
    let request_id = &pending.request.request_id;
    match pending.state.verify.trigger_next_event(request_id).await {
        Ok(()) => {
            pending.audit("next event", Some(request_id)).await?;
            tracing::info!(user_id = pending.caller.user.id, number = %pending.number, "moved on to the next delivery");
            Ok(())
        }
        Err(error) => {
            pending.audit(&error.log_label(), Some(request_id)).await?;
            Err(match error {
                VerifyError::ControlNotPossible { .. } | VerifyError::RequestNotFound => {
                    AppError::NoMoreDeliveries
                }
                other => start_failure(&other),
            })
        }
    }
}
