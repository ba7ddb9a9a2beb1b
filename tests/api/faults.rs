//! Faults at the Verify API, injected in the in-process simulator for the next call about a
//! number (or an API that cannot be reached): the person stays logged in and unverified, sees
//! a clear message, and no retry sends a second SMS. And a database locked past its timeout:
//! a 503 "try again", with nothing half-written.

use crate::helpers::{browser, e164, phone_number, spawn_app_with, unique_username, TestApp};
use pollstr::{error::AppError, verify_simulator::Fault};
use std::time::Duration;

async fn logged_in(app: &TestApp) -> (reqwest::Client, String) {
    let browser = browser();
    let username = unique_username("flo");
    app.register(&browser, &username).await.redirected_to("/");
    (browser, username)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_provider_leaves_the_person_logged_in_unverified_and_informed() {
    // A short client timeout keeps the delay fault quick.
    let app = spawn_app_with(&[("VERIFY_TIMEOUT_SECS", "1")]).await;
    let simulator = app.simulator.clone().unwrap();
    let cases = [
        (Fault::Http(503), AppError::VerifyUnavailable),
        (Fault::MalformedJson, AppError::VerifyUnavailable),
        (
            Fault::Delay(Duration::from_millis(2500)),
            AppError::VerifyUnavailable,
        ),
        (Fault::Status("15".into()), AppError::NumberNotSupported),
        (Fault::Status("5".into()), AppError::VerifyUnavailable),
        // A status this client has never heard of.
        (Fault::Status("99".into()), AppError::VerifyUnavailable),
    ];
    for (n, (fault, expected)) in cases.into_iter().enumerate() {
        let (browser, username) = logged_in(&app).await;
        let number = phone_number(110 + n as u32);
        simulator.inject_fault(&e164(&number), fault);
        app.send_code(&browser, &number).await.failed_with(expected);
        app.still_logged_in_and_unverified(&browser, &username)
            .await;
        assert!(app.user_phone(&username).await.is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_check_is_not_retried_behind_the_persons_back() {
    let app = spawn_app_with(&[]).await;
    let simulator = app.simulator.clone().unwrap();
    let (browser, _) = logged_in(&app).await;
    let number = phone_number(120);
    app.send_code(&browser, &number)
        .await
        .redirected_to("/2fa/verify");
    let code = app.last_code_for(&number);
    simulator.inject_fault(&e164(&number), Fault::Http(502));
    app.check_code(&browser, &code)
        .await
        .failed_with(AppError::VerifyUnavailable);
    assert_eq!(simulator.inbox().len(), 1, "one SMS, no second one");
    // The request is still alive at the provider: the same code works on a second try.
    app.check_code(&browser, &code)
        .await
        .redirected_to(crate::helpers::FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_provider_leaves_the_person_logged_in_unverified_and_informed() {
    // A port that was just free and is closed again: connecting is refused at once.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = spawn_app_with(&[
        ("NEXMO_API_KEY", "key"),
        ("NEXMO_API_SECRET", "secret"),
        ("NEXMO_API_URL", &url),
    ])
    .await;
    let (browser, username) = logged_in(&app).await;
    app.send_code(&browser, &phone_number(121))
        .await
        .failed_with(AppError::VerifyUnavailable);
    app.still_logged_in_and_unverified(&browser, &username)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_database_answers_busy_with_a_retry_hint_and_writes_nothing() {
    use sqlx::{AnyConnection, Connection, Executor};
    let app = spawn_app_with(&[
        ("DATABASE_BUSY_TIMEOUT_MS", "200"),
        ("DATABASE_STATEMENT_TIMEOUT_MS", "200"),
    ])
    .await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(145)).await;

    // Another process holds the write lock (SQLite) or a lock on the votes (PostgreSQL) past
    // the busy or statement timeout.
    let mut holder = AnyConnection::connect(&app.database_url).await.unwrap();
    if app.database.is_postgres() {
        holder.execute("BEGIN").await.unwrap();
        holder
            .execute("LOCK TABLE votes IN ACCESS EXCLUSIVE MODE")
            .await
            .unwrap();
    } else {
        holder.execute("BEGIN IMMEDIATE").await.unwrap();
    }
    let refused = app
        .call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await;
    refused.failed_with(AppError::Busy);
    assert_eq!(refused.status, 503);
    assert!(refused.error.unwrap().user_message().contains("try again"));
    holder.execute("ROLLBACK").await.unwrap();

    assert_eq!(app.vote_count(1).await, 0, "nothing half-written");
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");
    assert_eq!(app.vote_count(1).await, 1);
}
