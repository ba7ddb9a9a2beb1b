//! Several app instances sharing one PostgreSQL and one simulator process, as behind a load
//! balancer: sessions, verifications, throttles and votes are the same on every instance.
//! PostgreSQL only (`TEST_DATABASE_URL`; `make test` sets it).

use crate::app_process::{AppProcess, SimulatorProcess};
use crate::helpers::{
    browser, phone_number, unique_username, TestApp, TestDatabase, FIRST_CONFIRMATION, PASSWORD,
};
use pollstr::error::AppError;
use reqwest::Client;
use std::sync::Arc;

const VOTERS: u32 = 200;

/// Signs up on `first`, asks for a code there and types it in on `second`.
async fn verified_across(
    first: &TestApp,
    second: &TestApp,
    simulator: &SimulatorProcess,
    n: u32,
) -> (Client, String) {
    let browser = browser();
    let username = unique_username("multi");
    first.register(&browser, &username).await.redirected_to("/");
    let number = phone_number(n);
    first
        .send_code(&browser, &number)
        .await
        .redirected_to("/2fa/verify");
    let code = simulator.last_code_for(&number).await;
    second
        .check_code(&browser, &code)
        .await
        .redirected_to(FIRST_CONFIRMATION);
    (browser, username)
}

async fn signed_in_as(app: &TestApp, browser: &Client) -> Option<String> {
    let me = app.call(browser, "load_current_user", &[]).await;
    let user: Option<serde_json::Value> = serde_json::from_str(&me.body).ok()?;
    Some(user?["username"].as_str()?.to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_sessions_verifications_throttles_and_votes() {
    let database = Arc::new(TestDatabase::fresh().await);
    if !database.is_postgres() {
        eprintln!("skipped: several instances need PostgreSQL (set TEST_DATABASE_URL)");
        return;
    }
    let simulator = SimulatorProcess::start().await;
    let settings = [
        // Every test browser comes from 127.0.0.1.
        ("THROTTLE_STARTS_PER_IP", "1000/3600"),
        ("THROTTLE_FAILED_LOGINS_PER_ACCOUNT", "4/900"),
        ("POLLSTR_DEMO", "true"),
        // 200 votes at once queue for connections; a slow CI machine must not turn that
        // wait into a 503.
        ("DATABASE_CONNECT_TIMEOUT_MS", "30000"),
    ];
    // Started together on an empty database: migrations and demo data happen once.
    let (a, b) = tokio::join!(
        AppProcess::start(&database, None, &simulator.url, &settings),
        AppProcess::start(&database, None, &simulator.url, &settings)
    );
    let (a, b) = (&a.app, &b.app);
    let polls: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM polls")
        .fetch_one(&a.db)
        .await
        .unwrap();
    assert_eq!(polls, 3, "the demo polls, once");

    // A session made on A is valid on B; a code asked for on A is checked on B; the
    // verified session votes through either.
    let (browser, username) = verified_across(a, b, &simulator, 0).await;
    assert_eq!(
        signed_in_as(b, &browser).await.as_deref(),
        Some(username.as_str())
    );
    let choices = a.first_choice_ids(1).await;
    a.call(
        &browser,
        "vote",
        &[("poll_id", "1"), ("choice_id", &choices[0].to_string())],
    )
    .await
    .redirected_to("/polls/1/results");
    b.call(
        &browser,
        "vote",
        &[("poll_id", "1"), ("choice_id", &choices[1].to_string())],
    )
    .await
    .redirected_to("/polls/1/results");
    assert_eq!(a.vote_count(1).await, 1, "one vote, moved");

    // Failed logins count on both instances together.
    for attempt in 0..4 {
        [a, b][attempt % 2]
            .login(&Client::new(), &username, "wrong password", "/")
            .await
            .failed_with(AppError::InvalidCredentials);
    }
    let refused = a.login(&Client::new(), &username, PASSWORD, "/").await;
    assert!(
        matches!(refused.error, Some(AppError::Throttled { .. })),
        "{refused:?}"
    );

    // 200 accounts, each verified across the two, all voting at once through both.
    let simulator = &simulator;
    let mut voters = Vec::new();
    for batch in (1..=VOTERS).collect::<Vec<_>>().chunks(20) {
        let signups = batch.iter().map(|&n| {
            let (first, second) = if n % 2 == 0 { (a, b) } else { (b, a) };
            async move { (n, verified_across(first, second, simulator, n).await.0) }
        });
        voters.extend(futures::future::join_all(signups).await);
    }
    for (n, voter) in voters.iter().step_by(25) {
        let other = if n % 2 == 0 { a } else { b };
        assert!(
            signed_in_as(other, voter).await.is_some(),
            "session valid on both"
        );
    }
    let choices = a.first_choice_ids(2).await;
    let choice_of = |n: u32| choices[n as usize % choices.len()];
    let barrier = tokio::sync::Barrier::new(voters.len());
    let votes = voters.iter().map(|(n, voter)| {
        let through = if n % 2 == 0 { a } else { b };
        let choice = choice_of(*n).to_string();
        let barrier = &barrier;
        async move {
            barrier.wait().await;
            through
                .call(voter, "vote", &[("poll_id", "2"), ("choice_id", &choice)])
                .await
        }
    });
    for outcome in futures::future::join_all(votes).await {
        outcome.redirected_to("/polls/2/results");
    }
    for &choice in &choices {
        let counted: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM votes WHERE choice_id = $1")
            .bind(choice)
            .fetch_one(&a.db)
            .await
            .unwrap();
        let expected = (1..=VOTERS).filter(|&n| choice_of(n) == choice).count();
        assert_eq!(counted, expected as i64, "choice {choice}");
    }
}
