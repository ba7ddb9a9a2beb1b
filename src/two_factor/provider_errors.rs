//! (ssr) What each Verify API failure means to the person at the form. The log gets the
//! provider's status; the person gets a sentence they can act on.

use crate::{error::AppError, verify::VerifyError};

/// The provider throttles per second; a minute is a safe thing to tell a person.
const PROVIDER_THROTTLED: AppError = AppError::Throttled {
    retry_after_secs: 60,
};

/// A failed start (sending the code).
pub fn start_failure(error: &VerifyError) -> AppError {
    match error {
        VerifyError::ConcurrentRequest { .. } => AppError::CodeAlreadySent,
        VerifyError::NumberNotSupported { .. } => AppError::NumberNotSupported,
        VerifyError::Throttled => PROVIDER_THROTTLED,
        _ => unavailable(error),
    }
}

/// A failed check (the code the person typed).
pub fn check_failure(error: &VerifyError) -> AppError {
    match error {
        VerifyError::WrongCode => AppError::WrongCode,
        VerifyError::TooManyWrongCodes => AppError::TooManyWrongCodes,
        VerifyError::RequestNotFound => AppError::CodeExpired,
        VerifyError::Throttled => PROVIDER_THROTTLED,
        _ => unavailable(error),
    }
}

/// Our configuration or the provider is at fault: nothing the person can fix but wait.
fn unavailable(error: &VerifyError) -> AppError {
    tracing::error!(?error, "Verify API call failed");
    AppError::VerifyUnavailable
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Unavailable;

    #[test]
    fn every_provider_outcome_has_a_message_a_person_can_act_on() {
        assert_eq!(check_failure(&VerifyError::WrongCode), AppError::WrongCode);
        assert_eq!(
            check_failure(&VerifyError::TooManyWrongCodes),
            AppError::TooManyWrongCodes
        );
        assert_eq!(
            check_failure(&VerifyError::RequestNotFound),
            AppError::CodeExpired
        );
        assert_eq!(
            start_failure(&VerifyError::ConcurrentRequest { request_id: None }),
            AppError::CodeAlreadySent
        );
        assert_eq!(
            start_failure(&VerifyError::NumberNotSupported {
                status: "15".into()
            }),
            AppError::NumberNotSupported
        );
        assert_eq!(start_failure(&VerifyError::Throttled), PROVIDER_THROTTLED);
        for error in [
            VerifyError::Unavailable(Unavailable::Timeout),
            VerifyError::Unavailable(Unavailable::HttpStatus(502)),
            VerifyError::Rejected {
                status: "4".into(),
                error_text: "Bad credentials".into(),
            },
        ] {
            assert_eq!(start_failure(&error), AppError::VerifyUnavailable);
            assert_eq!(check_failure(&error), AppError::VerifyUnavailable);
        }
    }
}
