//! "Send a new code" and "Call me instead" on the code step, under the Verify API's timing
//! rules (time moves by advancing the app's and the simulator's clocks together).

use crate::helpers::{
    browser, e164, spawn_app, spawn_app_with, unique_username, TestApp, FIRST_CONFIRMATION,
};
use pollstr::{error::AppError, verify_simulator::Channel};
use reqwest::Client;
use std::time::Duration;

fn advance(app: &TestApp, secs: u64) {
    app.clock.advance(Duration::from_secs(secs));
    app.simulator
        .as_ref()
        .unwrap()
        .advance_clock(Duration::from_secs(secs));
}

fn messages_to(app: &TestApp, number: &str) -> Vec<pollstr::verify_simulator::SmsMessage> {
    let e164 = e164(number);
    app.simulator
        .as_ref()
        .unwrap()
        .inbox()
        .into_iter()
        .filter(|m| m.number == e164)
        .collect()
}

async fn resend(app: &TestApp, browser: &Client) -> crate::helpers::Outcome {
    app.call(browser, "resend_code", &[("next", "/")]).await
}

async fn call_me(app: &TestApp, browser: &Client) -> crate::helpers::Outcome {
    app.call(browser, "call_me", &[("next", "/")]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_code_waits_thirty_seconds_and_then_replaces_the_old_one() {
    let app = spawn_app().await;
    // Held still, so the margin is exact: the provider's 30 seconds and one more, because
    // the app counts whole seconds and must never offer the button before the provider.
    app.clock.freeze();
    let (browser, number) = app.waiting_for_a_code(90).await;
    let page = app.page_text(&browser, "/2fa/verify").await;
    assert!(
        page.contains("You can ask for a new one in 31 seconds."),
        "{page}"
    );

    let early = resend(&app, &browser).await;
    early.failed_with(AppError::TooSoon {
        retry_after_secs: 31,
    });
    assert_eq!(early.status, 429);
    assert_eq!(
        messages_to(&app, &number).len(),
        1,
        "nothing sent while too early"
    );

    advance(&app, 30);
    resend(&app, &browser).await.failed_with(AppError::TooSoon {
        retry_after_secs: 1,
    });

    advance(&app, 1);
    resend(&app, &browser).await.redirected_to("/2fa/verify");
    let sms = messages_to(&app, &number);
    assert_eq!(sms.len(), 2);
    let (new, old) = (&sms[0].code, &sms[1].code);
    if old != new {
        app.check_code(&browser, old)
            .await
            .failed_with(AppError::WrongCode);
    }
    app.check_code(&browser, new)
        .await
        .redirected_to(FIRST_CONFIRMATION);
    let trail: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, outcome FROM verification_events WHERE action IN ('cancel', 'resend') ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let trail: Vec<(&str, &str)> = trail
        .iter()
        .map(|(a, o)| (a.as_str(), o.as_str()))
        .collect();
    assert_eq!(
        trail,
        [
            ("resend", "too soon"),
            ("resend", "too soon"),
            ("cancel", "ok"),
            ("resend", "ok")
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_second_delivery_the_code_on_its_way_is_the_new_code() {
    let app = spawn_app().await;
    let (browser, _number) = app.waiting_for_a_code(91).await;
    advance(&app, 130);
    resend(&app, &browser)
        .await
        .failed_with(AppError::CodeAlreadySent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_me_reads_the_same_code_by_voice_until_no_delivery_is_left() {
    // Each delivery counts as a start; allow more than the default three per number.
    let app = spawn_app_with(&[("THROTTLE_STARTS_PER_NUMBER", "10/600")]).await;
    let (browser, number) = app.waiting_for_a_code(92).await;
    call_me(&app, &browser).await.redirected_to("/2fa/verify");
    let sms = messages_to(&app, &number);
    assert_eq!(sms[0].channel, Channel::Voice);
    assert_eq!(
        sms[0].code, sms[1].code,
        "the PIN has not expired, so the call reads the same code"
    );
    call_me(&app, &browser).await.redirected_to("/2fa/verify");
    call_me(&app, &browser)
        .await
        .failed_with(AppError::NoMoreDeliveries);
    app.check_code(&browser, &sms[0].code)
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resending_needs_a_pending_code_and_is_audited() {
    let app = spawn_app().await;
    let browser = browser();
    app.register(&browser, &unique_username("sid"))
        .await
        .redirected_to("/");
    resend(&app, &browser)
        .await
        .failed_with(AppError::NoCodeRequested);
    call_me(&app, &browser)
        .await
        .failed_with(AppError::NoCodeRequested);

    let (browser, _) = app.waiting_for_a_code(93).await;
    call_me(&app, &browser).await.redirected_to("/2fa/verify");
    let outcomes: Vec<String> = sqlx::query_scalar(
        "SELECT outcome FROM verification_events WHERE action = 'resend' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(outcomes, ["next event"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliveries_count_against_the_start_limits() {
    let app = spawn_app().await;
    let (browser, _) = app.waiting_for_a_code(94).await;
    call_me(&app, &browser).await.redirected_to("/2fa/verify");
    call_me(&app, &browser).await.redirected_to("/2fa/verify");
    assert!(matches!(
        call_me(&app, &browser).await.error,
        Some(AppError::Throttled { .. })
    ));
}
