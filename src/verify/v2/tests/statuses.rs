//! Each v2 problem status, mapped per operation onto the VerifyError the app already
//! handles for v1 (verify-api.md §2.5 for the bodies).

use super::*;
use serde_json::json;

const WRONG_CODE: &str = "The code you provided does not match the expected value.";
const TOO_MANY: &str = "An incorrect code has been provided too many times. Workflow terminated.";
const CONCURRENT: &str = "Concurrent verifications to the same number are not allowed.";
const NO_MORE_EVENTS: &str = "There are no more events left to trigger.";
const UNAUTHORIZED: &str = "You did not provide correct credentials";
const INVALID: &str = "The value of one or more parameters is invalid";

fn not_found() -> Canned {
    let detail = format!("Request '{ID}' was not found or it has been verified already.");
    Canned::problem(404, "Not Found", &detail, json!({}))
}

fn invalid_params(names: &[&str]) -> Canned {
    let params: Vec<Value> = names
        .iter()
        .map(|name| json!({ "name": name, "reason": "`to` Phone number is invalid" }))
        .collect();
    let extra = json!({ "invalid_parameters": params });
    Canned::problem(422, "Invalid params", INVALID, extra)
}

/// The statuses every operation reads the same way: ours to fix, or wait.
fn shared_cases() -> Vec<(Canned, VerifyError)> {
    vec![
        (
            Canned::problem(401, "Unauthorized", UNAUTHORIZED, json!({})),
            rejected("401", UNAUTHORIZED),
        ),
        (
            Canned::problem(
                402,
                "Low balance",
                "This request could not be performed due to your account balance being low.",
                json!({}),
            ),
            rejected(
                "402",
                "This request could not be performed due to your account balance being low.",
            ),
        ),
        (
            Canned::problem(
                403,
                "Forbidden",
                "Your account does not have permission to perform this action.",
                json!({}),
            ),
            rejected(
                "403",
                "Your account does not have permission to perform this action.",
            ),
        ),
        (
            Canned::problem(
                429,
                "Rate Limit Hit",
                "Please wait, then retry your request",
                json!({}),
            ),
            VerifyError::Throttled,
        ),
    ]
}

#[tokio::test]
async fn start_problems_map_to_what_the_caller_can_do() {
    let mut cases = shared_cases();
    cases.extend([
        (
            Canned::problem(409, "Conflict", CONCURRENT, json!({ "request_id": ID })),
            VerifyError::ConcurrentRequest {
                request_id: Some(request_id()),
            },
        ),
        (
            Canned::problem(409, "Conflict", CONCURRENT, json!({})),
            VerifyError::ConcurrentRequest { request_id: None },
        ),
        (
            invalid_params(&["workflow[0]"]),
            VerifyError::NumberNotSupported {
                status: "422".into(),
            },
        ),
        (
            invalid_params(&["workflow[0].to", "workflow[1].to"]),
            VerifyError::NumberNotSupported {
                status: "422".into(),
            },
        ),
        (invalid_params(&["brand"]), rejected("422", INVALID)),
        (
            invalid_params(&["workflow[0]", "brand"]),
            rejected("422", INVALID),
        ),
        (
            Canned::problem(
                422,
                "Invalid sender",
                "The `from` parameter is invalid.",
                json!({}),
            ),
            rejected("422", "The `from` parameter is invalid."),
        ),
        (
            Canned::problem(
                412,
                "Network not supported",
                "Device number does not resolve to a supported Mobile Network Operator.",
                json!({}),
            ),
            rejected(
                "412",
                "Device number does not resolve to a supported Mobile Network Operator.",
            ),
        ),
        (
            not_found(),
            rejected(
                "404",
                &format!("Request '{ID}' was not found or it has been verified already."),
            ),
        ),
    ]);
    for (canned, expected) in cases {
        let body = canned.body.clone();
        assert_eq!(start_answered(canned).await, Err(expected), "{body}");
    }
}

#[tokio::test]
async fn check_problems_map_to_what_the_caller_can_do() {
    let mut cases = shared_cases();
    cases.extend([
        (
            Canned::problem(400, "Invalid Code", WRONG_CODE, json!({})),
            VerifyError::WrongCode,
        ),
        (
            Canned::problem(410, "Invalid Code", TOO_MANY, json!({})),
            VerifyError::TooManyWrongCodes,
        ),
        (not_found(), VerifyError::RequestNotFound),
        (
            Canned::problem(
                409,
                "Conflict",
                "The current Verify workflow step does not support a code.",
                json!({}),
            ),
            rejected(
                "409",
                "The current Verify workflow step does not support a code.",
            ),
        ),
        (invalid_params(&["code"]), rejected("422", INVALID)),
    ]);
    for (canned, expected) in cases {
        let body = canned.body.clone();
        assert_eq!(check_answered(canned).await, Err(expected), "{body}");
    }
}

#[tokio::test]
async fn cancel_and_next_workflow_problems_map_to_what_the_caller_can_do() {
    for canned in [not_found(), not_found()] {
        assert_eq!(
            cancel_answered(canned).await,
            Err(VerifyError::RequestNotFound)
        );
    }
    assert_eq!(
        next_answered(not_found()).await,
        Err(VerifyError::RequestNotFound)
    );
    let expected = VerifyError::ControlNotPossible {
        reason: NO_MORE_EVENTS.to_owned(),
    };
    let no_more = Canned::problem(409, "Conflict", NO_MORE_EVENTS, json!({}));
    assert_eq!(next_answered(no_more).await, Err(expected));
    // The spec copies v1's "not in the first 30 s" rule to DELETE without saying how v2
    // refuses; a 409 there reads the same way as v1's status 19.
    let too_early = "The operation cannot be performed at this time. Please try again later.";
    let expected = VerifyError::ControlNotPossible {
        reason: too_early.to_owned(),
    };
    let conflict = Canned::problem(409, "Conflict", too_early, json!({}));
    assert_eq!(cancel_answered(conflict).await, Err(expected));
    for (canned, expected) in shared_cases() {
        assert_eq!(next_answered(canned).await, Err(expected));
    }
}

#[tokio::test]
async fn a_problem_sent_as_plain_json_is_read_the_same() {
    let body = json!({ "title": "Invalid Code", "detail": WRONG_CODE });
    let outcome = check_answered(Canned::json(400, &body)).await;
    assert_eq!(outcome, Err(VerifyError::WrongCode));
}

#[tokio::test]
async fn bare_statuses_that_need_no_body_are_read_from_the_status_alone() {
    let bare_429 = Canned::new(429, "text/plain", "Too Many Requests");
    assert_eq!(start_answered(bare_429).await, Err(VerifyError::Throttled));
    let bare_401 = Canned::new(401, "text/html", "<h1>401</h1>");
    assert_eq!(start_answered(bare_401).await, Err(rejected("401", "")));
}
