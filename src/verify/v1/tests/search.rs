//! Search: a GET with the credentials in the query, read into a small typed summary.

use super::*;
use crate::verify::test_logs::CapturedLogs;
use crate::verify::{EventKind, VerificationState};

fn result(status: &str, events: &str, checks: &str) -> String {
    format!(
        r#"{{"request_id":"{ID}","account_id":"abcdef01","number":"12125550142","sender_id":"verify",
        "date_submitted":"2020-01-01 12:00:00","date_finalized":"","checks":{checks},
        "first_event_date":"2020-01-01 12:00:00","last_event_date":"2020-01-01 12:02:05",
        "price":"0","currency":"EUR","status":"{status}","estimated_price_messages_sent":"0.06660000",
        "events":{events}}}"#
    )
}

const TWO_EVENTS: &str =
    r#"[{"id":"0A00000012345678","type":"sms"},{"id":"0A00000012345679","type":"tts"}]"#;
const ONE_CHECK: &str =
    r#"[{"date_received":"2020-01-01 12:01:00","code":"1111","status":"INVALID","ip_address":""}]"#;

#[tokio::test]
async fn search_gets_with_the_credentials_and_the_request_id_in_the_query() {
    let body = result("IN PROGRESS", TWO_EVENTS, ONE_CHECK);
    let (client, provider) = spawn(Canned::json(&body), Duration::from_secs(5)).await;
    let expected = VerificationStatus {
        state: VerificationState::InProgress,
        events: vec![EventKind::Sms, EventKind::Voice],
        checks: 1,
    };
    assert_eq!(client.search(&request_id()).await, Ok(expected));
    let received = provider.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].method, Method::GET);
    assert_eq!(received[0].path, "/verify/search/json");
    let expected = [
        ("api_key", "key123"),
        ("api_secret", SECRET),
        ("request_id", ID),
    ];
    assert_eq!(received[0].form, pairs(&expected));
}

#[tokio::test]
async fn every_request_state_is_read() {
    let states = [
        ("SUCCESS", VerificationState::Success),
        ("FAILED", VerificationState::Failed),
        ("EXPIRED", VerificationState::Expired),
        ("CANCELLED", VerificationState::Cancelled),
    ];
    for (wire, state) in states {
        let outcome = search_answered(Canned::json(&result(wire, "[]", "[]"))).await;
        let expected = VerificationStatus {
            state,
            events: Vec::new(),
            checks: 0,
        };
        assert_eq!(outcome, Ok(expected), "{wire}");
    }
}

#[tokio::test]
async fn our_result_is_found_inside_a_verification_requests_list() {
    let other = result("SUCCESS", "[]", "[]").replace(ID, "ffffffffffffffffffffffffffffffff");
    let ours = result("EXPIRED", TWO_EVENTS, "[]");
    let body = format!(r#"{{"verification_requests":[{other},{ours}]}}"#);
    let outcome = search_answered(Canned::json(&body)).await.unwrap();
    assert_eq!(outcome.state, VerificationState::Expired);
    let only_others = format!(r#"{{"verification_requests":[{other}]}}"#);
    let outcome = search_answered(Canned::json(&only_others)).await;
    assert_eq!(
        outcome,
        Err(VerifyError::Unavailable(Unavailable::MalformedResponse))
    );
}

#[tokio::test]
async fn a_textual_failed_status_with_an_error_text_is_still_a_result() {
    // The Node SDK's fixture: no events, no checks, but a request state.
    let body = format!(
        r#"{{"request_id":"{ID}","status":"FAILED","error_text":"Your user entered an incorrect code more than three times."}}"#
    );
    let expected = VerificationStatus {
        state: VerificationState::Failed,
        events: Vec::new(),
        checks: 0,
    };
    assert_eq!(search_answered(Canned::json(&body)).await, Ok(expected));
}

#[tokio::test]
async fn status_101_is_request_not_found_and_18_is_a_rejection() {
    let not_found = search_answered(Canned::json(
        r#"{"status":"101","error_text":"No response found"}"#,
    ));
    assert_eq!(not_found.await, Err(VerifyError::RequestNotFound));
    // We never send more than one id, so 18 can only be a defect.
    let too_many = r#"{"status":"18","error_text":"Too many request_ids provided"}"#;
    let outcome = search_answered(Canned::json(too_many)).await;
    assert_eq!(
        outcome,
        Err(rejected("18", "Too many request_ids provided"))
    );
    let bad_credentials = r#"{"status":"4","error_text":"Bad credentials"}"#;
    let outcome = search_answered(Canned::json(bad_credentials)).await;
    assert_eq!(outcome, Err(rejected("4", "Bad credentials")));
}

#[tokio::test]
async fn results_that_are_not_ours_or_not_readable_are_malformed() {
    let malformed = Err(VerifyError::Unavailable(Unavailable::MalformedResponse));
    let bodies = [
        result("SUCCESS", "[]", "[]").replace(ID, "ffffffffffffffffffffffffffffffff"),
        result("SUCCESS", r#"[{"id":"1","type":"email"}]"#, "[]"),
        result("SUCCESS", r#"{"id":"1"}"#, "[]"),
        result("PENDING", "[]", "[]"),
        r#"{"status":"0"}"#.to_owned(),
        r#"{"verification_requests":"none"}"#.to_owned(),
        "[]".to_owned(),
    ];
    for body in bodies {
        assert_eq!(
            search_answered(Canned::json(&body)).await,
            malformed,
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_search_timeout_never_logs_the_secret_from_the_url() {
    let (logs, _guard) = CapturedLogs::start();
    let mut canned = Canned::json(&result("SUCCESS", "[]", "[]"));
    canned.delay = Duration::from_secs(5);
    let (client, _provider) = spawn(canned, Duration::from_millis(100)).await;
    let outcome = client.search(&request_id()).await;
    assert_eq!(outcome, Err(VerifyError::Unavailable(Unavailable::Timeout)));
    let logs = logs.text();
    for wanted in ["operation=\"search\"", ID, "timeout", "cause="] {
        assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
    }
    assert!(!logs.contains(SECRET), "the secret leaked: {logs}");
}

#[tokio::test]
async fn not_found_on_search_is_logged_as_the_status_received() {
    let (logs, _guard) = CapturedLogs::start();
    let body = r#"{"status":"101","error_text":"No response found"}"#;
    assert!(search_answered(Canned::json(body)).await.is_err());
    assert!(logs.text().contains("status 101"), "{}", logs.text());
}
