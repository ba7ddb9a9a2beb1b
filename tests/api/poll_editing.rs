//! Editing a poll: its author changes it until the first vote, and nobody else may.

use crate::{
    helpers::{browser, phone_number, spawn_app},
    poll_creation::poll_form,
};
use pollstr::error::AppError;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_author_edits_a_poll_until_its_first_vote() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(206, "never", "always").await;
    let page = app.page_text(&author, &format!("/polls/{poll}/edit")).await;
    assert!(
        page.contains("value=\"Cats or dogs?\"") && page.contains("value=\"Dogs\""),
        "{page}"
    );

    let poll_id = poll.to_string();
    let mut form = poll_form(
        "Cats, dogs or birds?",
        &["Cats", "Dogs", "Birds"],
        "1d",
        "after_vote",
    );
    form.push(("poll_id".to_owned(), poll_id.as_str()));
    let as_pairs = |form: &[(String, &str)]| -> Vec<(String, String)> {
        form.iter()
            .map(|(k, v)| (k.clone(), (*v).to_owned()))
            .collect()
    };
    let pairs = as_pairs(&form);
    let call_form: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.call(&author, "update_poll", &call_form)
        .await
        .redirected_to(&format!("/polls/{poll}"));
    let choices: Vec<String> =
        sqlx::query_scalar("SELECT text FROM choices WHERE poll_id = $1 ORDER BY position")
            .bind(poll)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(choices, ["Cats", "Dogs", "Birds"]);
    let page = app.page_text(&author, &format!("/polls/{poll}")).await;
    assert!(
        page.contains("Cats, dogs or birds?") && page.contains("closes in"),
        "{page}"
    );

    let other = browser();
    app.verified_user(&other, &phone_number(207)).await;
    app.call(&other, "update_poll", &call_form)
        .await
        .failed_with(AppError::NotYourPoll);
    assert!(app
        .vote_for_first_choice(&other, poll)
        .await
        .error
        .is_none());
    app.call(&author, "update_poll", &call_form)
        .await
        .failed_with(AppError::PollHasVotes);
    app.call(&author, "load_poll_draft", &[("poll_id", poll_id.as_str())])
        .await
        .failed_with(AppError::PollHasVotes);
    assert_eq!(app.vote_count(poll).await, 1, "the vote stands");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_poll_cannot_be_edited_open_again() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(208, "never", "always").await;
    let poll_id = poll.to_string();
    app.call(&author, "close_poll", &[("poll_id", poll_id.as_str())])
        .await
        .redirected_to("/polls/mine?closed=1");
    let mut form = poll_form("Reopened?", &["a", "b"], "1w", "always");
    form.push(("poll_id".to_owned(), poll_id.as_str()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    app.call(&author, "update_poll", &pairs)
        .await
        .failed_with(AppError::PollClosed);
    app.call(&author, "load_poll_draft", &[("poll_id", poll_id.as_str())])
        .await
        .failed_with(AppError::PollClosed);
    let page = app.page_text(&author, &format!("/polls/{poll}")).await;
    assert!(page.contains("This poll is closed"), "{page}");
}
