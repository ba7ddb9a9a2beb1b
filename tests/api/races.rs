//! Requests that race each other: the right code twice at once, many votes from one account,
//! many guesses in parallel. Each must count exactly once, or not at all.

use crate::helpers::{browser, phone_number, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_code_sent_twice_at_once_verifies_once() {
    let app = spawn_app().await;
    let (browser, number) = app.waiting_for_a_code(142).await;
    let code = app.last_code_for(&number);
    let (first, second) = tokio::join!(
        app.check_code(&browser, &code),
        app.check_code(&browser, &code)
    );
    let successes = [&first, &second]
        .iter()
        .filter(|o| o.error.is_none())
        .count();
    assert_eq!(successes, 1, "{first:?} {second:?}");
    let checks_ok: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM verification_events WHERE action = 'check' AND outcome = 'ok'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(checks_ok, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_votes_from_one_account_leave_one_vote() {
    let app = spawn_app().await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(143)).await;
    let choices = app.first_choice_ids(1).await;
    let votes = (0..50).map(|n| {
        let choice = choices[n % choices.len()].to_string();
        let (app, browser) = (&app, &browser);
        async move {
            app.call(browser, "vote", &[("poll_id", "1"), ("choice_id", &choice)])
                .await
        }
    });
    for outcome in futures::future::join_all(votes).await {
        outcome.redirected_to("/polls/1/results");
    }
    assert_eq!(app.vote_count(1).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_parallel_guesses_get_no_more_than_three_tries_at_the_code() {
    let app = spawn_app().await;
    let (browser, number) = app.waiting_for_a_code(144).await;
    let code = app.last_code_for(&number);
    let guesses = (0..20).map(|n| {
        let guess = format!("{:06}", (code.parse::<u32>().unwrap() + 1 + n) % 1_000_000);
        let (app, browser) = (&app, &browser);
        async move { app.check_code(browser, &guess).await }
    });
    let outcomes = futures::future::join_all(guesses).await;
    assert!(
        outcomes.iter().all(|o| o.error.is_some()),
        "no guess got in"
    );
    let tried: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM verification_events WHERE action = 'check' AND outcome IN ('status 16', 'status 17')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(tried <= 3, "{tried} guesses reached the code");
    // The request is over: even the right code no longer works.
    assert!(app.check_code(&browser, &code).await.error.is_some());
}
