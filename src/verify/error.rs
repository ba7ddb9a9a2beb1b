//! What can go wrong with a Verify call, grouped by what the caller should do about it.

use super::{ApiVersion, RequestId};

/// Every outcome of a Verify call other than success, the same for both API versions: the
/// v1 status and the v2 HTTP status each variant stands for are in its doc. The two-factor
/// flow shows the person what they caused (a wrong code, an unusable number, throttling)
/// and logs the rest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// v1 status 16, v2 HTTP 400 on check: the code does not match; the person may try again.
    #[error("the code does not match (status 16)")]
    WrongCode,
    /// v1 status 17, v2 HTTP 410: the third wrong code ended the request; a new code is
    /// needed.
    #[error("too many wrong codes, the request was terminated (status 17)")]
    TooManyWrongCodes,
    /// v1 status 6 on check or control; v2 HTTP 404 on check, cancel or next_workflow: the
    /// request is unknown, or expired, failed, cancelled or already verified.
    #[error("the verification request was not found or is finished (status 6)")]
    RequestNotFound,
    /// v1 status 19 on control, v2 HTTP 409 on cancel or next_workflow: the request is
    /// running but cannot be cancelled or moved on now (in the first 30 s, after the second
    /// delivery, or with no delivery left). `reason` is the provider's `error_text` (v1) or
    /// `detail` (v2), which says which.
    #[error("the provider cannot do that to this request now (status 19: {reason})")]
    ControlNotPossible { reason: String },
    /// v1 status 10, v2 HTTP 409 on start: a code was already sent to this number and is
    /// still valid. The provider names the running request, so the caller can go on
    /// checking against it.
    #[error("a verification for this number is already running (status 10)")]
    ConcurrentRequest { request_id: Option<RequestId> },
    /// v1 status 7 (blocked), 15 (unsupported network), 29 (demo-mode account), or 3 for
    /// the number on start; v2 HTTP 422 naming the workflow's `to` (then `status` is
    /// `"422"`): this number cannot get a code, whatever the person retries.
    #[error("the provider cannot send a code to this number (status {status})")]
    NumberNotSupported { status: String },
    /// v1 status 1, v2 HTTP 429: too many requests; try again later.
    #[error("the provider is throttling requests (status 1)")]
    Throttled,
    /// Our side is wrong (v1 status 2, 3, 4, 8, 9, 20 or one we do not know; v2 HTTP 401,
    /// 402, 403, 409 on check, 412, 422 for another parameter, or another 4xx, with the HTTP
    /// status as `status` and the problem's `detail` as `error_text`): a configuration or
    /// code defect to log in full, not something the person can fix.
    #[error("the provider refused the request (status {status}: {error_text})")]
    Rejected { status: String, error_text: String },
    /// Refused before any call: the [`StartOptions`](super::StartOptions) are outside the
    /// documented ranges, or (v2) the configured workflow is empty or too long. A defect in
    /// our code, like [`VerifyError::Rejected`].
    #[error("invalid Verify start options: {0}")]
    InvalidOptions(String),
    /// The provider could not answer usefully; nothing is known about the request.
    #[error("the Verify API is unavailable: {0}")]
    Unavailable(Unavailable),
}

/// Why no usable answer came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    Timeout,
    Connection,
    /// v1: any status but 200. v2: a 5xx, or a status no Verify answer uses (1xx, 3xx).
    HttpStatus(u16),
    /// A body that is not the JSON object the API documents: v1 without its `status`; v2
    /// not JSON, a success without its `request_id`, or an error status that means
    /// something about the request (400, 404, 409, 410, 422) without a problem body.
    MalformedResponse,
    /// Status 5: the provider's internal error.
    ProviderError,
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Timeout => f.write_str("no answer before the timeout"),
            Self::Connection => f.write_str("could not connect"),
            Self::HttpStatus(code) => write!(f, "HTTP status {code}"),
            Self::MalformedResponse => f.write_str("malformed response"),
            Self::ProviderError => f.write_str("internal error at the provider (status 5)"),
        }
    }
}

