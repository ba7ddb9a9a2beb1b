use crate::{
    cookie_hand::CookieHand,
    helpers::{browser, phone_number, spawn_app, spawn_app_with, unique_username, PASSWORD},
};
use pollstr::{error::AppError, verify_simulator::Fault};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let app = spawn_app().await;
    let mut hand = CookieHand::new();
    let (set_cookie, _) = hand.register(&app, &unique_username("val")).await;
    let set_cookie = set_cookie.expect("a session cookie");
    assert!(set_cookie.starts_with("pollstr_session="));
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("SameSite=Lax"));
    assert!(!set_cookie.contains("Secure"), "plain HTTP by default");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_is_secure_when_served_over_https() {
    let app = spawn_app_with(&[("SECURE_COOKIES", "true")]).await;
    let mut hand = CookieHand::new();
    let (set_cookie, _) = hand.register(&app, &unique_username("wes")).await;
    let set_cookie = set_cookie.unwrap();
    assert!(set_cookie.contains("Secure"));
    assert!(
        set_cookie.starts_with("__Host-pollstr_session="),
        "{set_cookie}"
    );
    assert!(set_cookie.contains("Path=/") && !set_cookie.contains("Domain"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_id_changes_at_login_and_at_verification_and_old_ids_are_dead() {
    let app = spawn_app().await;
    let username = unique_username("xena");
    app.register(&browser(), &username).await.redirected_to("/");
    let mut hand = CookieHand::new();
    hand.call(
        &app,
        "login",
        &[
            ("username", &username),
            ("password", PASSWORD),
            ("next", "/"),
        ],
    )
    .await;
    let after_login = hand.cookie.clone().expect("logged in");
    assert_eq!(
        hand.username_seen_by(&app, &after_login).await.as_deref(),
        Some(username.as_str())
    );

    let number = phone_number(40);
    hand.call(
        &app,
        "send_code",
        &[("phone_number", &number), ("next", "/")],
    )
    .await;
    let code = app.last_code_for(&number);
    let (rotated, status) = hand
        .call(&app, "check_code", &[("code", &code), ("next", "/")])
        .await;
    assert_eq!(status, 200);
    assert!(rotated.is_some(), "verification sets a new cookie");
    let after_verification = hand.cookie.clone().unwrap();
    assert_ne!(after_login, after_verification);
    assert_eq!(
        hand.username_seen_by(&app, &after_login).await,
        None,
        "the pre-verification id is dead"
    );

    hand.call(
        &app,
        "login",
        &[
            ("username", &username),
            ("password", PASSWORD),
            ("next", "/"),
        ],
    )
    .await;
    assert_ne!(
        hand.cookie.clone().unwrap(),
        after_verification,
        "a new login rotates again"
    );
    assert_eq!(hand.username_seen_by(&app, &after_verification).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_the_server_never_issued_is_not_adopted() {
    let app = spawn_app().await;
    let username = unique_username("yan");
    app.register(&browser(), &username).await.redirected_to("/");
    let mut hand = CookieHand::new();
    let planted = "pollstr_session=AAAAAAAAAAAAAAAAAAAAAA".to_owned();
    hand.cookie = Some(planted.clone());
    hand.call(
        &app,
        "login",
        &[
            ("username", &username),
            ("password", PASSWORD),
            ("next", "/"),
        ],
    )
    .await;
    assert_ne!(hand.cookie.as_deref(), Some(planted.as_str()));
    assert_eq!(hand.username_seen_by(&app, &planted).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_in_as_someone_else_in_a_verified_browser_starts_unverified() {
    let app = spawn_app().await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(41)).await;
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");
    let other = unique_username("zed");
    app.register(&crate::helpers::browser(), &other)
        .await
        .redirected_to("/");
    app.login(&browser, &other, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "2")])
        .await
        .failed_with(AppError::NotVerified);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_out_clears_the_verified_mark() {
    let app = spawn_app().await;
    let browser = browser();
    let username = app.verified_user(&browser, &phone_number(42)).await;
    app.call(&browser, "logout", &[]).await.redirected_to("/");
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .failed_with(AppError::NotLoggedIn);
    app.login(&browser, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .failed_with(AppError::NotVerified);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_request_from_another_session_is_not_honoured() {
    let app = spawn_app().await;
    let number = phone_number(43);
    let first = browser();
    let username = unique_username("abe");
    app.register(&first, &username).await.redirected_to("/");
    app.send_code(&first, &number)
        .await
        .redirected_to("/2fa/verify");
    let code = app.last_code_for(&number);
    // The same user in another browser has no pending request, so the code means nothing there.
    let second = browser();
    app.login(&second, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.check_code(&second, &code)
        .await
        .failed_with(AppError::NoCodeRequested);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_logout_the_old_cookie_stays_anonymous_even_when_a_slow_request_ends_later() {
    let app = spawn_app().await;
    let mut hand = CookieHand::new();
    let username = unique_username("bea");
    hand.register(&app, &username).await;
    let old_cookie = hand.cookie.clone().expect("logged in");

    // Asking for a code reads the session, waits for the provider, then writes the session.
    let number = phone_number(44);
    app.simulator.as_ref().unwrap().inject_fault(
        &crate::helpers::e164(&number),
        Fault::Delay(Duration::from_millis(3000)),
    );
    let form = [("phone_number", number.as_str()), ("next", "/")];
    let (_, slow_status) = hand.call_across_a_logout(&app, "send_code", &form).await;
    assert_eq!(slow_status, 200, "the slow request itself succeeds");

    assert_eq!(
        hand.username_seen_by(&app, &old_cookie).await,
        None,
        "the slow request did not bring the logged-out session back"
    );
}
