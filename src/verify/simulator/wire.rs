//! The v1 reply bodies, with the exact `error_text`s of verify-api.md §1.4, §1.5 and §1.8.
//! Every reply is HTTP 200 `application/json` with a string `status`; only failures carry
//! an `error_text` (clients such as the Ruby SDK treat its mere presence as an error).

use axum::Json;
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy)]
pub(super) enum Endpoint {
    Start,
    Check,
}

/// A reply with a non-zero status.
#[derive(Debug)]
pub(super) struct Failure {
    status: &'static str,
    error_text: String,
    request_id: Option<String>,
}

impl Failure {
    fn new(status: &'static str, error_text: impl Into<String>) -> Self {
        Self {
            status,
            error_text: error_text.into(),
            request_id: None,
        }
    }

    pub(super) fn missing(name: &str) -> Self {
        Self::new(
            "2",
            format!("Your request is incomplete and missing the mandatory parameter: {name}"),
        )
    }

    pub(super) fn invalid(name: &str) -> Self {
        Self::new("3", format!("Invalid value for {name}"))
    }

    /// The wording the spec's example uses for a malformed `request_id` on check.
    pub(super) fn invalid_request_id() -> Self {
        Self::new("3", "Invalid value for param: request_id")
    }

    /// The real API words status 4 differently on start and on the other endpoints.
    pub(super) fn bad_credentials(endpoint: Endpoint) -> Self {
        match endpoint {
            Endpoint::Start => Self::new("4", "Invalid credentials were provided"),
            Endpoint::Check => Self::new("4", "Bad credentials"),
        }
    }

    /// A custom `pin_code` is a feature Vonage enables per account; this one has not got it.
    pub(super) fn pin_code_not_enabled() -> Self {
        Self::new(
            "20",
            "This account does not support the parameter: pin_code.",
        )
    }

    /// Names the request already running for the number, as the real API does.
    pub(super) fn concurrent(running_request_id: String) -> Self {
        Self {
            request_id: Some(running_request_id),
            ..Self::new(
                "10",
                "Concurrent verifications to the same number are not allowed",
            )
        }
    }

    pub(super) fn wrong_code(request_id: &str) -> Self {
        Self {
            request_id: Some(request_id.to_owned()),
            ..Self::new("16", "The code provided does not match the expected value")
        }
    }

    pub(super) fn too_many_wrong_codes() -> Self {
        Self::new(
            "17",
            "The wrong code was provided too many times. Request terminated",
        )
    }

    pub(super) fn not_found(request_id: &str) -> Self {
        Self::new(
            "6",
            format!(
                "The Vonage platform was unable to process this message for the following \
                 reason: Request '{request_id}' was not found or it has been verified already."
            ),
        )
    }
}

/// Renders the outcome, and logs it: the simulator's log is how a developer sees what the
/// app asked for.
pub(super) fn reply(endpoint: Endpoint, outcome: Result<Value, Failure>) -> Json<Value> {
    match outcome {
        Ok(success) => {
            tracing::info!(?endpoint, status = "0", "simulated Verify v1 call");
            Json(success)
        }
        Err(failure) => {
            tracing::info!(
                ?endpoint,
                status = failure.status,
                error_text = %failure.error_text,
                "simulated Verify v1 call refused"
            );
            let mut body = json!({ "status": failure.status, "error_text": failure.error_text });
            if let Some(request_id) = failure.request_id {
                body["request_id"] = Value::String(request_id);
            }
            Json(body)
        }
    }
}
