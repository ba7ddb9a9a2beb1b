//! Recovery codes, the account page and "sign out other sessions".

use crate::helpers::{
    browser, phone_number, spawn_app, spawn_app_with, unique_username, TestApp, PASSWORD,
};
use pollstr::error::{AppError, Field};
use reqwest::Client;

/// The codes shown once after the first confirmation.
async fn fresh_codes(app: &TestApp, browser: &Client) -> Vec<String> {
    let outcome = app.call(browser, "take_fresh_recovery_codes", &[]).await;
    let body: serde_json::Value = serde_json::from_str(&outcome.body).expect(&outcome.body);
    body["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

async fn recover(app: &TestApp, browser: &Client, code: &str) -> crate::helpers::Outcome {
    app.call(
        browser,
        "use_recovery_code",
        &[("recovery_code", code), ("next", "/polls/1")],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_recovery_codes_are_shown_once_after_the_first_confirmation_and_stored_hashed() {
    let app = spawn_app().await;
    let browser = browser();
    let username = app.verified_user(&browser, &phone_number(80)).await;
    let codes = fresh_codes(&app, &browser).await;
    assert_eq!(codes.len(), 10);
    assert!(fresh_codes(&app, &browser).await.is_empty(), "shown once");
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = $1",
    )
    .bind(&username)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(stored.len(), 10);
    for code in &codes {
        assert!(stored
            .iter()
            .all(|hash| !hash.contains(code.as_str()) && !hash.contains(&code.replace('-', ""))));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recovery_code_verifies_a_session_once() {
    let app = spawn_app().await;
    let first = browser();
    let username = app.verified_user(&first, &phone_number(81)).await;
    let codes = fresh_codes(&app, &first).await;

    let lost_phone = browser();
    app.login(&lost_phone, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    recover(&app, &lost_phone, &codes[3].to_lowercase())
        .await
        .redirected_to("/account?recovered=1&next=%2Fpolls%2F1");
    app.call(&lost_phone, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");

    let again = browser();
    app.login(&again, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    let reused = recover(&app, &again, &codes[3]).await;
    assert!(
        reused
            .error
            .as_ref()
            .and_then(|e| e.message_for(Field::RecoveryCode))
            .is_some(),
        "{reused:?}"
    );
    app.call(&again, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .failed_with(AppError::NotVerified);

    let page = app.page_text(&lost_phone, "/account?recovered=1").await;
    assert!(page.contains("Recovery codes left"));
    assert!(page.contains("<dd>9</dd>"), "{page}");
    assert!(page.contains("recovery code"), "suggests new codes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_recovery_code_sent_twice_at_once_verifies_once() {
    let app = spawn_app().await;
    let first = browser();
    let username = app.verified_user(&first, &phone_number(82)).await;
    let code = fresh_codes(&app, &first).await.remove(0);
    let (a, b) = (browser(), browser());
    app.login(&a, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.login(&b, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    let (left, right) = tokio::join!(recover(&app, &a, &code), recover(&app, &b, &code));
    assert_eq!(
        [&left, &right].iter().filter(|o| o.error.is_none()).count(),
        1,
        "{left:?} {right:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regenerating_needs_a_verified_session_and_retires_the_old_codes() {
    let app = spawn_app().await;
    let first = browser();
    let username = app.verified_user(&first, &phone_number(83)).await;
    let old = fresh_codes(&app, &first).await;

    let unverified = browser();
    app.login(&unverified, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.call(&unverified, "regenerate_recovery_codes", &[])
        .await
        .failed_with(AppError::NotVerified);

    app.call(&first, "regenerate_recovery_codes", &[])
        .await
        .redirected_to("/account/recovery-codes?next=%2Faccount");
    let new = fresh_codes(&app, &first).await;
    assert_eq!(new.len(), 10);
    assert!(
        recover(&app, &unverified, &old[0]).await.invalid(),
        "old codes stop working"
    );
    recover(&app, &unverified, &new[0])
        .await
        .redirected_to("/account?recovered=1&next=%2Fpolls%2F1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_recovery_codes_share_the_failed_check_throttle() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_CHECKS_PER_ACCOUNT", "2/900")]).await;
    let first = browser();
    let username = app.verified_user(&first, &phone_number(84)).await;
    let code = fresh_codes(&app, &first).await.remove(0);
    let other = browser();
    app.login(&other, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    assert!(recover(&app, &other, "AAAAA-AAAAA").await.invalid());
    assert!(recover(&app, &other, "BBBBB-BBBBB").await.invalid());
    let refused = recover(&app, &other, &code).await;
    assert!(
        matches!(refused.error, Some(AppError::Throttled { .. })),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_without_a_confirmed_number_has_no_recovery_codes_to_use() {
    let app = spawn_app().await;
    let browser = browser();
    app.register(&browser, &unique_username("noa"))
        .await
        .redirected_to("/");
    assert!(recover(&app, &browser, "ABCDE-FGHJK").await.invalid());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_shows_the_masked_number_the_session_and_recent_activity() {
    let app = spawn_app().await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(85)).await;
    let page = app.page_text(&browser, "/account").await;
    assert!(page.contains("+1 •••• ••0185"), "{page}");
    assert!(page.contains("Verified until"));
    // In plain words, not the log's ("start", "ok", "status 16").
    assert!(page.contains("<td>New code</td><td>done</td>"), "{page}");
    assert!(page.contains("<td>Code typed</td><td>done</td>"));
    assert!(!page.contains("2125550185"), "never the full number");

    let stranger = app.get(&crate::helpers::browser(), "/account").await;
    assert_eq!(
        stranger.headers()[reqwest::header::LOCATION],
        "/login?next=%2Faccount"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_other_sessions_keeps_only_this_one() {
    let app = spawn_app().await;
    let here = browser();
    let username = app.verified_user(&here, &phone_number(86)).await;
    let elsewhere = browser();
    app.login(&elsewhere, &username, PASSWORD, "/")
        .await
        .redirected_to("/");

    app.call(&elsewhere, "sign_out_other_sessions", &[])
        .await
        .failed_with(AppError::NotVerified);
    app.call(&here, "sign_out_other_sessions", &[])
        .await
        .redirected_to("/account?others=signed-out");

    let gone = app.call(&elsewhere, "load_current_user", &[]).await;
    assert_eq!(gone.body, "null", "the other session is anonymous");
    app.call(&here, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");
}
