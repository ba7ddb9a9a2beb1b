//! The v1 reply bodies, with the exact `error_text`s of verify-api.md §1.4 to §1.8. Every
//! reply is HTTP 200 `application/json` with a string `status`; only failures carry an
//! `error_text` (clients such as the Ruby SDK treat its mere presence as an error).

use axum::Json;
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Endpoint {
    Start,
    Check,
    Search,
    Control,
}

/// A reply with a non-zero status.
#[derive(Debug)]
pub(super) struct Failure {
    status: String,
    error_text: String,
    request_id: Option<String>,
    /// The blocked network, on status 7.
    network: Option<&'static str>,
}

impl Failure {
    fn new(status: &str, error_text: impl Into<String>) -> Self {
        Self {
            status: status.to_owned(),
            error_text: error_text.into(),
            request_id: None,
            network: None,
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

    /// The wording the spec's example uses for a malformed `request_id`.
    pub(super) fn invalid_request_id() -> Self {
        Self::new("3", "Invalid value for param: request_id")
    }

    /// The real API words status 4 differently on start and on the other endpoints.
    pub(super) fn bad_credentials(endpoint: Endpoint) -> Self {
        match endpoint {
            Endpoint::Start => Self::new("4", "Invalid credentials were provided"),
            Endpoint::Check | Endpoint::Search | Endpoint::Control => {
                Self::new("4", "Bad credentials")
            }
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

    /// Control on an unknown or finished request.
    pub(super) fn not_active(request_id: &str) -> Self {
        Self::new(
            "6",
            format!("The requestId '{request_id}' does not exist or its no longer active."),
        )
    }

    pub(super) fn cancel_too_early(request_id: &str) -> Self {
        Self::new(
            "19",
            format!(
                "Verification request ['{request_id}'] can't be cancelled within the first \
                 30 seconds."
            ),
        )
    }

    /// The double space after "request" is the real API's.
    pub(super) fn cancel_too_late(request_id: &str) -> Self {
        Self::new(
            "19",
            format!(
                "Verification request  ['{request_id}'] can't be cancelled now. Too many \
                 attempts to re-deliver have already been made."
            ),
        )
    }

    pub(super) fn no_events_left(request_id: &str) -> Self {
        Self::new(
            "19",
            format!("No more events are left to execute for the request ['{request_id}']"),
        )
    }

    pub(super) fn too_many_request_ids() -> Self {
        Self::new("18", "Too many request_ids provided")
    }

    pub(super) fn no_response_found() -> Self {
        Self::new("101", "No response found")
    }

    /// An injected [`Fault::Status`](super::Fault::Status), with the text the real API
    /// gives that status where one is documented.
    pub(super) fn injected(status: &str) -> Self {
        let error_text = match status {
            "1" => "Throttled",
            "5" => "Internal Error",
            "7" => "The number you are trying to verify is blacklisted for verification.",
            "8" => "The api_key you supplied is for an account that has been barred from submitting messages.",
            "9" => "Partner quota exceeded",
            "15" => "The destination number is not in a supported network",
            "29" => "Non-Permitted Destination",
            _ => "Simulated failure",
        };
        Self {
            network: (status == "7").then_some("25503"),
            ..Self::new(status, error_text)
        }
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
            if let Some(network) = failure.network {
                body["network"] = Value::from(network);
            }
            Json(body)
        }
    }
}
