//! Throttles hold across cookies and sessions, tell the person when to come back, send nothing
//! to the Verify API while refusing, and lift when the window has passed.

use crate::helpers::{
    browser, e164, phone_number, spawn_app_with, unique_username, wrong_code, TestApp,
    FIRST_CONFIRMATION, PASSWORD,
};
use pollstr::error::AppError;
use std::time::Duration;

fn sms_count(app: &TestApp) -> usize {
    app.simulator.as_ref().unwrap().inbox().len()
}

fn throttled(outcome: &crate::helpers::Outcome) -> i64 {
    match outcome.error {
        Some(AppError::Throttled { retry_after_secs }) => {
            assert_eq!(outcome.status, 429);
            retry_after_secs
        }
        _ => panic!("expected a throttle, got {outcome:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_per_number_are_limited_whoever_asks_and_lift_after_the_window() {
    let app = spawn_app_with(&[("THROTTLE_STARTS_PER_NUMBER", "2/600")]).await;
    let number = phone_number(70);
    for n in 0..2 {
        let browser = browser();
        app.register(&browser, &unique_username("amy"))
            .await
            .redirected_to("/");
        let sent = app.send_code(&browser, &number).await;
        // The second account finds the first one's code on its way: it counts all the same.
        if n == 0 {
            sent.redirected_to("/2fa/verify");
        } else {
            sent.failed_with(AppError::NumberBusy);
        }
    }
    let third = browser();
    app.register(&third, &unique_username("amy"))
        .await
        .redirected_to("/");
    let sent = sms_count(&app);
    let wait = throttled(&app.send_code(&third, &number).await);
    assert!((1..=600).contains(&wait), "{wait}");
    assert_eq!(sms_count(&app), sent, "nothing reached the Verify API");

    app.clock.advance(Duration::from_secs(601));
    // Past the first account's request too (workflow 1 runs for 900 s at the provider): a
    // code on its way for another account is not this one's to resume.
    app.simulator
        .as_ref()
        .unwrap()
        .advance_clock(Duration::from_secs(901));
    app.send_code(&third, &number)
        .await
        .redirected_to("/2fa/verify");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_per_account_hold_across_new_cookies() {
    let app = spawn_app_with(&[("THROTTLE_STARTS_PER_ACCOUNT", "2/3600")]).await;
    let username = unique_username("bob");
    app.register(&browser(), &username).await.redirected_to("/");
    for n in 0..2 {
        let fresh = browser();
        app.login(&fresh, &username, PASSWORD, "/")
            .await
            .redirected_to("/");
        app.send_code(&fresh, &phone_number(71 + n))
            .await
            .redirected_to("/2fa/verify");
    }
    let fresh = browser();
    app.login(&fresh, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    let message = app.send_code(&fresh, &phone_number(73)).await;
    throttled(&message);
    assert!(message
        .error
        .unwrap()
        .user_message()
        .contains("Please try again in"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starts_per_ip_are_limited_across_accounts() {
    let app = spawn_app_with(&[("THROTTLE_STARTS_PER_IP", "2/3600")]).await;
    for n in 0..3 {
        let browser = browser();
        app.register(&browser, &unique_username("cal"))
            .await
            .redirected_to("/");
        let outcome = app.send_code(&browser, &phone_number(74 + n)).await;
        if n < 2 {
            outcome.redirected_to("/2fa/verify");
        } else {
            throttled(&outcome);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_checks_are_limited_per_account_across_sessions_without_calling_the_api() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_CHECKS_PER_ACCOUNT", "2/900")]).await;
    let username = unique_username("dan");
    let first = browser();
    app.register(&first, &username).await.redirected_to("/");
    let number = phone_number(77);
    app.send_code(&first, &number)
        .await
        .redirected_to("/2fa/verify");
    let code = app.last_code_for(&number);
    let wrong = wrong_code(&code);
    app.check_code(&first, wrong)
        .await
        .failed_with(AppError::WrongCode);

    // A second session of the same account shares the count.
    let second = app.another_browser_waiting(&username, &number).await;
    app.check_code(&second, wrong)
        .await
        .failed_with(AppError::WrongCode);
    throttled(&app.check_code(&second, &code).await);
    throttled(&app.check_code(&first, &code).await);

    // Had the refused checks reached the API, the third wrong code would have ended the
    // request; after the window the right code still works.
    app.clock.advance(Duration::from_secs(901));
    app.check_code(&second, &code)
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

/// action, outcome, masked number, request id, client IP
type AuditRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_attempt_is_audited_with_a_masked_number_and_never_the_code() {
    let app = spawn_app_with(&[]).await;
    let browser = browser();
    let username = unique_username("eve");
    app.register(&browser, &username).await.redirected_to("/");
    app.send_code(&browser, "not a number").await;
    let number = phone_number(78);
    app.send_code(&browser, &number)
        .await
        .redirected_to("/2fa/verify");
    let code = app.last_code_for(&number);
    let wrong = wrong_code(&code);
    app.check_code(&browser, wrong)
        .await
        .failed_with(AppError::WrongCode);
    app.check_code(&browser, &code)
        .await
        .redirected_to(FIRST_CONFIRMATION);

    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT action, outcome, masked_number, request_id, client_ip FROM verification_events e \
         JOIN users u ON u.id = e.user_id WHERE u.username = $1 ORDER BY e.id",
    )
    .bind(&username)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let summary: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("start", "invalid number"),
            ("start", "ok"),
            ("check", "status 16"),
            ("check", "ok")
        ]
    );
    for (_, _, masked, request_id, ip) in &rows[1..] {
        assert_eq!(masked.as_deref(), Some("+1 •••• ••0178"));
        assert!(request_id.as_deref().is_some_and(|id| id.len() == 32));
        assert_eq!(ip.as_deref(), Some("127.0.0.1"));
    }
    let everything: Vec<String> = sqlx::query_scalar(
        "SELECT COALESCE(masked_number, '') || COALESCE(request_id, '') || outcome FROM verification_events",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for row in everything {
        assert!(!row.contains(&e164(&number)[2..]), "a full number in {row}");
        assert!(!row.contains(&code), "a code in {row}");
    }
}