impl VerifyError {
    /// The variant, as one fixed word for a metric's label (no status text, no request id).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::WrongCode => "wrong_code",
            Self::TooManyWrongCodes => "too_many_wrong_codes",
            Self::RequestNotFound => "request_not_found",
            Self::ControlNotPossible { .. } => "control_not_possible",
            Self::ConcurrentRequest { .. } => "concurrent_request",
            Self::NumberNotSupported { .. } => "number_not_supported",
            Self::Throttled => "throttled",
            Self::Rejected { .. } => "rejected",
            Self::InvalidOptions(_) => "invalid_options",
            Self::Unavailable(Unavailable::Timeout) => "timeout",
            Self::Unavailable(Unavailable::Connection) => "connection",
            Self::Unavailable(Unavailable::HttpStatus(_)) => "http_status",
            Self::Unavailable(Unavailable::MalformedResponse) => "malformed_response",
            Self::Unavailable(Unavailable::ProviderError) => "provider_error",
        }
    }

    /// A short, secret-free tag for a log field and the audit trail, in the words of the API
    /// version that answered: v1's status (`status 16`), v2's HTTP status and problem title
    /// (`http 400 invalid code`), or the transport failure (`timeout`, `http 502`).
    pub fn log_label(&self, api: ApiVersion) -> String {
        match api {
            ApiVersion::V1 => self.v1_label(),
            ApiVersion::V2 => self.v2_label(),
        }
    }

    fn v2_label(&self) -> String {
        match self {
            Self::WrongCode => "http 400 invalid code".to_owned(),
            Self::TooManyWrongCodes => "http 410 invalid code".to_owned(),
            Self::RequestNotFound => "http 404 not found".to_owned(),
            Self::ConcurrentRequest { .. } => "http 409 concurrent request".to_owned(),
            Self::ControlNotPossible { .. } => "http 409 conflict".to_owned(),
            Self::Throttled => "http 429 rate limit hit".to_owned(),
            Self::NumberNotSupported { status } => format!("http {status} invalid number"),
            Self::Rejected { status, .. } => format!("http {status} rejected"),
            // Not the provider's words: the same in both versions.
            Self::InvalidOptions(_) | Self::Unavailable(_) => self.v1_label(),
        }
    }

    fn v1_label(&self) -> String {
        match self {
            Self::WrongCode => "status 16".to_owned(),
            Self::TooManyWrongCodes => "status 17".to_owned(),
            Self::RequestNotFound => "status 6".to_owned(),
            Self::ConcurrentRequest { .. } => "status 10".to_owned(),
            Self::ControlNotPossible { .. } => "status 19".to_owned(),
            Self::InvalidOptions(_) => "invalid options".to_owned(),
            Self::Throttled => "status 1".to_owned(),
            Self::NumberNotSupported { status } | Self::Rejected { status, .. } => {
                format!("status {status}")
            }
            Self::Unavailable(why) => match why {
                Unavailable::Timeout => "timeout".to_owned(),
                Unavailable::Connection => "connection".to_owned(),
                Unavailable::HttpStatus(code) => format!("http {code}"),
                Unavailable::MalformedResponse => "malformed response".to_owned(),
                Unavailable::ProviderError => "status 5".to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_labels_name_the_status_or_the_transport_failure() {
        let cases = [
            (VerifyError::WrongCode, "status 16"),
            (VerifyError::TooManyWrongCodes, "status 17"),
            (VerifyError::RequestNotFound, "status 6"),
            (
                VerifyError::ConcurrentRequest { request_id: None },
                "status 10",
            ),
            (
                VerifyError::NumberNotSupported {
                    status: "29".into(),
                },
                "status 29",
            ),
            (VerifyError::Throttled, "status 1"),
            (
                VerifyError::ControlNotPossible {
                    reason: "No more events are left to execute".into(),
                },
                "status 19",
            ),
            (
                VerifyError::InvalidOptions("workflow_id must be from 1 to 7, not 9".into()),
                "invalid options",
            ),
            (
                VerifyError::Rejected {
                    status: "4".into(),
                    error_text: "Bad credentials".into(),
                },
                "status 4",
            ),
            (VerifyError::Unavailable(Unavailable::Timeout), "timeout"),
            (
                VerifyError::Unavailable(Unavailable::Connection),
                "connection",
            ),
            (
                VerifyError::Unavailable(Unavailable::HttpStatus(502)),
                "http 502",
            ),
            (
                VerifyError::Unavailable(Unavailable::MalformedResponse),
                "malformed response",
            ),
            (
                VerifyError::Unavailable(Unavailable::ProviderError),
                "status 5",
            ),
        ];
        for (error, label) in cases {
            assert_eq!(error.log_label(ApiVersion::V1), label, "{error:?}");
        }
    }

    #[test]
    fn v2_answers_are_labelled_in_v2_words() {
        let cases = [
            (VerifyError::WrongCode, "http 400 invalid code"),
            (VerifyError::TooManyWrongCodes, "http 410 invalid code"),
            (VerifyError::RequestNotFound, "http 404 not found"),
            (
                VerifyError::ConcurrentRequest { request_id: None },
                "http 409 concurrent request",
            ),
            (VerifyError::Throttled, "http 429 rate limit hit"),
            (
                VerifyError::Rejected {
                    status: "401".into(),
                    error_text: "You did not provide correct credentials".into(),
                },
                "http 401 rejected",
            ),
            (VerifyError::Unavailable(Unavailable::Timeout), "timeout"),
            (
                VerifyError::Unavailable(Unavailable::HttpStatus(503)),
                "http 503",
            ),
        ];
        for (error, label) in cases {
            assert_eq!(error.log_label(ApiVersion::V2), label, "{error:?}");
        }
    }
}
