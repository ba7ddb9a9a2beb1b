//! The migrations that let members make polls keep a database made before them working: the
//! votes cast stay counted, a poll stays without an author (nothing can tell who made it), and
//! with the demo on, the demo polls go to the demo account.

use crate::helpers::{browser, spawn_app_on, TestDatabase};
use sqlx::{
    any::install_default_drivers,
    migrate::{Migration, Migrator},
    AnyConnection, Connection,
};
use std::{borrow::Cow, path::Path, sync::Arc};

/// The first migration of the polls-members-make step.
const POLLS_MEMBERS_MAKE: i64 = 20261201000007;

/// The schema as it was just before that step.
async fn migrate_to_before_it(url: &str) {
    install_default_drivers();
    let dialect = if url.starts_with("postgres") {
        "migrations/postgres"
    } else {
        "migrations/sqlite"
    };
    let all = Migrator::new(Path::new(dialect)).await.expect("migrations");
    let before: Vec<Migration> = all
        .migrations
        .iter()
        .filter(|m| m.version < POLLS_MEMBERS_MAKE)
        .cloned()
        .collect();
    let earlier = Migrator {
        migrations: Cow::Owned(before),
        ..all
    };
    let mut connection = AnyConnection::connect(url).await.expect("connects");
    earlier
        .run(&mut connection)
        .await
        .expect("earlier migrations");
    // The data an earlier version wrote: the demo account, a poll, and a vote on it.
    for statement in [
        "INSERT INTO users (username, username_key, username_skeleton, password_hash, created_at) \
         VALUES ('test', 'test', 'test', 'x', 1), ('voter', 'voter', 'voter', 'x', 1)",
        "INSERT INTO polls (question, published_at) VALUES ('Old question?', 1469451264), \
         ('What''s up dog?', 1469451264)",
        "INSERT INTO choices (poll_id, text, position) VALUES (1, 'Yes', 0), (1, 'No', 1)",
        "INSERT INTO votes (poll_id, user_id, choice_id, voted_at) VALUES (1, 2, 2, 2)",
    ] {
        sqlx::query(statement)
            .execute(&mut connection)
            .await
            .expect(statement);
    }
    connection.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polls_made_before_the_migration_keep_their_votes_and_the_demo_ones_get_the_demo_author() {
    let database = Arc::new(TestDatabase::fresh().await);
    let url = database.url().to_owned();
    migrate_to_before_it(&url).await;
    let app = spawn_app_on(database, &url, &[]).await;

    let polls: Vec<(Option<i64>, String, Option<i64>)> =
        sqlx::query_as("SELECT author_id, results_shown, closes_at FROM polls ORDER BY id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        polls,
        [
            (None, "always".to_owned(), None),
            (Some(1), "always".to_owned(), None)
        ],
        "an old poll keeps no author; the demo's goes to the demo account (user 1, test)"
    );
    let results = app.page_text(&browser(), "/polls/1/results").await;
    assert!(results.contains("Old question?"), "{results}");
    assert!(
        results.contains("Published") && results.contains("1 person voted"),
        "{results}"
    );
    assert!(results.contains("Total: 1 vote"), "{results}");
    let demo = app.page_text(&browser(), "/polls/2/results").await;
    assert!(demo.contains("By test"), "{demo}");
}
