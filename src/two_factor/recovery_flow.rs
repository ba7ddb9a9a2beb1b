//! (ssr) "I lost my phone": a recovery code verifies the session once, throttled and audited
//! like a code check.

use super::{
    audit::Action,
    caller::{throttled, Caller},
    guard::require_user,
    recovery,
    state::TwoFactorState,
    throttle,
};
use crate::{
    error::{AppError, Field},
    server::state::{internal_error, AppState},
};

pub async fn verify_with_recovery_code(typed: &str) -> Result<(), AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let user = &caller.user;
    if user.phone_number.is_none() {
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
    let failures = caller.failed_check_buckets(&state);
    let reservation = match throttle::reserve(&state.db, &failures, caller.now).await {
        Ok(reservation) => reservation,
        Err(error) => {
            caller
                .audit(&state, Action::Recovery, None, None, "throttled")
                .await?;
            return Err(throttled(error));
        }
    };
    let spent = recovery::spend_code(&state.db, user.id, typed, caller.now)
        .await
        .map_err(|e| internal_error("spending a recovery code", e))?;
    if !spent {
        caller
            .audit(&state, Action::Recovery, None, None, "wrong recovery code")
            .await?;
        return Err(AppError::invalid(
            Field::RecoveryCode,
            "That recovery code is not right, or it was already used.",
        ));
    }
    reservation
        .release(&state.db)
        .await
        .map_err(|e| internal_error("giving back a recovery attempt's slot", e))?;
    caller
        .audit(&state, Action::Recovery, None, None, "ok")
        .await?;
    // A session logged out while this ran stays logged out (see `SessionBackend::rotate_id`).
    state.sessions.rotate_id(&auth.session).await?;
    TwoFactorState::new(&auth.session, user.id)
        .mark_verified(caller.now)
        .await
        .map_err(|e| internal_error("marking the session verified", e))?;
    tracing::info!(user_id = user.id, "session verified with a recovery code");
    Ok(())
}
