//! A poll past its closing time takes no votes, and results show on the author's terms:
//! enforced by the server functions, not only by the pages.

use crate::helpers::{browser, phone_number, spawn_app};
use pollstr::error::AppError;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_past_its_closing_time_refuses_votes_and_says_it_is_closed() {
    let app = spawn_app().await;
    let (poll, _author) = app.poll_by_a_member(160, "1h", "always").await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(161)).await;
    app.vote_for_first_choice(&voter, poll)
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    let page = app.page_text(&voter, &format!("/polls/{poll}")).await;
    assert!(page.contains("Open, closes in 60 minutes"), "{page}");

    app.clock.advance(Duration::from_secs(3600));
    app.vote_for_first_choice(&voter, poll)
        .await
        .failed_with(AppError::PollClosed);
    assert_eq!(
        app.vote_count(poll).await,
        1,
        "the vote before the close stands"
    );
    let page = app.page_text(&voter, &format!("/polls/{poll}")).await;
    assert!(page.contains("This poll is closed"), "{page}");
    assert!(!page.contains(">Vote</button>"), "{page}");
    let results = app
        .page_text(&browser(), &format!("/polls/{poll}/results"))
        .await;
    assert!(
        results.contains("Closed on") && results.contains("1 person voted"),
        "{results}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_after_the_vote_show_to_voters_and_the_author_only() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(162, "never", "after_vote").await;
    let poll_id = poll.to_string();
    let results = [("poll_id", poll_id.as_str())];
    app.call(&browser(), "load_poll_results", &results)
        .await
        .failed_with(AppError::ResultsAfterVote);
    assert!(app
        .call(&author, "load_poll_results", &results)
        .await
        .error
        .is_none());

    let voter = browser();
    app.verified_user(&voter, &phone_number(163)).await;
    app.call(&voter, "load_poll_results", &results)
        .await
        .failed_with(AppError::ResultsAfterVote);
    let page = app.get(&voter, &format!("/polls/{poll}/results")).await;
    assert_eq!(page.status(), 403);
    app.vote_for_first_choice(&voter, poll)
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    let seen = app.call(&voter, "load_poll_results", &results).await;
    assert!(
        seen.error.is_none() && seen.body.contains("\"total\":1"),
        "{seen:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_after_the_close_show_to_nobody_but_the_author_until_then() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(164, "1d", "after_close").await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(165)).await;
    let poll_id = poll.to_string();
    app.vote_for_first_choice(&voter, poll)
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    let results = [("poll_id", poll_id.as_str())];
    let hidden = app.call(&voter, "load_poll_results", &results).await;
    assert!(
        matches!(hidden.error, Some(AppError::ResultsAfterClose { .. })),
        "{hidden:?}"
    );
    assert!(
        !hidden.body.contains("\"votes\""),
        "no numbers: {}",
        hidden.body
    );
    assert!(app
        .call(&author, "load_poll_results", &results)
        .await
        .error
        .is_none());

    app.clock.advance(Duration::from_secs(86_400));
    let shown = app.call(&voter, "load_poll_results", &results).await;
    assert!(
        shown.error.is_none() && shown.body.contains("\"total\":1"),
        "{shown:?}"
    );
}
