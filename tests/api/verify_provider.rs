//! The app pointed at another Verify v1 server with `NEXMO_API_URL`, a key and a secret.

use crate::helpers::{
    browser, e164, phone_number, serve_simulator, spawn_app_with, unique_username,
    FIRST_CONFIRMATION,
};
use crate::scripted_provider::{Reply, Scripted};
use pollstr::error::AppError;
use std::collections::HashMap;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_key_the_app_uses_the_configured_api_and_serves_no_inbox() {
    let (simulator, url) = serve_simulator("key-1", "secret-1").await;
    let mut app = spawn_app_with(&[
        ("NEXMO_API_KEY", "key-1"),
        ("NEXMO_API_SECRET", "secret-1"),
        ("NEXMO_API_URL", &url),
    ])
    .await;
    assert!(
        app.simulator.is_none(),
        "no in-process simulator with a key"
    );
    assert_eq!(app.get(&browser(), "/dev/inbox").await.status(), 404);
    app.simulator = Some(simulator);
    let browser = browser();
    app.verified_user(&browser, &phone_number(50)).await;
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_are_a_service_problem_and_the_user_stays_logged_in() {
    let (_simulator, url) = serve_simulator("key-2", "right-secret").await;
    let app = spawn_app_with(&[
        ("NEXMO_API_KEY", "key-2"),
        ("NEXMO_API_SECRET", "wrong-secret"),
        ("NEXMO_API_URL", &url),
    ])
    .await;
    let browser = browser();
    let username = unique_username("bea");
    app.register(&browser, &username).await.redirected_to("/");
    app.send_code(&browser, &phone_number(51))
        .await
        .failed_with(AppError::VerifyUnavailable);
    let me = app.call(&browser, "load_current_user", &[]).await;
    assert!(me.body.contains(&username), "still logged in: {me:?}");
}

const REQUEST_ID: &str = "abcdef0123456789abcdef0123456789";

async fn app_against(replies: Vec<Reply>) -> (crate::helpers::TestApp, Scripted) {
    let (scripted, url) = Scripted::start(replies).await;
    let app = spawn_app_with(&[
        ("NEXMO_API_KEY", "scripted-key"),
        ("NEXMO_API_SECRET", "scripted-secret"),
        ("NEXMO_API_URL", &url),
        ("NEXMO_BRAND", "PollTest"),
    ])
    .await;
    (app, scripted)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_sends_exactly_the_v1_start_and_check_requests() {
    let (app, scripted) = app_against(vec![
        Reply::Json(r#"{"request_id":"abcdef0123456789abcdef0123456789","status":"0"}"#),
        Reply::Json(r#"{"request_id":"abcdef0123456789abcdef0123456789","status":"16","error_text":"The code provided does not match the expected value"}"#),
        Reply::Json(r#"{"request_id":"abcdef0123456789abcdef0123456789","event_id":"0A00000012345678","status":"0","price":"0.10000000","currency":"EUR"}"#),
    ])
    .await;
    let browser = browser();
    let username = unique_username("cy");
    app.register(&browser, &username).await.redirected_to("/");
    let number = phone_number(52);
    app.send_code(&browser, &number)
        .await
        .redirected_to("/2fa/verify");
    app.check_code(&browser, "111111")
        .await
        .failed_with(AppError::WrongCode);
    app.check_code(&browser, "123456")
        .await
        .redirected_to(FIRST_CONFIRMATION);
    assert_eq!(app.user_phone(&username).await, Some(e164(&number)));

    let received = scripted.received.lock().unwrap().clone();
    let (path, start) = &received[0];
    assert_eq!(path, "/verify/json");
    let expected_start: HashMap<String, String> = [
        ("api_key", "scripted-key"),
        ("api_secret", "scripted-secret"),
        ("number", &e164(&number)[1..]),
        ("brand", "PollTest"),
        ("code_length", "6"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(start, &expected_start);
    for (i, code) in [(1, "111111"), (2, "123456")] {
        let (path, check) = &received[i];
        assert_eq!(path, "/verify/check/json");
        assert_eq!(
            check.get("request_id").map(String::as_str),
            Some(REQUEST_ID)
        );
        assert_eq!(check.get("code").map(String::as_str), Some(code));
        assert_eq!(
            check.get("api_key").map(String::as_str),
            Some("scripted-key")
        );
        assert_eq!(
            check.get("api_secret").map(String::as_str),
            Some("scripted-secret")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failed_start_gets_a_message_and_the_user_stays_logged_in_and_unverified() {
    let cases = [
        (
            Reply::Json(
                r#"{"status":"15","error_text":"The destination number is not in a supported network"}"#,
            ),
            AppError::NumberNotSupported,
        ),
        (
            Reply::Json(
                r#"{"status":"7","error_text":"The number you are trying to verify is blacklisted for verification","network":"25503"}"#,
            ),
            AppError::NumberNotSupported,
        ),
        (
            Reply::Json(r#"{"status":"1","error_text":"Throttled"}"#),
            AppError::Throttled {
                retry_after_secs: 60,
            },
        ),
        (
            Reply::Json(r#"{"status":"5","error_text":"Internal Error"}"#),
            AppError::VerifyUnavailable,
        ),
        (
            Reply::Json(r#"{"status":"4","error_text":"Invalid credentials were provided"}"#),
            AppError::VerifyUnavailable,
        ),
        (
            Reply::Json(
                r#"{"status":"10","error_text":"Concurrent verifications to the same number are not allowed"}"#,
            ),
            AppError::CodeAlreadySent,
        ),
        (
            Reply::Http(502, "<html>Bad gateway</html>"),
            AppError::VerifyUnavailable,
        ),
        (
            Reply::Json(r#"{"status": "0", "#),
            AppError::VerifyUnavailable,
        ),
    ];
    for (reply, expected) in cases {
        let (app, _scripted) = app_against(vec![reply]).await;
        let browser = browser();
        let username = unique_username("dee");
        app.register(&browser, &username).await.redirected_to("/");
        app.send_code(&browser, &phone_number(53))
            .await
            .failed_with(expected);
        app.still_logged_in_and_unverified(&browser, &username)
            .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_check_keeps_the_session_unverified_and_the_number_unconfirmed() {
    let cases = [
        (
            Reply::Json(
                r#"{"status":"17","error_text":"The wrong code was provided too many times. Request terminated"}"#,
            ),
            AppError::TooManyWrongCodes,
        ),
        (
            Reply::Json(
                r#"{"status":"6","error_text":"The Vonage platform was unable to process this message for the following reason: Request 'abcdef0123456789abcdef0123456789' was not found or it has been verified already."}"#,
            ),
            AppError::CodeExpired,
        ),
        (Reply::Http(500, "oops"), AppError::VerifyUnavailable),
    ];
    for (reply, expected) in cases {
        let (app, _scripted) = app_against(vec![
            Reply::Json(r#"{"request_id":"abcdef0123456789abcdef0123456789","status":"0"}"#),
            reply,
        ])
        .await;
        let browser = browser();
        let username = unique_username("eli");
        app.register(&browser, &username).await.redirected_to("/");
        app.send_code(&browser, &phone_number(54))
            .await
            .redirected_to("/2fa/verify");
        app.check_code(&browser, "123456")
            .await
            .failed_with(expected);
        assert_eq!(app.user_phone(&username).await, None);
        app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
            .await
            .failed_with(AppError::NotVerified);
    }
}
