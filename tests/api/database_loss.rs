//! The database going away under a running app (a restart, a network cut): requests get a
//! clear 503 "try again", and the app recovers by itself when the database is back.
//! PostgreSQL only: a server the app reaches over the network.

use crate::helpers::{browser, phone_number, spawn_app_on, TestDatabase};
use crate::relay::Relay;
use pollstr::error::AppError;
use std::{sync::Arc, time::Duration};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_the_database_answers_503_and_the_app_recovers_by_itself() {
    let database = Arc::new(TestDatabase::fresh().await);
    if !database.is_postgres() {
        eprintln!("skipped: PostgreSQL only (set TEST_DATABASE_URL)");
        return;
    }
    let mut relay = Relay::start_to(database.url()).await;
    let app = spawn_app_on(
        database,
        &relay.database_url(),
        &[("DATABASE_CONNECT_TIMEOUT_MS", "1000")],
    )
    .await;

    let voter = browser();
    app.verified_user(&voter, &phone_number(180)).await;
    let vote = |choice: &'static str| {
        let (app, voter) = (&app, &voter);
        async move {
            app.call(voter, "vote", &[("poll_id", "1"), ("choice_id", choice)])
                .await
        }
    };
    vote("1").await.redirected_to("/polls/1/results");

    relay.cut();
    let refused = vote("2").await;
    assert_eq!(refused.status, 503, "{refused:?}");
    refused.failed_with(AppError::Busy);
    let page = app.get(&browser(), "/").await;
    assert_eq!(page.status(), 503, "a page says so too");
    assert_eq!(page.headers()["retry-after"], "5");
    assert!(page.text().await.unwrap().contains("try again"));
    assert_eq!(app.get(&browser(), "/readyz").await.status(), 503);

    relay.restore().await;
    let mut recovered = false;
    for _ in 0..20 {
        if vote("2").await.redirect.is_some() {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(recovered, "the app reconnected by itself");
    assert_eq!(app.get(&browser(), "/readyz").await.status(), 200);
    assert_eq!(app.vote_count(1).await, 1);
}
