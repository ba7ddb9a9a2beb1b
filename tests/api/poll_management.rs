//! `/polls/mine`: only a poll's author closes or deletes it; closing is final and atomic
//! against votes racing it; deleting needs a confirmation and takes the votes along.

use crate::helpers::{browser, phone_number, spawn_app, Outcome, TestApp};
use pollstr::error::{AppError, Field};
use reqwest::Client;

impl TestApp {
    pub async fn vote_for_first_choice(&self, voter: &Client, poll: i64) -> Outcome {
        let choice = self.first_choice_ids(poll).await[0].to_string();
        let poll = poll.to_string();
        self.call(
            voter,
            "vote",
            &[("poll_id", poll.as_str()), ("choice_id", choice.as_str())],
        )
        .await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_author_closes_or_deletes_a_poll() {
    let app = spawn_app().await;
    let (poll, _author) = app.poll_by_a_member(170, "never", "always").await;
    let poll_id = poll.to_string();
    let other = browser();
    app.verified_user(&other, &phone_number(171)).await;
    for endpoint in ["close_poll", "delete_poll"] {
        let form = [("poll_id", poll_id.as_str()), ("confirm", "yes")];
        app.call(&other, endpoint, &form)
            .await
            .failed_with(AppError::NotYourPoll);
        app.call(&browser(), endpoint, &form)
            .await
            .failed_with(AppError::NotLoggedIn);
    }
    // The demo polls are the demo account's, not this member's either.
    app.call(&other, "close_poll", &[("poll_id", "1")])
        .await
        .failed_with(AppError::NotYourPoll);
    assert!(app
        .vote_for_first_choice(&other, poll)
        .await
        .error
        .is_none());
    let mine = app.page_text(&other, "/polls/mine").await;
    assert!(mine.contains("You have not made a poll yet"), "{mine}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_now_is_final_and_the_results_then_show_to_everyone() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(172, "1w", "after_close").await;
    let poll_id = poll.to_string();
    let voter = browser();
    app.verified_user(&voter, &phone_number(173)).await;
    assert!(app
        .vote_for_first_choice(&voter, poll)
        .await
        .error
        .is_none());
    let mine = app.page_text(&author, "/polls/mine").await;
    assert!(
        mine.contains("Cats or dogs?") && mine.contains("Close now"),
        "{mine}"
    );

    app.call(&author, "close_poll", &[("poll_id", poll_id.as_str())])
        .await
        .redirected_to("/polls/mine?closed=1");
    app.vote_for_first_choice(&voter, poll)
        .await
        .failed_with(AppError::PollClosed);
    app.call(&author, "close_poll", &[("poll_id", poll_id.as_str())])
        .await
        .failed_with(AppError::PollClosed);
    let results = [("poll_id", poll_id.as_str())];
    let shown = app.call(&browser(), "load_poll_results", &results).await;
    assert!(
        shown.error.is_none() && shown.body.contains("\"total\":1"),
        "{shown:?}"
    );
    let mine = app.page_text(&author, "/polls/mine").await;
    assert!(
        mine.contains("Closed on") && !mine.contains("Close now"),
        "{mine}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_needs_the_confirmation_and_takes_the_votes_along() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(174, "never", "always").await;
    let poll_id = poll.to_string();
    let voter = browser();
    app.verified_user(&voter, &phone_number(175)).await;
    assert!(app
        .vote_for_first_choice(&voter, poll)
        .await
        .error
        .is_none());

    let unconfirmed = app
        .call(&author, "delete_poll", &[("poll_id", poll_id.as_str())])
        .await;
    assert!(unconfirmed
        .error
        .and_then(|e| e.message_for(Field::Confirm))
        .is_some());
    assert_eq!(app.vote_count(poll).await, 1, "nothing deleted yet");

    app.call(
        &author,
        "delete_poll",
        &[("poll_id", poll_id.as_str()), ("confirm", "yes")],
    )
    .await
    .redirected_to("/polls/mine?deleted=1");
    assert_eq!(app.vote_count(poll).await, 0);
    assert!(app.first_choice_ids(poll).await.is_empty());
    let gone = app.get(&browser(), &format!("/polls/{poll}/results")).await;
    assert_eq!(gone.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_racing_the_close_lands_before_it_or_is_refused() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(176, "never", "always").await;
    let mut voters = Vec::new();
    for n in 0..12 {
        let voter = browser();
        app.verified_user(&voter, &phone_number(177 + n)).await;
        voters.push(voter);
    }
    slow_down_vote_inserts(&app).await;
    let poll_id = poll.to_string();
    let app = std::sync::Arc::new(app);
    let votes: Vec<_> = voters
        .into_iter()
        .map(|voter| {
            let app = app.clone();
            tokio::spawn(async move { app.vote_for_first_choice(&voter, poll).await })
        })
        .collect();
    // The votes are under way (on PostgreSQL, held up between reading the poll and writing).
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    app.call(&author, "close_poll", &[("poll_id", poll_id.as_str())])
        .await
        .redirected_to("/polls/mine?closed=1");
    // The results are final from the moment the close answers.
    let at_close = app.vote_count(poll).await;
    let mut counted = 0;
    for vote in votes {
        let outcome = vote.await.unwrap();
        match outcome.error {
            None => counted += 1,
            Some(_) => outcome.failed_with(AppError::PollClosed),
        }
    }
    assert_eq!(
        app.vote_count(poll).await,
        at_close,
        "no vote landed after the close"
    );
    assert_eq!(at_close, counted, "every vote that was accepted is counted");
}

/// On PostgreSQL, each vote insert waits a moment after its statement has read the poll, which
/// widens the window in which a close could slip in (a fault, injected into this test's own
/// database). SQLite runs one writer at a time, so nothing can slip in there.
async fn slow_down_vote_inserts(app: &TestApp) {
    if !app.database_url.starts_with("postgres") {
        return;
    }
    for statement in [
        "CREATE FUNCTION slow_vote() RETURNS trigger AS $$ \
         BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER slow_vote BEFORE INSERT ON votes FOR EACH ROW EXECUTE FUNCTION slow_vote()",
    ] {
        sqlx::query(statement).execute(&app.db).await.unwrap();
    }
}
