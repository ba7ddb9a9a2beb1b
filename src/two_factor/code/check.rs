//! (ssr) The code step, behind `check_code`: apply the pending-request rule, throttle, check
//! the code with the Verify API, settle the account's number, verify and rotate the session.

use crate::two_factor::{
    attempt::Attempt,
    db::{self, PhoneWrite},
    pending::usable_pending,
    provider_errors::check_failure,
    recovery::codes as recovery,
    state::{self as session_state, PendingVerification},
};
use crate::{
    accounts::login::refresh_login,
    domain::VerificationCode,
    error::{AppError, Field, OrInternal},
    request::audit::{Action, Outcome},
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
    let mut attempt = Attempt::current().await?;
    let user_id = attempt.user.id;
    let pending = usable_pending(&attempt, Action::Check).await?;
    let code = VerificationCode::parse(code).map_err(|e| AppError::invalid(Field::Code, e.0))?;

    // A slot for a failed check is taken before the provider sees the code, per account
    // across sessions and instances, and given back when the code was not wrong.
    let checked_as = Checked { pending: &pending };
    let reservation = attempt
        .reserve(
            &attempt.failed_check_buckets(),
            Action::Check,
            Some(&pending.phone_number),
            Some(&pending.request_id),
        )
        .await?;
    let checked = attempt
        .state()
        .verify
        .check(&pending.request_id, &code)
        .await;
    if matches!(
        checked,
        Err(VerifyError::WrongCode | VerifyError::TooManyWrongCodes)
    ) {
        reservation.keep();
    } else {
        attempt.request.release(reservation).await;
    }
    if let Err(error) = checked {
        let outcome = attempt.provider_outcome(&error);
        tracing::info!(user_id, outcome = %outcome.log_term(), "code check failed");
        checked_as.audit(&attempt, &outcome).await?;
        // These end the request at the provider: a new code is needed.
        if matches!(
            error,
            VerifyError::TooManyWrongCodes | VerifyError::RequestNotFound
        ) {
            attempt
                .two_factor()
                .clear_pending()
                .await
                .or_internal("clearing a finished verification")?;
        }
        return Err(check_failure(&error));
    }
    checked_as.audit(&attempt, &Outcome::Done).await?;
    // A session logged out while the code was being checked stays logged out, and nothing
    // is confirmed for it.
    attempt.request.ensure_session_open().await?;

    let verified = match settle_number(&attempt, &pending).await {
        Ok(verified) => verified,
        Err(error) => {
            attempt
                .two_factor()
                .clear_pending()
                .await
                .or_internal("clearing a verification")?;
            return Err(error);
        }
    };
    if verified == Verified::NumberChanged {
        // The change signed out every session of the account; this one carries on.
        refresh_login(&mut attempt.request).await?;
    }
    attempt
        .two_factor()
        .mark_verified(attempt.now())
        .await
        .or_internal("marking the session verified")?;
    if verified == Verified::NumberConfirmed {
        let codes = recovery::replace_codes(attempt.request.db(), user_id, attempt.now())
            .await
            .or_internal("creating recovery codes")?;
        session_state::stash_fresh_recovery_codes(
            attempt.request.session(),
            user_id,
            codes,
            attempt.now(),
        )
        .await
        .or_internal("keeping new recovery codes to show")?;
    }
    attempt.request.rotate_session_id().await?;
    tracing::info!(user_id, "session verified");
    Ok(verified)
}

/// The request a code was checked against, for its audit rows.
struct Checked<'a> {
    pending: &'a PendingVerification,
}

impl Checked<'_> {
    async fn audit(&self, attempt: &Attempt, outcome: &Outcome) -> Result<(), AppError> {
        attempt
            .audit(
                Action::Check,
                Some(&self.pending.phone_number),
                Some(&self.pending.request_id),
                outcome,
            )
            .await
    }
}

/// What a good code does to the account's number, as one compare-and-set on the phone epoch
/// the request started in: confirm a first number, replace it (a number change), or find it
/// still the confirmed one.
async fn settle_number(
    attempt: &Attempt,
    pending: &PendingVerification,
) -> Result<Verified, AppError> {
    let (db, user) = (attempt.request.db(), &attempt.user);
    let (user_id, epoch) = (user.id, user.phone_epoch);
    let number = pending.phone_number.e164();
    // Written or not, even if this request is cancelled mid-write, the next request reads the
    // user again (a no-op when nothing changed).
    let forget = attempt.request.state().users.forget_when_dropped(user_id);
    let outcome = if pending.change_number {
        db::replace_confirmed_phone(db, user_id, number, epoch, user.session_epoch)
            .await
            .map(|written| (written, Verified::NumberChanged))
    } else if user.phone_number.is_none() {
        db::record_confirmed_phone(db, user_id, number, epoch)
            .await
            .map(|written| (written, Verified::NumberConfirmed))
    } else {
        db::phone_still_confirmed(db, user_id, number, epoch)
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
    drop(forget);
    match outcome.or_internal("settling the confirmed number")? {
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
