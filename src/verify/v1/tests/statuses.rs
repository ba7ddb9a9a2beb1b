//! Each v1 status, mapped to what the caller can do about it.

use super::*;

#[tokio::test]
async fn start_statuses_map_to_what_the_caller_can_do() {
    let cases = [
        (
            r#"{"status":"1","error_text":"Throttled"}"#,
            VerifyError::Throttled,
        ),
        (
            r#"{"status":"2","error_text":"Your request is incomplete and missing the mandatory parameter: brand"}"#,
            rejected(
                "2",
                "Your request is incomplete and missing the mandatory parameter: brand",
            ),
        ),
        (
            r#"{"status":"3","error_text":"Invalid value for number"}"#,
            VerifyError::NumberNotSupported { status: "3".into() },
        ),
        (
            r#"{"status":"3","error_text":"Invalid value for brand"}"#,
            rejected("3", "Invalid value for brand"),
        ),
        (
            r#"{"status":"4","error_text":"Invalid credentials were provided"}"#,
            rejected("4", "Invalid credentials were provided"),
        ),
        (
            r#"{"status":"5","error_text":"Internal Error"}"#,
            unavailable(Unavailable::ProviderError),
        ),
        (
            r#"{"status":"7","error_text":"The number you are trying to verify is blacklisted for verification.","network":"25503"}"#,
            VerifyError::NumberNotSupported { status: "7".into() },
        ),
        (
            r#"{"status":"15","error_text":"The destination number is not in a supported network"}"#,
            VerifyError::NumberNotSupported {
                status: "15".into(),
            },
        ),
        (
            r#"{"status":"29","error_text":"Your Vonage account is still in demo mode."}"#,
            VerifyError::NumberNotSupported {
                status: "29".into(),
            },
        ),
        (
            r#"{"status":"8","error_text":"The api_key you supplied is for an account that has been barred from submitting messages."}"#,
            rejected("8", "The api_key you supplied is for an account that has been barred from submitting messages."),
        ),
        (
            r#"{"status":"9","error_text":"Partner quota exceeded"}"#,
            rejected("9", "Partner quota exceeded"),
        ),
        (
            r#"{"status":"20","error_text":"This account does not support the parameter: pin_code."}"#,
            rejected("20", "This account does not support the parameter: pin_code."),
        ),
        (
            r#"{"status":"99","error_text":"Something new"}"#,
            rejected("99", "Something new"),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(start_answered(reply(body)).await, Err(expected), "{body}");
    }
}

#[tokio::test]
async fn status_10_carries_the_running_request_id() {
    let body = format!(
        r#"{{"request_id":"{ID}","status":"10","error_text":"Concurrent verifications to the same number are not allowed"}}"#
    );
    let expected = VerifyError::ConcurrentRequest {
        request_id: Some(request_id()),
    };
    assert_eq!(start_answered(reply(&body)).await, Err(expected));
    let without = r#"{"request_id":"","status":"10","error_text":"Concurrent"}"#;
    let expected = VerifyError::ConcurrentRequest { request_id: None };
    assert_eq!(start_answered(reply(without)).await, Err(expected));
}

#[tokio::test]
async fn check_statuses_map_to_what_the_caller_can_do() {
    let not_found = format!("{{\"status\":\"6\",\"error_text\":\"The Vonage platform was unable to process this message for the following reason: Request '{ID}' was not found or it has been verified already.\"}}");
    let cases = [
        (
            format!(r#"{{"request_id":"{ID}","status":"16","error_text":"The code provided does not match the expected value"}}"#),
            VerifyError::WrongCode,
        ),
        (
            r#"{"status":"17","error_text":"The wrong code was provided too many times. Request terminated"}"#.to_owned(),
            VerifyError::TooManyWrongCodes,
        ),
        (not_found, VerifyError::RequestNotFound),
        (
            r#"{"status":"4","error_text":"Bad credentials"}"#.to_owned(),
            rejected("4", "Bad credentials"),
        ),
        (
            r#"{"status":"3","error_text":"Invalid value for param: request_id"}"#.to_owned(),
            rejected("3", "Invalid value for param: request_id"),
        ),
        (r#"{"status":"1","error_text":"Throttled"}"#.to_owned(), VerifyError::Throttled),
        (r#"{"status":"99"}"#.to_owned(), rejected("99", "")),
    ];
    for (body, expected) in cases {
        assert_eq!(check_answered(reply(&body)).await, Err(expected), "{body}");
    }
}

#[tokio::test]
async fn status_6_on_start_is_a_rejection_not_a_missing_request() {
    let body = r#"{"status":"6","error_text":"The Vonage platform was unable to process this message for the following reason: unknown"}"#;
    let outcome = start_answered(reply(body)).await;
    assert!(
        matches!(outcome, Err(VerifyError::Rejected { ref status, .. }) if status == "6"),
        "{outcome:?}"
    );
}
