//! (ssr) Which pending request a session may still use: the one rule that `check_code`,
//! "Send a new code" and "Call me instead" all apply before they touch the provider.
//!
//! A pending request confirms (or re-delivers to) only the number it was meant for, as the
//! account stands *now*: its confirmed number; any number while the account has none; or, for
//! a number change, the new number asked for from a session that is still verified. The phone
//! epoch makes "as the account stands now" exact: confirming or changing the number raises it,
//! which ends every other session's pending request at once.

use super::{attempt::Attempt, state::PendingVerification};
use crate::{
    accounts::backend::User,
    error::{AppError, OrInternal},
    request::audit::{Action, Outcome},
};

/// Why a pending request may not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Made before the account's number was set or changed, or for a number that is not the
    /// account's: start again.
    Stale,
    /// A number change whose session is no longer verified.
    NoLongerVerified,
}

/// The rule itself, on the user as loaded for this request.
pub fn may_use(
    user: &User,
    pending: &PendingVerification,
    session_verified: bool,
) -> Result<(), Refusal> {
    if pending.phone_epoch != Some(user.phone_epoch) {
        return Err(Refusal::Stale);
    }
    if pending.change_number {
        return if session_verified {
            Ok(())
        } else {
            Err(Refusal::NoLongerVerified)
        };
    }
    match user.phone_number.as_deref() {
        None => Ok(()),
        Some(confirmed) if confirmed == pending.phone_number.e164() => Ok(()),
        Some(_) => Err(Refusal::Stale),
    }
}

/// This session's pending request, if the rule allows it now. A refused
/// request is cleared from the session and audited under `action`: nothing more can come of it.
pub async fn usable_pending(
    attempt: &Attempt,
    action: Action,
) -> Result<PendingVerification, AppError> {
    let two_factor = attempt.two_factor();
    let pending = two_factor
        .pending()
        .await
        .or_internal("reading the pending verification")?
        .ok_or(AppError::NoCodeRequested)?;
    let session_verified = two_factor
        .is_verified(attempt.state().two_factor_max_age, attempt.now())
        .await
        .or_internal("reading the 2FA session state")?;
    let Err(refusal) = may_use(&attempt.user, &pending, session_verified) else {
        return Ok(pending);
    };
    two_factor
        .clear_pending()
        .await
        .or_internal("clearing a stale verification")?;
    let (outcome, error) = match refusal {
        Refusal::Stale => (Outcome::StaleRequest, AppError::StaleRequest),
        Refusal::NoLongerVerified => (Outcome::NoLongerVerified, AppError::NotVerified),
    };
    attempt
        .audit(
            action,
            Some(&pending.phone_number),
            Some(&pending.request_id),
            &outcome,
        )
        .await?;
    tracing::info!(
        user_id = attempt.user.id,
        outcome = %outcome.log_term(),
        "a pending request was refused"
    );
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{domain::PhoneNumber, verify::RequestId};

    fn user(phone_number: Option<&str>, phone_epoch: i64) -> User {
        User::for_tests(7, phone_number, phone_epoch)
    }

    fn pending(number: &str, epoch: Option<i64>, change_number: bool) -> PendingVerification {
        PendingVerification {
            request_id: RequestId::parse("abc").unwrap(),
            phone_number: PhoneNumber::parse(number).unwrap(),
            started_at: 0,
            change_number,
            phone_epoch: epoch,
        }
    }

    const OWN: &str = "+12125550142";
    const OTHER: &str = "+12125550143";

    #[test]
    fn a_first_number_may_be_anything_while_the_account_has_none() {
        assert_eq!(
            may_use(&user(None, 0), &pending(OTHER, Some(0), false), false),
            Ok(())
        );
    }

    #[test]
    fn once_a_number_is_confirmed_only_that_number_verifies() {
        let owner = user(Some(OWN), 1);
        assert_eq!(
            may_use(&owner, &pending(OWN, Some(1), false), false),
            Ok(())
        );
        assert_eq!(
            may_use(&owner, &pending(OTHER, Some(1), false), false),
            Err(Refusal::Stale)
        );
    }

    #[test]
    fn a_request_from_before_the_number_was_set_or_changed_is_stale() {
        // Asked for before the owner confirmed OWN elsewhere, even for that very number.
        let owner = user(Some(OWN), 1);
        assert_eq!(
            may_use(&owner, &pending(OTHER, Some(0), false), true),
            Err(Refusal::Stale)
        );
        assert_eq!(
            may_use(&owner, &pending(OWN, Some(0), false), true),
            Err(Refusal::Stale)
        );
        assert_eq!(
            may_use(&owner, &pending(OWN, None, false), true),
            Err(Refusal::Stale)
        );
    }

    #[test]
    fn a_number_change_needs_the_session_still_verified() {
        let owner = user(Some(OWN), 1);
        assert_eq!(
            may_use(&owner, &pending(OTHER, Some(1), true), true),
            Ok(())
        );
        assert_eq!(
            may_use(&owner, &pending(OTHER, Some(1), true), false),
            Err(Refusal::NoLongerVerified)
        );
    }
}
