//! The whole journey with `VERIFY_API=v2`: the app speaks Verify v2 to the simulator and the
//! person sees the same outcomes as with v1.

use crate::helpers::{browser, e164, phone_number, spawn_app_with, TestApp, FIRST_CONFIRMATION};
use pollstr::{error::AppError, verify_simulator::Channel};
use std::time::Duration;

async fn v2_app() -> TestApp {
    spawn_app_with(&[
        ("VERIFY_API", "v2"),
        ("THROTTLE_STARTS_PER_NUMBER", "20/600"),
    ])
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_journey_works_against_verify_v2() {
    let app = v2_app().await;
    let browser = browser();
    let username = app.verified_user(&browser, &phone_number(130)).await;
    assert_eq!(
        app.user_phone(&username).await,
        Some(e164(&phone_number(130)))
    );
    let request_id: String =
        sqlx::query_scalar("SELECT request_id FROM verification_events WHERE action = 'start'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(request_id.len(), 36, "a v2 UUID request id: {request_id}");
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "2")])
        .await
        .redirected_to("/polls/1/results");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_wrong_codes_end_the_request_after_three() {
    let app = v2_app().await;
    let (browser, number) = app.waiting_for_a_code(131).await;
    app.three_wrong_codes(&browser, &app.last_code_for(&number))
        .await;

    // The audit trail says it in v2's words; the account page in plain ones.
    let outcomes: Vec<String> = sqlx::query_scalar(
        "SELECT outcome FROM verification_events WHERE action = 'check' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        outcomes,
        [
            "http 400 invalid code",
            "http 400 invalid code",
            "http 410 invalid code"
        ]
    );
    let page = app.page_text(&browser, "/account").await;
    assert!(
        page.contains("<td>Code typed</td><td>wrong code</td>"),
        "{page}"
    );
    assert!(page.contains("<td>Code typed</td><td>wrong code, too many times</td>"));
    assert!(!page.contains("http 4"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_a_code_on_its_way_is_resumed_and_an_expired_one_asks_for_a_new_one() {
    let app = v2_app().await;
    let (browser, number) = app.waiting_for_a_code(132).await;
    app.ask_again_and_find_it_resumed(&browser, &number).await;
    let code = app.last_code_for(&number);
    app.simulator
        .as_ref()
        .unwrap()
        .advance_clock(Duration::from_secs(3600));
    app.check_code(&browser, &code)
        .await
        .failed_with(AppError::CodeExpired);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v2_call_me_moves_to_the_voice_channel_and_a_new_code_replaces_the_old() {
    let app = v2_app().await;
    let (browser, number) = app.waiting_for_a_code(133).await;
    app.call(&browser, "call_me", &[("next", "/")])
        .await
        .redirected_to("/2fa/verify");
    assert_eq!(
        app.simulator.as_ref().unwrap().inbox()[0].channel,
        Channel::Voice
    );
    app.call(&browser, "call_me", &[("next", "/")])
        .await
        .failed_with(AppError::NoMoreDeliveries);

    app.clock.advance(Duration::from_secs(31));
    app.call(&browser, "resend_code", &[("next", "/")])
        .await
        .redirected_to("/2fa/verify");
    let fresh = app.last_code_for(&number);
    app.check_code(&browser, &fresh)
        .await
        .redirected_to(FIRST_CONFIRMATION);
}
