//! Live results across instances on one PostgreSQL: a vote through one instance reaches the
//! streams of another (`pg_notify`, one listener per instance), also after that instance lost
//! its database connection for a while. PostgreSQL only (`TEST_DATABASE_URL`).

use crate::helpers::{browser, phone_number, spawn_app_on, TestDatabase};
use crate::relay::Relay;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_through_one_instance_reaches_the_viewers_of_another_even_after_a_cut() {
    let database = Arc::new(TestDatabase::fresh().await);
    if !database.is_postgres() {
        eprintln!("skipped: several instances need PostgreSQL (set TEST_DATABASE_URL)");
        return;
    }
    // A reaches the database through a relay the test can cut; B directly.
    let mut relay = Relay::start_to(database.url()).await;
    let a = spawn_app_on(
        database.clone(),
        &relay.database_url(),
        &[("DATABASE_CONNECT_TIMEOUT_MS", "1000")],
    )
    .await;
    let database_url = database.url().to_owned();
    let b = spawn_app_on(database, &database_url, &[]).await;

    let voter = browser();
    b.verified_user(&voter, &phone_number(50)).await;
    let choices = b.first_choice_ids(1).await;
    let vote_through_b = |choice: i64| {
        let (b, voter) = (&b, &voter);
        async move {
            let choice = choice.to_string();
            b.call(voter, "vote", &[("poll_id", "1"), ("choice_id", &choice)])
                .await
                .redirected_to("/polls/1/results");
        }
    };

    let mut on_a = a.watch(&browser(), 1).await;
    assert_eq!(on_a.next().await.votes(), [0, 0, 0, 0]);
    let mut on_b = b.watch(&browser(), 1).await;
    assert_eq!(on_b.next().await.votes(), [0, 0, 0, 0]);
    vote_through_b(choices[0]).await;
    on_a.until_votes(&[1, 0, 0, 0]).await;
    on_b.until_votes(&[1, 0, 0, 0]).await;

    // While A is cut off, its listener hears nothing of the votes through B ...
    relay.cut();
    vote_through_b(choices[1]).await;
    on_b.until_votes(&[0, 1, 0, 0]).await;
    let other = browser();
    b.verified_user(&other, &phone_number(51)).await;
    b.vote_for_first_choice(&other, 1)
        .await
        .redirected_to("/polls/1/results");
    on_b.until_votes(&[1, 1, 0, 0]).await;

    // ... and once it is back, A's viewers get the numbers of now.
    relay.restore().await;
    let caught_up = on_a.until_votes(&[1, 1, 0, 0]).await;
    assert_eq!(caught_up.voters(), 2);
}
