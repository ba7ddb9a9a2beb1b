//! (ssr) The code step, behind `check_code`: apply the pending-request rule, throttle, check
//! the code with the Verify API, settle the account's number, verify and rotate the session.

use super::{
    audit::Action,
    caller::{throttled, Caller},
    db::{self, PhoneWrite},
    guard::require_user,
    pending::usable_pending,
    provider_errors::check_failure,
    recovery,
    state::{self as session_state, PendingVerification, TwoFactorState},
    throttle,
};
use crate::{
    accounts::backend::{AuthSession, User},
    domain::VerificationCode,
    error::{AppError, Field},
    server::state::{internal_error, AppState},
    verify::VerifyError,
};

/// How a good code ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// The number was confirmed just now: show the new recovery codes.
    NumberConfirmed,
    /// The account's number was replaced by the one just verified.
    NumberChanged,
    /// The number was already the user's.
    Again,
}

/// Checks `code`; on success confirms the number (if new, with a fresh set of recovery codes
/// kept in the session to be shown once) or replaces it (a number change), marks this session
/// verified for this user and rotates the session id. Only a pending request that the rule in
/// `pending` allows gets as far as the provider.
pub async fn check_code(code: &str) -> Result<Verified, AppError> {
    let (mut auth, user) = require_user().await?;
    let state = AppState::current()?;
    let caller = Caller::new(user, &state).await;
    let user_id = caller.user.id;
    let two_factor = TwoFactorState::new(&auth.session, user_id);
    let (pending, number) = usable_pending(&two_factor, &caller, &state, Action::Check).await?;
    let code = VerificationCode::parse(code).map_err(|e| AppError::invalid(Field::Code, e.0))?;
    let audit = |outcome: String| {
        let (number, caller, state) = (&number, &caller, &state);
        let request_id = pending.request_id.clone();
        async move {
            caller
                .audit(
                    state,
                    Action::Check,
                    Some(number),
                    Some(&request_id),
                    &outcome,
                )
                .await
        }
    };

    // A slot for a failed check is taken before the provider sees the code, per account
    // across sessions and instances, and given back when the code was not wrong.
    let failures = caller.failed_check_buckets(&state);
    let reservation = match throttle::reserve(&state.db, &failures, caller.now).await {
        Ok(reservation) => reservation,
        Err(error) => {
            audit("throttled".into()).await?;
            return Err(throttled(error));
        }
    };
    let checked = state.verify.check(&pending.request_id, &code).await;
    if !matches!(
        checked,
        Err(VerifyError::WrongCode | VerifyError::TooManyWrongCodes)
    ) {
        reservation
            .release(&state.db)
            .await
            .map_err(|e| internal_error("giving back a check's throttle slot", e))?;
    }
    if let Err(error) = checked {
        tracing::info!(user_id, outcome = %error.log_label(), "code check failed");
        audit(error.log_label()).await?;
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
    // A new id now, before anything is settled: a session that was logged out while the
    // code was being checked stays logged out, and nothing is confirmed for it.
    state.sessions.rotate_id(&auth.session).await?;

    let verified = match settle_number(&state, &caller, &pending).await {
        Ok(verified) => verified,
        Err(error) => {
            two_factor
                .clear_pending()
                .await
                .map_err(|e| internal_error("clearing a verification", e))?;
            return Err(error);
        }
    };
    if verified == Verified::NumberChanged {
        // The change signed out every session of the account; this one carries on.
        keep_this_session_signed_in(&mut auth, &state, user_id).await?;
    }
    let two_factor = TwoFactorState::new(&auth.session, user_id);
    two_factor
        .mark_verified(caller.now)
        .await
        .map_err(|e| internal_error("marking the session verified", e))?;
    if verified == Verified::NumberConfirmed {
        let codes = recovery::replace_codes(&state.db, user_id, caller.now)
            .await
            .map_err(|e| internal_error("creating recovery codes", e))?;
        session_state::stash_fresh_recovery_codes(&auth.session, user_id, codes, caller.now)
            .await
            .map_err(|e| internal_error("keeping new recovery codes to show", e))?;
    }
    tracing::info!(user_id, "session verified");
    Ok(verified)
}

/// What a good code does to the account's number, as one compare-and-set on the phone epoch
/// the request started in: confirm a first number, replace it (a number change), or find it
/// still the confirmed one.
async fn settle_number(
    state: &AppState,
    caller: &Caller,
    pending: &PendingVerification,
) -> Result<Verified, AppError> {
    let user_id = caller.user.id;
    let epoch = caller.user.phone_epoch;
    let number = pending.phone_number.as_str();
    let outcome = if pending.change_number {
        db::replace_confirmed_phone(&state.db, user_id, number, epoch)
            .await
            .map(|written| (written, Verified::NumberChanged))
    } else if caller.user.phone_number.is_none() {
        db::record_confirmed_phone(&state.db, user_id, number, epoch)
            .await
            .map(|written| (written, Verified::NumberConfirmed))
    } else {
        db::phone_still_confirmed(&state.db, user_id, number, epoch)
            .await
            .map(|still| {
                let written = if still {
                    PhoneWrite::Done
                } else {
                    PhoneWrite::Stale
                };
                (written, Verified::Again)
            })
    };
    match outcome.map_err(|e| internal_error("settling the confirmed number", e))? {
        (PhoneWrite::Done, verified) => {
            if verified == Verified::NumberChanged {
                tracing::info!(user_id, "confirmed number changed");
            }
            Ok(verified)
        }
        (PhoneWrite::Taken, _) => Err(AppError::PhoneTaken),
        (PhoneWrite::Stale, _) => Err(AppError::StaleRequest),
    }
}

/// Stores the account's new auth hash in this session, so it alone survives a change that
/// signed out the others.
pub async fn keep_this_session_signed_in(
    auth: &mut AuthSession,
    state: &AppState,
    user_id: i64,
) -> Result<(), AppError> {
    let refreshed: User = crate::accounts::db::fetch_user_by_id(&state.db, user_id)
        .await
        .map_err(|e| internal_error("reloading a user", e))?
        .ok_or(AppError::NotLoggedIn)?
        .into();
    auth.login(&refreshed)
        .await
        .map_err(|e| internal_error("refreshing this session", e))
}
