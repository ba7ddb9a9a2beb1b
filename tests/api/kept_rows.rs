//! A page's session and user are kept in memory for the second they were read in
//! (`server::request_rows`). These tests stop the app's clock, so a kept row never merely runs
//! out: only the exact forgetting of a written row, in this process or heard from another
//! instance, can end a session that was read a moment before. They look through a page (a
//! GET), the only kind of request that is answered from kept rows.

use crate::cookie_hand::CookieHand;
use crate::helpers::{
    browser, phone_number, spawn_app, spawn_app_on, unique_username, TestApp, TestDatabase,
    PASSWORD,
};
use pollstr::error::AppError;
use reqwest::Client;
use std::{sync::Arc, time::Duration};

/// Who the home page says is signed in, for `request` (a GET with some cookie).
async fn signed_in_on_page(request: reqwest::RequestBuilder) -> Option<String> {
    let page = request.send().await.expect("request").text().await.unwrap();
    let page = page.replace("<!>", "");
    let (_, rest) = page.split_once("Signed in as <strong>")?;
    Some(rest.split_once("</strong>")?.0.to_owned())
}

async fn signed_in_as(app: &TestApp, browser: &Client) -> Option<String> {
    signed_in_on_page(browser.get(format!("{}/", app.address))).await
}

/// The same through a bare cookie, as a replayed one would come.
async fn signed_in_with(app: &TestApp, cookie: &str) -> Option<String> {
    let request = Client::new()
        .get(format!("{}/", app.address))
        .header(reqwest::header::COOKIE, cookie);
    signed_in_on_page(request).await
}

/// A second browser signed in to `username`'s account, its session and user read twice (so
/// kept) by `reader`.
async fn second_session_read_by(app: &TestApp, reader: &TestApp, username: &str) -> Client {
    let other = browser();
    app.login(&other, username, PASSWORD, "/")
        .await
        .redirected_to("/");
    for _ in 0..2 {
        assert_eq!(
            signed_in_as(reader, &other).await.as_deref(),
            Some(username)
        );
    }
    other
}

/// Whether `browser` is signed out on `app` within ten seconds: a notification between
/// instances takes a moment, and on a stopped clock nothing else would sign it out.
async fn signed_out_soon(app: &TestApp, browser: &Client) -> bool {
    for _ in 0..1000 {
        if signed_in_as(app, browser).await.is_none() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logout_ends_at_once_a_session_read_a_moment_before() {
    let app = spawn_app().await;
    app.clock.freeze();
    let mut hand = CookieHand::new();
    let username = unique_username("kept");
    hand.register(&app, &username).await;
    let cookie = hand.cookie.clone().expect("a session");
    for _ in 0..2 {
        let seen = signed_in_with(&app, &cookie).await;
        assert_eq!(seen.as_deref(), Some(username.as_str()));
    }
    hand.call(&app, "logout", &[]).await;
    assert_eq!(
        signed_in_with(&app, &cookie).await,
        None,
        "the old cookie, replayed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_other_sessions_ends_at_once_one_read_a_moment_before() {
    let app = spawn_app().await;
    app.clock.freeze();
    let first = browser();
    let username = app.verified_user(&first, &phone_number(227)).await;
    let other = second_session_read_by(&app, &app, &username).await;
    app.call(&first, "sign_out_other_sessions", &[])
        .await
        .redirected_to("/account?others=signed-out");
    assert_eq!(signed_in_as(&app, &other).await, None);
    assert_eq!(signed_in_as(&app, &first).await, Some(username));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logout_or_a_sign_out_on_one_instance_ends_the_session_on_another() {
    let database = Arc::new(TestDatabase::fresh().await);
    if !database.is_postgres() {
        eprintln!("skipped: several instances need PostgreSQL (set TEST_DATABASE_URL)");
        return;
    }
    let url = database.url().to_owned();
    let a = spawn_app_on(database.clone(), &url, &[]).await;
    let b = spawn_app_on(database, &url, &[]).await;
    a.clock.freeze();
    b.clock.freeze();

    // The session row changes on A (deleted): B hears it.
    let leaving = browser();
    let username = unique_username("kept");
    a.register(&leaving, &username).await.redirected_to("/");
    let kept_on_b = second_session_read_by(&a, &b, &username).await;
    a.call(&kept_on_b, "logout", &[]).await.redirected_to("/");
    assert!(
        signed_out_soon(&b, &kept_on_b).await,
        "logged out on A, still in on B"
    );

    // The user row changes on A (its session epoch): B hears it and reads the user again.
    let first = browser();
    let username = a.verified_user(&first, &phone_number(228)).await;
    let other = second_session_read_by(&a, &b, &username).await;
    a.call(&first, "sign_out_other_sessions", &[])
        .await
        .redirected_to("/account?others=signed-out");
    assert!(
        signed_out_soon(&b, &other).await,
        "signed out on A, still in on B"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_reads_its_session_from_the_database_not_the_kept_copy() {
    let app = spawn_app().await;
    app.clock.freeze();
    let voter = browser();
    let username = app.verified_user(&voter, &phone_number(229)).await;
    for _ in 0..2 {
        assert_eq!(
            signed_in_as(&app, &voter).await.as_deref(),
            Some(username.as_str())
        );
    }
    // Ended where the app does not hear it on SQLite (another process, a cleanup); on
    // PostgreSQL the trigger tells the app, and the page may already show it.
    let ended = match sqlx::query("DELETE FROM tower_sessions")
        .execute(&app.db)
        .await
    {
        Ok(done) => done,
        Err(_) => sqlx::query(r#"DELETE FROM "tower_sessions"."session""#)
            .execute(&app.db)
            .await
            .unwrap(),
    };
    assert!(ended.rows_affected() > 0);
    if !app.database.is_postgres() {
        let page = signed_in_as(&app, &voter).await;
        assert_eq!(page, Some(username), "the page comes from the kept row");
    }
    app.vote_for_first_choice(&voter, 1)
        .await
        .failed_with(AppError::NotLoggedIn);
    assert_eq!(app.vote_count(1).await, 0, "nothing counted");
}
