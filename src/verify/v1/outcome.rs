//! From a v1 reply's status to a [`VerifyError`], per operation (the same number means
//! different things on different endpoints), and the one log line each call writes.

use super::super::{ApiVersion, RequestId, Unavailable, VerifyError};
use super::transport::Reply;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operation {
    Start,
    Check,
    Control,
}

/// `Ok` carries the echoed request id of a success (status "0"), checked by the caller.
pub(super) fn interpret(
    operation: Operation,
    reply: Reply,
) -> Result<Option<RequestId>, VerifyError> {
    let echoed = reply.request_id.as_deref().and_then(RequestId::parse);
    let error_text = reply.error_text.unwrap_or_default();
    let status = reply.status;
    let error = match status.as_str() {
        "0" => return Ok(echoed),
        "1" => VerifyError::Throttled,
        // The person typed a number the provider will not take: theirs to change, not ours.
        "3" if operation == Operation::Start && names_the_number(&error_text) => {
            VerifyError::NumberNotSupported { status }
        }
        "5" => VerifyError::Unavailable(Unavailable::ProviderError),
        // On start, 6 is a generic "unable to process", not a finished request.
        "6" if matches!(operation, Operation::Check | Operation::Control) => {
            VerifyError::RequestNotFound
        }
        "7" | "15" | "29" if operation == Operation::Start => {
            VerifyError::NumberNotSupported { status }
        }
        "10" if operation == Operation::Start => {
            VerifyError::ConcurrentRequest { request_id: echoed }
        }
        "16" if operation == Operation::Check => VerifyError::WrongCode,
        "17" if operation == Operation::Check => VerifyError::TooManyWrongCodes,
        "19" if operation == Operation::Control => {
            VerifyError::ControlNotPossible { reason: error_text }
        }
        _ => VerifyError::Rejected { status, error_text },
    };
    Err(error)
}

/// "Invalid value for number" (or "…parameter number", "…param: number").
fn names_the_number(error_text: &str) -> bool {
    error_text.trim_end_matches('.').rsplit([' ', ':']).next() == Some("number")
}

/// One line per call. Our mistakes are errors, the provider's are warnings, and what a
/// person caused (a wrong code, an unsupported number) is ordinary information.
pub(super) fn log_outcome<T>(outcome: &Result<T, VerifyError>, started: Instant) {
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok(_) => tracing::info!(outcome = "status 0", elapsed_ms, "verify call succeeded"),
        Err(error @ (VerifyError::Rejected { .. } | VerifyError::InvalidOptions(_))) => {
            tracing::error!(outcome = %error.log_label(ApiVersion::V1), elapsed_ms, %error, "verify call rejected");
        }
        Err(error @ VerifyError::Unavailable(_)) => {
            tracing::warn!(outcome = %error.log_label(ApiVersion::V1), elapsed_ms, "verify call failed");
        }
        Err(error) => {
            tracing::info!(outcome = %error.log_label(ApiVersion::V1), elapsed_ms, "verify call refused")
        }
    }
}
