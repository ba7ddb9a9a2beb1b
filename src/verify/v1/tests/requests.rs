//! What the client sends, and how it reads a success.

use super::*;
use crate::verify::test_logs::CapturedLogs;

#[tokio::test]
async fn start_posts_the_credentials_the_number_without_plus_the_brand_and_six_digits() {
    let reply = format!(r#"{{"request_id":"{ID}","status":"0"}}"#);
    let (client, provider) = spawn(Canned::json(&reply), Duration::from_secs(5)).await;
    assert_eq!(client.start(&number()).await, Ok(request_id()));
    let received = provider.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].method, Method::POST);
    assert_eq!(received[0].path, "/verify/json");
    assert_eq!(
        received[0].content_type,
        "application/x-www-form-urlencoded"
    );
    let expected = [
        ("api_key", "key123"),
        ("api_secret", SECRET),
        ("number", "12125550142"),
        ("brand", "Pollstr"),
        ("code_length", "6"),
    ];
    assert_eq!(received[0].form, pairs(&expected));
}

#[tokio::test]
async fn check_posts_the_credentials_the_request_id_and_the_code() {
    let reply = format!(
        r#"{{"request_id":"{ID}","event_id":"0A00000012345678","status":"0","price":"0.10000000","currency":"EUR"}}"#
    );
    let (client, provider) = spawn(Canned::json(&reply), Duration::from_secs(5)).await;
    assert_eq!(client.check(&request_id(), &code()).await, Ok(()));
    let received = provider.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].method, Method::POST);
    assert_eq!(received[0].path, "/verify/check/json");
    let expected = [
        ("api_key", "key123"),
        ("api_secret", SECRET),
        ("request_id", ID),
        ("code", "918273"),
    ];
    assert_eq!(received[0].form, pairs(&expected));
}

#[tokio::test]
async fn a_check_success_must_name_our_request() {
    let missing = r#"{"status":"0","event_id":"0A00000012345678"}"#;
    let other = r#"{"status":"0","request_id":"ffffffffffffffffffffffffffffffff"}"#;
    for body in [missing, other] {
        let outcome = check_answered(Canned::json(body)).await;
        assert_eq!(
            outcome,
            Err(VerifyError::Unavailable(Unavailable::MalformedResponse))
        );
    }
}

#[tokio::test]
async fn a_start_success_without_a_request_id_is_malformed() {
    let outcome = start_answered(Canned::json(r#"{"status":"0"}"#)).await;
    assert_eq!(outcome, unavailable(Unavailable::MalformedResponse));
}

#[tokio::test]
async fn a_numeric_status_is_tolerated() {
    let reply = format!(r#"{{"request_id":"{ID}","status":0}}"#);
    assert_eq!(start_answered(Canned::json(&reply)).await, Ok(request_id()));
    let wrong = check_answered(Canned::json(r#"{"status":16,"error_text":"x"}"#)).await;
    assert_eq!(wrong, Err(VerifyError::WrongCode));
}

#[tokio::test]
async fn logs_name_the_call_but_never_the_secret_the_code_or_the_full_number() {
    let (logs, _guard) = CapturedLogs::start();
    let body = format!(
        r#"{{"request_id":"{ID}","status":"16","error_text":"The code provided does not match the expected value"}}"#
    );
    let (client, _provider) = spawn(Canned::json(&body), Duration::from_secs(5)).await;
    assert_eq!(
        client.check(&request_id(), &code()).await,
        Err(VerifyError::WrongCode)
    );
    assert!(client.start(&number()).await.is_err());
    let logs = logs.text();
    for wanted in [
        "operation=\"check\"",
        ID,
        "status 16",
        "elapsed_ms",
        "+1 •••• ••0142",
    ] {
        assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
    }
    for secret in [SECRET, "918273", "2125550142"] {
        assert!(!logs.contains(secret), "{secret:?} leaked into {logs}");
    }
}
