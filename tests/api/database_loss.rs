//! The database going away under a running app (a restart, a failover): requests get a clear
//! 503 "try again", and the app recovers by itself when the database is back. PostgreSQL
//! only: it is a server that can refuse and drop connections.

use crate::helpers::{browser, phone_number, spawn_app_with};
use pollstr::error::AppError;
use sqlx::{Connection, PgConnection};
use std::time::Duration;

/// Allows or refuses new connections to `database` and ends the ones it has.
async fn set_reachable(admin_url: &str, database: &str, reachable: bool) {
    let mut admin = PgConnection::connect(admin_url).await.unwrap();
    sqlx::query(&format!(
        "ALTER DATABASE {database} WITH ALLOW_CONNECTIONS {reachable}"
    ))
    .execute(&mut admin)
    .await
    .unwrap();
    if !reachable {
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind(database)
        .execute(&mut admin)
        .await
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_the_database_answers_503_and_the_app_recovers_by_itself() {
    let app = spawn_app_with(&[("DATABASE_CONNECT_TIMEOUT_MS", "1000")]).await;
    let Some((admin_url, database)) = app.database.postgres_names() else {
        eprintln!("skipped: PostgreSQL only (set TEST_DATABASE_URL)");
        return;
    };
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

    set_reachable(&admin_url, &database, false).await;
    let refused = vote("2").await;
    assert_eq!(refused.status, 503, "{refused:?}");
    refused.failed_with(AppError::Busy);
    let page = app.get(&browser(), "/").await;
    assert_eq!(page.status(), 503, "a page says so too");
    assert_eq!(app.get(&browser(), "/readyz").await.status(), 503);

    set_reachable(&admin_url, &database, true).await;
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
}
