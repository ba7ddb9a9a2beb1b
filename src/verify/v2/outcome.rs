//! From a v2 answer that is no success to a [`VerifyError`], per operation (409 means three
//! different things on three endpoints), and the one log line each call writes.

use super::super::failure::{malformed, record_cause};
use super::super::{ApiVersion, RequestId, Unavailable, VerifyError};
use super::transport::Answer;
use serde_json::{Map, Value};
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Operation {
    Start,
    Check,
    Cancel,
    NextWorkflow,
}

/// The parts of an RFC 7807 problem body we read (verify-api.md §2.5).
struct Problem {
    detail: String,
    /// On a 409 to a start: the request already running for the number.
    request_id: Option<String>,
    /// On a 422: the `name` of each invalid parameter.
    invalid_parameters: Vec<String>,
}

impl Problem {
    /// Verify always sends a `title`; a JSON body without one is not a Verify problem
    /// (a gateway's own JSON error, say).
    fn read(object: &Map<String, Value>) -> Option<Self> {
        object.get("title").and_then(Value::as_str)?;
        let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
        let invalid_parameters = match object.get("invalid_parameters") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| item.get("name").and_then(Value::as_str))
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        Some(Self {
            detail: text("detail").unwrap_or_default(),
            request_id: text("request_id"),
            invalid_parameters,
        })
    }

    /// Every invalid parameter is the workflow (`workflow`, `workflow[0]`, …) or its `to`.
    /// We build the workflow ourselves from known channels, so the only thing in it the
    /// provider can refuse is the number the person typed: theirs to change, not ours.
    fn concerns_only_the_number(&self) -> bool {
        !self.invalid_parameters.is_empty()
            && self
                .invalid_parameters
                .iter()
                .all(|name| name == "to" || name.ends_with(".to") || name.starts_with("workflow"))
    }
}

/// The error an answer other than a 2xx stands for.
pub(super) fn failure(operation: Operation, answer: &Answer) -> VerifyError {
    let status = answer.status;
    if status == 429 {
        // A rate limit means the same from Verify or from a gateway in front of it.
        return VerifyError::Throttled;
    }
    if !(400..500).contains(&status) {
        record_cause(&format!("HTTP {status}"));
        return VerifyError::Unavailable(Unavailable::HttpStatus(status));
    }
    let problem = answer.object().as_ref().and_then(Problem::read);
    let Some(problem) = problem else {
        // These statuses say something about the request (a wrong code, no such request):
        // told to a person, so only Verify's own problem body is believed, never a proxy's
        // page with the same status.
        if matches!(status, 400 | 404 | 409 | 410 | 422) {
            return malformed(&format!("HTTP {status} without a problem body"));
        }
        return rejected(status, String::new());
    };
    match (status, operation) {
        (400, Operation::Check) => VerifyError::WrongCode,
        (410, Operation::Check) => VerifyError::TooManyWrongCodes,
        (404, Operation::Check | Operation::Cancel | Operation::NextWorkflow) => {
            VerifyError::RequestNotFound
        }
        (409, Operation::Start) => VerifyError::ConcurrentRequest {
            request_id: problem.request_id.as_deref().and_then(RequestId::parse),
        },
        (409, Operation::Cancel | Operation::NextWorkflow) => VerifyError::ControlNotPossible {
            reason: problem.detail,
        },
        (422, Operation::Start) if problem.concerns_only_the_number() => {
            VerifyError::NumberNotSupported {
                status: status.to_string(),
            }
        }
        _ => rejected(status, problem.detail),
    }
}

fn rejected(status: u16, detail: String) -> VerifyError {
    VerifyError::Rejected {
        status: status.to_string(),
        error_text: detail,
    }
}

/// One line per call, at the levels v1 uses: our mistakes are errors, the provider's are
/// warnings, what a person caused is information. The outcome is the HTTP status received
/// (`http 400`), or what stood in for an answer (`timeout`, `malformed response`, …).
pub(super) fn log_outcome<T>(
    outcome: &Result<T, VerifyError>,
    http_status: Option<u16>,
    started: Instant,
) {
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let label = match (outcome, http_status) {
        (
            Err(
                error @ VerifyError::Unavailable(
                    Unavailable::MalformedResponse | Unavailable::Timeout | Unavailable::Connection,
                ),
            ),
            _,
        ) => error.log_label(ApiVersion::V2),
        (_, Some(status)) => format!("http {status}"),
        (Err(error), None) => error.log_label(ApiVersion::V2),
        (Ok(_), None) => "ok".to_owned(),
    };
    match outcome {
        Ok(_) => tracing::info!(outcome = %label, elapsed_ms, "verify call succeeded"),
        Err(error @ (VerifyError::Rejected { .. } | VerifyError::InvalidOptions(_))) => {
            tracing::error!(outcome = %label, elapsed_ms, %error, "verify call rejected");
        }
        Err(VerifyError::Unavailable(_)) => {
            tracing::warn!(outcome = %label, elapsed_ms, "verify call failed");
        }
        Err(_) => tracing::info!(outcome = %label, elapsed_ms, "verify call refused"),
    }
}
