//! Cancel and trigger_next_event: what the client sends and how it reads each answer.

use super::*;

const CANCEL_TOO_EARLY: &str = "Verification request ['abcdef0123456789abcdef0123456789'] can't be cancelled within the first 30 seconds.";
const CANCEL_TOO_LATE: &str = "Verification request  ['abcdef0123456789abcdef0123456789'] can't be cancelled now. Too many attempts to re-deliver have already been made.";
const NO_EVENTS_LEFT: &str =
    "No more events are left to execute for the request ['abcdef0123456789abcdef0123456789']";

async fn cancel_answered(body: &str) -> Result<(), VerifyError> {
    spawn(reply(body)).await.0.cancel(&request_id()).await
}

async fn trigger_answered(body: &str) -> Result<(), VerifyError> {
    let client = spawn(reply(body)).await.0;
    client.trigger_next_event(&request_id()).await
}

fn status_19(text: &str) -> String {
    serde_json::json!({ "status": "19", "error_text": text }).to_string()
}

#[tokio::test]
async fn cancel_and_trigger_post_the_credentials_the_request_id_and_the_command() {
    for (cmd, body) in [
        ("cancel", r#"{"status":"0","command":"cancel"}"#),
        (
            "trigger_next_event",
            r#"{"status":"0","command":"trigger_next_event"}"#,
        ),
    ] {
        let (client, provider) = spawn(reply(body)).await;
        let outcome = match cmd {
            "cancel" => client.cancel(&request_id()).await,
            _ => client.trigger_next_event(&request_id()).await,
        };
        assert_eq!(outcome, Ok(()), "{cmd}");
        let params = [("request_id", ID), ("cmd", cmd)];
        assert_form_posted(&provider, "/verify/control/json", &params);
    }
}

#[tokio::test]
async fn each_status_19_text_is_control_not_possible_with_that_reason() {
    for text in [CANCEL_TOO_EARLY, CANCEL_TOO_LATE] {
        let expected = VerifyError::ControlNotPossible {
            reason: text.to_owned(),
        };
        assert_eq!(cancel_answered(&status_19(text)).await, Err(expected));
    }
    let expected = VerifyError::ControlNotPossible {
        reason: NO_EVENTS_LEFT.to_owned(),
    };
    assert_eq!(
        trigger_answered(&status_19(NO_EVENTS_LEFT)).await,
        Err(expected)
    );
}

#[tokio::test]
async fn status_6_on_control_is_request_not_found() {
    let body = format!(
        r#"{{"status":"6","error_text":"The requestId '{ID}' does not exist or its no longer active."}}"#
    );
    assert_eq!(
        cancel_answered(&body).await,
        Err(VerifyError::RequestNotFound)
    );
    assert_eq!(
        trigger_answered(&body).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn other_control_statuses_are_rejections_or_the_usual_failures() {
    let cases = [
        (
            r#"{"status":"4","error_text":"Bad credentials"}"#,
            rejected("4", "Bad credentials"),
        ),
        (
            r#"{"status":"8","error_text":"barred"}"#,
            rejected("8", "barred"),
        ),
        (
            r#"{"status":"101","error_text":"No response found"}"#,
            rejected("101", "No response found"),
        ),
        (
            r#"{"status":"1","error_text":"Throttled"}"#,
            VerifyError::Throttled,
        ),
        (
            r#"{"status":"5","error_text":"Internal Error"}"#,
            unavailable(Unavailable::ProviderError),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(cancel_answered(body).await, Err(expected), "{body}");
    }
}

#[tokio::test]
async fn a_success_for_the_other_command_is_malformed_and_one_without_a_command_is_fine() {
    let wrong = cancel_answered(r#"{"status":"0","command":"trigger_next_event"}"#).await;
    assert_eq!(wrong, Err(unavailable(Unavailable::MalformedResponse)));
    assert_eq!(trigger_answered(r#"{"status":"0"}"#).await, Ok(()));
}

#[tokio::test]
async fn control_logs_the_command_the_request_and_status_19_never_the_secret() {
    let (logs, _guard) = crate::verify::test_logs::CapturedLogs::start();
    assert!(cancel_answered(&status_19(CANCEL_TOO_EARLY)).await.is_err());
    let logs = logs.text();
    for wanted in ["operation=\"cancel\"", ID, "status 19", "elapsed_ms"] {
        assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
    }
    assert!(!logs.contains(SECRET), "{logs}");
}
