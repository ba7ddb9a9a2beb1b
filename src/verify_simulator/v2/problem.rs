//! v2's error bodies: RFC 7807 `application/problem+json` with the exact `type`, `title`
//! and `detail` of verify-api.md §2.5, an `instance` trace id, and the extra members Verify
//! adds (`request_id` on a start conflict, `invalid_parameters` on a validation failure).

use super::super::random::random_uuid;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

const BAD_REQUEST: &str = "https://developer.nexmo.com/api-errors#bad-request";
const NOT_FOUND: &str = "https://developer.nexmo.com/api-errors#not-found";
const CONFLICT: &str = "https://developer.nexmo.com/api-errors#conflict";
const START_CONFLICT: &str = "https://www.developer.vonage.com/api-errors/verify#conflict";
const GONE: &str = "https://developer.nexmo.com/api-errors#gone";
const INVALID_PARAMS: &str = "https://www.nexmo.com/messages/Errors#InvalidParams";
const UNAUTHORIZED: &str = "https://developer.vonage.com/api-errors#unauthorized";

/// The spec's other 409 text for DELETE and next_workflow, for refusals the simulator's
/// own rules never give.
pub(super) const TRY_LATER: &str =
    "The operation cannot be performed at this time. Please try again later.";

/// One entry of a 422's `invalid_parameters`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct InvalidParameter {
    pub(super) name: String,
    pub(super) reason: String,
}

impl InvalidParameter {
    pub(super) fn new(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            reason: reason.into(),
        }
    }
}

#[derive(Debug)]
pub(super) struct Problem {
    pub(super) status: StatusCode,
    kind: &'static str,
    pub(super) title: &'static str,
    pub(super) detail: String,
    request_id: Option<String>,
    invalid_parameters: Vec<InvalidParameter>,
}

impl Problem {
    pub(super) fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: &str,
    ) -> Self {
        Self {
            status,
            kind,
            title,
            detail: detail.to_owned(),
            request_id: None,
            invalid_parameters: Vec::new(),
        }
    }

    pub(super) fn unauthorized() -> Self {
        let detail = "You did not provide correct credentials";
        Self::new(
            StatusCode::UNAUTHORIZED,
            UNAUTHORIZED,
            "Unauthorized",
            detail,
        )
    }

    pub(super) fn invalid_params(invalid_parameters: Vec<InvalidParameter>) -> Self {
        let detail = "The value of one or more parameters is invalid";
        Self {
            invalid_parameters,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                INVALID_PARAMS,
                "Invalid params",
                detail,
            )
        }
    }

    /// Names the request already running for the number, as the real API does.
    pub(super) fn concurrent(running_request_id: Option<String>) -> Self {
        let detail = "Concurrent verifications to the same number are not allowed.";
        Self {
            request_id: running_request_id,
            ..Self::new(StatusCode::CONFLICT, START_CONFLICT, "Conflict", detail)
        }
    }

    pub(super) fn wrong_code() -> Self {
        let detail = "The code you provided does not match the expected value.";
        Self::new(StatusCode::BAD_REQUEST, BAD_REQUEST, "Invalid Code", detail)
    }

    pub(super) fn too_many_wrong_codes() -> Self {
        let detail = "An incorrect code has been provided too many times. Workflow terminated.";
        Self::new(StatusCode::GONE, GONE, "Invalid Code", detail)
    }

    pub(super) fn not_found(request_id: &str) -> Self {
        let detail =
            format!("Request '{request_id}' was not found or it has been verified already.");
        Self::new(StatusCode::NOT_FOUND, NOT_FOUND, "Not Found", &detail)
    }

    pub(super) fn no_more_events() -> Self {
        let detail = "There are no more events left to trigger.";
        Self::new(StatusCode::CONFLICT, CONFLICT, "Conflict", detail)
    }

    pub(super) fn conflict(detail: &str) -> Self {
        Self::new(StatusCode::CONFLICT, CONFLICT, "Conflict", detail)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut body = json!({
            "type": self.kind,
            "title": self.title,
            "detail": self.detail,
            // A trace id, new for every answer, as the real API's are.
            "instance": random_uuid(),
        });
        if let Some(request_id) = self.request_id {
            body["request_id"] = json!(request_id);
        }
        if !self.invalid_parameters.is_empty() {
            body["invalid_parameters"] = json!(self.invalid_parameters);
        }
        let content_type = [(header::CONTENT_TYPE, "application/problem+json")];
        (self.status, content_type, body.to_string()).into_response()
    }
}
