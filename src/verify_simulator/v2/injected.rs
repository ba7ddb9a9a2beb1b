//! The problem an injected [`Fault::Status`](super::super::Fault::Status) answers on a v2
//! call: the body Verify sends with that HTTP status (verify-api.md §2.5).

use super::problem::{InvalidParameter, Problem};
use axum::http::StatusCode;

/// No source shows a `type` for these; this one follows the pattern of the others.
const UNDOCUMENTED: &str = "https://developer.nexmo.com/api-errors";

/// The statuses only a fault produces here, as Verify words them: `(status, type, title,
/// detail)`.
const FAULT_ONLY: [(u16, &str, &str, &str); 5] = [
    (
        402,
        UNDOCUMENTED,
        "Low balance",
        "This request could not be performed due to your account balance being low.",
    ),
    (
        403,
        "https://developer.nexmo.com/api-errors#forbidden",
        "Forbidden",
        "Your account does not have permission to perform this action.",
    ),
    (
        412,
        "https://developer.vonage.com/api-errors/verify-v2#precondition-failed",
        "Network not supported",
        "Device number does not resolve to a supported Mobile Network Operator.",
    ),
    (
        429,
        "https://www.developer.vonage.com/api-errors#throttled",
        "Rate Limit Hit",
        "Please wait, then retry your request",
    ),
    (
        500,
        UNDOCUMENTED,
        "Internal error",
        "There was an error processing your request in the Platform.",
    ),
];

/// `on_start` picks which 409 it is; `request_id` fills in a 404. A 422 names the
/// workflow's `to`: it stands for a number the provider refuses. Another 4xx or 5xx gets a
/// plain "Simulated failure"; anything that is no HTTP error status (a v1 status such as
/// `"15"`) is a 500.
pub(super) fn injected(status: &str, on_start: bool, request_id: Option<&str>) -> Problem {
    let code = status
        .parse::<u16>()
        .ok()
        .filter(|code| (400..600).contains(code));
    match code.unwrap_or(500) {
        400 => Problem::wrong_code(),
        401 => Problem::unauthorized(),
        404 => Problem::not_found(request_id.unwrap_or_default()),
        409 if on_start => Problem::concurrent(None),
        409 => Problem::no_more_events(),
        410 => Problem::too_many_wrong_codes(),
        422 => Problem::invalid_params(vec![InvalidParameter::new(
            "workflow[0]",
            "`to` Phone number is not supported",
        )]),
        code => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            match FAULT_ONLY
                .iter()
                .find(|(documented, ..)| *documented == code)
            {
                Some(&(_, kind, title, detail)) => Problem::new(status, kind, title, detail),
                None => {
                    let detail = format!("Simulated HTTP {code}");
                    Problem::new(status, UNDOCUMENTED, "Simulated failure", &detail)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injected_statuses_carry_the_documented_title() {
        let cases = [
            ("400", 400, "Invalid Code"),
            ("401", 401, "Unauthorized"),
            ("402", 402, "Low balance"),
            ("403", 403, "Forbidden"),
            ("404", 404, "Not Found"),
            ("409", 409, "Conflict"),
            ("410", 410, "Invalid Code"),
            ("412", 412, "Network not supported"),
            ("422", 422, "Invalid params"),
            ("429", 429, "Rate Limit Hit"),
            ("500", 500, "Internal error"),
            ("503", 503, "Simulated failure"),
            ("15", 500, "Internal error"),
            ("nonsense", 500, "Internal error"),
        ];
        for (status, expected_status, title) in cases {
            let problem = injected(status, false, Some("abc"));
            assert_eq!(
                (problem.status.as_u16(), problem.title),
                (expected_status, title),
                "{status}"
            );
        }
    }

    #[test]
    fn an_injected_409_is_the_conflict_of_the_endpoint_it_hits() {
        let on_start = injected("409", true, None);
        assert!(on_start.detail.starts_with("Concurrent"), "{on_start:?}");
        let elsewhere = injected("409", false, Some("abc"));
        assert!(
            elsewhere.detail.starts_with("There are no more"),
            "{elsewhere:?}"
        );
    }
}
