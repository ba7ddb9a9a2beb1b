//! (ssr) "I lost my phone": a recovery code verifies the session once, throttled and audited
//! like a code check.

use super::codes as recovery;
use crate::two_factor::attempt::Attempt;
use crate::{
    error::{AppError, Field, OrInternal},
    request::audit::{Action, Outcome},
};

pub async fn verify_with_recovery_code(typed: &str) -> Result<(), AppError> {
    let attempt = Attempt::current().await?;
    let user_id = attempt.user.id;
    if attempt.user.phone_number.is_none() {
        return Err(AppError::invalid(
            Field::RecoveryCode,
            "Recovery codes come with your first confirmed number: please verify with a code by SMS.",
        ));
    }
    if recovery::normalise(typed).is_empty() {
        return Err(AppError::invalid(
            Field::RecoveryCode,
            "Please type one of your recovery codes.",
        ));
    }
    // Wrong recovery codes count with wrong SMS codes: one budget for guessing, a slot taken
    // before the code is compared and given back when it was right.
    let reservation = attempt
        .reserve(
            &attempt.failed_check_buckets(),
            Action::Recovery,
            None,
            None,
        )
        .await?;
    let spent = recovery::spend_code(attempt.request.db(), user_id, typed, attempt.now())
        .await
        .or_internal("spending a recovery code")?;
    if !spent {
        reservation.keep();
        attempt
            .audit(Action::Recovery, None, None, &Outcome::WrongRecoveryCode)
            .await?;
        return Err(AppError::invalid(
            Field::RecoveryCode,
            "That recovery code is not right, or it was already used.",
        ));
    }
    attempt.request.release(reservation).await;
    attempt
        .audit(Action::Recovery, None, None, &Outcome::Done)
        .await?;
    attempt
        .two_factor()
        .mark_verified(attempt.now())
        .await
        .or_internal("marking the session verified")?;
    // A session logged out while this ran stays logged out (see `SessionBackend::rotate_id`).
    attempt.request.rotate_session_id().await?;
    tracing::info!(user_id, "session verified with a recovery code");
    Ok(())
}
