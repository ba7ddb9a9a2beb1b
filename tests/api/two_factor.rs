use crate::helpers::{
    browser, e164, phone_number, spawn_app, spawn_app_with, unique_username, wrong_code,
    FIRST_CONFIRMATION,
};
use pollstr::error::{AppError, Field};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_step_needs_a_login() {
    let app = spawn_app().await;
    app.send_code(&browser(), &phone_number(1))
        .await
        .failed_with(AppError::NotLoggedIn);
    app.check_code(&browser(), "123456")
        .await
        .failed_with(AppError::NotLoggedIn);
    assert!(app.simulator.as_ref().unwrap().inbox().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_code_verifies_the_session_and_confirms_the_number() {
    let app = spawn_app().await;
    let browser = browser();
    let username = unique_username("gus");
    app.register(&browser, &username).await.redirected_to("/");
    let number = phone_number(2);
    app.call(
        &browser,
        "send_code",
        &[("phone_number", &number), ("next", "/polls/1")],
    )
    .await
    .redirected_to("/2fa/verify?next=%2Fpolls%2F1");
    assert_eq!(
        app.user_phone(&username).await,
        None,
        "not confirmed before the check"
    );
    let sms = app.simulator.as_ref().unwrap().inbox();
    assert_eq!(sms[0].number, e164(&number));
    assert_eq!(sms[0].code.len(), 6, "the app asks for 6-digit codes");
    let code = app.last_code_for(&number);
    app.call(
        &browser,
        "check_code",
        &[("code", &code), ("next", "/polls/1")],
    )
    .await
    .redirected_to("/account/recovery-codes?next=%2Fpolls%2F1");
    assert_eq!(app.user_phone(&username).await, Some(e164(&number)));
    let ballot = app.get(&browser, "/polls/1").await;
    assert_eq!(ballot.status(), 200);
    assert!(ballot.text().await.unwrap().contains("Vote"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_code_says_so_and_lets_the_person_try_again() {
    let app = spawn_app().await;
    let (browser, number) = app.waiting_for_a_code(3).await;
    let code = app.last_code_for(&number);
    let wrong = wrong_code(&code);
    app.check_code(&browser, wrong)
        .await
        .failed_with(AppError::WrongCode);
    app.check_code(&browser, "12ab")
        .await
        .error
        .unwrap()
        .message_for(Field::Code)
        .expect("a field message");
    app.check_code(&browser, &code)
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_wrong_codes_end_the_request_and_the_person_must_start_again() {
    let app = spawn_app().await;
    let (browser, number) = app.waiting_for_a_code(4).await;
    app.three_wrong_codes(&browser, &app.last_code_for(&number))
        .await;
    // Starting again sends a fresh code that works.
    app.send_code(&browser, &number)
        .await
        .redirected_to("/2fa/verify");
    let fresh = app.last_code_for(&number);
    app.check_code(&browser, &fresh)
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_already_on_its_way_is_resumed_not_refused() {
    let app = spawn_app().await;
    let (browser, number) = app.waiting_for_a_code(5).await;
    app.ask_again_and_find_it_resumed(&browser, &number).await;
    app.check_code(&browser, &app.last_code_for(&number))
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_code_asks_for_a_new_one() {
    let app = spawn_app().await;
    let (browser, number) = app.waiting_for_a_code(6).await;
    let code = app.last_code_for(&number);
    app.simulator
        .as_ref()
        .unwrap()
        .advance_clock(std::time::Duration::from_secs(301));
    app.check_code(&browser, &code)
        .await
        .failed_with(AppError::CodeExpired);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_verified_mark_expires_after_two_factor_max_age() {
    let app = spawn_app_with(&[("TWO_FACTOR_MAX_AGE", "3600")]).await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(11)).await;
    let choice = app.first_choice_ids(1).await[0].to_string();
    let vote = [("poll_id", "1"), ("choice_id", choice.as_str())];
    // A minute's margin either side: the app clock is the wall clock plus the advance, and
    // the wall clock moves on while the test runs.
    app.clock.advance(std::time::Duration::from_secs(3540));
    app.call(&browser, "vote", &vote)
        .await
        .redirected_to("/polls/1/results");
    app.clock.advance(std::time::Duration::from_secs(120));
    app.call(&browser, "vote", &vote)
        .await
        .failed_with(AppError::NotVerified);
}
