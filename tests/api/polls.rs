use crate::helpers::{browser, phone_number, spawn_app, spawn_app_with, unique_username};
use pollstr::error::AppError;
use reqwest::header::LOCATION;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anyone_can_browse_the_latest_polls() {
    let app = spawn_app().await;
    let home = app.get(&browser(), "/").await;
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert!(html.contains("Latest polls"));
    assert!(html.contains(r#"href="/polls/1""#));
    assert!(html.contains("A golden retriever"), "choices are listed");
    assert!(
        !html.contains("Loading"),
        "the data is in the first HTML, not a fallback"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_redirects_a_stranger_to_login_and_back() {
    let app = spawn_app().await;
    let response = app.get(&browser(), "/polls/2").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()[LOCATION], "/login?next=%2Fpolls%2F2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_redirects_an_unverified_user_to_the_phone_step() {
    let app = spawn_app().await;
    let browser = browser();
    app.register(&browser, &unique_username("quinn"))
        .await
        .redirected_to("/");
    let response = app.get(&browser, "/polls/2").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()[LOCATION], "/2fa?next=%2Fpolls%2F2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn voting_is_refused_until_the_session_is_verified() {
    let app = spawn_app().await;
    let stranger = app
        .call(&browser(), "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await;
    stranger.failed_with(AppError::NotLoggedIn);
    assert_eq!(stranger.status, 401);
    let browser = browser();
    app.register(&browser, &unique_username("rae"))
        .await
        .redirected_to("/");
    let unverified = app
        .call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await;
    unverified.failed_with(AppError::NotVerified);
    assert_eq!(unverified.status, 403);
    assert_eq!(app.vote_count(1).await, 0, "nothing changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_user_votes_sees_results_and_can_move_the_vote() {
    let app = spawn_app().await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(20)).await;
    let choices = app.first_choice_ids(1).await;
    app.call(
        &browser,
        "vote",
        &[("poll_id", "1"), ("choice_id", &choices[1].to_string())],
    )
    .await
    .redirected_to("/polls/1/results");
    let results = app.page_text(&browser, "/polls/1/results").await;
    assert!(results.contains("Your vote"));
    assert!(results.contains("Total: 1 vote"), "{results}");
    assert!(results.contains("100%"));

    app.call(
        &browser,
        "vote",
        &[("poll_id", "1"), ("choice_id", &choices[2].to_string())],
    )
    .await
    .redirected_to("/polls/1/results");
    assert_eq!(app.vote_count(1).await, 1, "one vote per account per poll");
    let moved: i64 = sqlx::query_scalar("SELECT choice_id FROM votes WHERE poll_id = 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(moved, choices[2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_poll_and_choice_ids_are_refused_without_a_vote() {
    let app = spawn_app().await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(21)).await;
    let other_polls_choice = app.first_choice_ids(2).await[0].to_string();
    let cases = [
        ("1", other_polls_choice.as_str()),
        ("1", "-1"),
        ("1", "abc"),
        ("1", "99999999999999999999"),
        ("-5", "1"),
        ("999", "1"),
        ("x", "1"),
    ];
    for (poll, choice) in cases {
        let outcome = app
            .call(
                &browser,
                "vote",
                &[("poll_id", poll), ("choice_id", choice)],
            )
            .await;
        assert!(
            matches!(
                outcome.error,
                Some(AppError::InvalidChoice | AppError::PollNotFound)
            ) || outcome.invalid(),
            "{poll}/{choice}: {outcome:?}"
        );
    }
    let no_choice = app.call(&browser, "vote", &[("poll_id", "1")]).await;
    assert!(no_choice.invalid(), "{no_choice:?}");
    let votes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM votes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(votes, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_are_public_and_a_missing_poll_says_so() {
    let app = spawn_app().await;
    let results = app.get(&browser(), "/polls/3/results").await;
    assert_eq!(results.status(), 200);
    let html = results.text().await.unwrap();
    assert!(html.contains("0 votes"));
    assert!(!html.contains("Your vote"));
    let missing = app.get(&browser(), "/polls/12345/results").await;
    assert_eq!(missing.status(), 404);
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains("That poll does not exist."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_verified_users_voting_and_then_moving_their_votes_at_once_are_each_counted_once(
) {
    const VOTERS: u32 = 200;
    // Every voter here comes from 127.0.0.1: lift the per-IP limit on starts.
    let app = std::sync::Arc::new(spawn_app_with(&[("THROTTLE_STARTS_PER_IP", "1000/3600")]).await);
    // Sign up and verify everyone first (a few at a time), then release all votes together.
    let mut voters = Vec::new();
    for batch in (0..VOTERS).collect::<Vec<_>>().chunks(20) {
        let signups = batch.iter().map(|&n| {
            let app = app.clone();
            async move {
                let browser = browser();
                app.verified_user(&browser, &phone_number(n)).await;
                (n, browser)
            }
        });
        voters.extend(futures::future::join_all(signups).await);
    }
    let choices = app.first_choice_ids(1).await;
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(VOTERS as usize));
    let votes = voters.into_iter().map(|(n, browser)| {
        let app = app.clone();
        let barrier = barrier.clone();
        let choice = choices[n as usize % choices.len()].to_string();
        tokio::spawn(async move {
            barrier.wait().await;
            let outcome = app
                .call(
                    &browser,
                    "vote",
                    &[("poll_id", "1"), ("choice_id", &choice)],
                )
                .await;
            (n, browser, outcome)
        })
    });
    let voters: Vec<(u32, reqwest::Client)> = futures::future::join_all(votes)
        .await
        .into_iter()
        .map(|outcome| {
            let (n, browser, outcome) = outcome.unwrap();
            outcome.redirected_to("/polls/1/results");
            (n, browser)
        })
        .collect();
    assert_eq!(app.votes_per_choice(1).await, vec![50, 50, 50, 50]);
    app.counters_are_the_votes().await;

    // Then everyone moves their vote to the next choice, all at once.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(VOTERS as usize));
    let moves = voters.into_iter().map(|(n, browser)| {
        let app = app.clone();
        let barrier = barrier.clone();
        let choice = choices[(n as usize + 1) % choices.len()].to_string();
        tokio::spawn(async move {
            barrier.wait().await;
            app.call(
                &browser,
                "vote",
                &[("poll_id", "1"), ("choice_id", &choice)],
            )
            .await
        })
    });
    for outcome in futures::future::join_all(moves).await {
        outcome.unwrap().redirected_to("/polls/1/results");
    }
    assert_eq!(app.votes_per_choice(1).await, vec![50, 50, 50, 50]);
    assert_eq!(app.vote_count(1).await, 200, "moved, not added");
    app.counters_are_the_votes().await;
}
