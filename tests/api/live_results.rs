//! Live results (`/polls/{id}/events`): a stream sends the poll's numbers, then new numbers
//! after each vote; what it sends each viewer follows the page's rules; a reconnecting
//! browser is sent only what is new; streams are bounded.

use crate::helpers::{browser, phone_number, spawn_app, spawn_app_with};
use reqwest::header;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_gets_the_numbers_then_the_new_numbers_after_each_vote() {
    let app = spawn_app().await;
    let mut anyone = app.watch(&browser(), 1).await;
    let first = anyone.next().await;
    assert_eq!(first.voters(), 0);
    assert_eq!(first.votes(), [0, 0, 0, 0]);
    assert_eq!(first.id.len(), 16, "{first:?}");

    let voter = browser();
    app.verified_user(&voter, &phone_number(1)).await;
    let choices = app.first_choice_ids(1).await;
    let vote = |choice: i64| {
        let (app, voter) = (&app, &voter);
        async move {
            let choice = choice.to_string();
            app.call(voter, "vote", &[("poll_id", "1"), ("choice_id", &choice)])
                .await
                .redirected_to("/polls/1/results");
        }
    };
    vote(choices[1]).await;
    let after_vote = anyone.until_votes(&[0, 1, 0, 0]).await;
    assert_eq!(after_vote.voters(), 1);
    assert_eq!(after_vote.json()["choices"][1]["percent"], 100);
    assert_ne!(after_vote.id, first.id);

    // A moved vote moves the numbers; the voters stay one.
    vote(choices[2]).await;
    let moved = anyone.until_votes(&[0, 0, 1, 0]).await;
    assert_eq!(moved.voters(), 1);

    // A second viewer, arriving now, is sent the numbers of now first.
    let mut later = app.watch(&browser(), 1).await;
    assert_eq!(later.next().await.votes(), [0, 0, 1, 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_after_a_vote_reach_only_the_viewer_who_voted_until_the_poll_closes() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(10, "never", "after_vote").await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(11)).await;

    let mut voters_stream = app.watch(&voter, poll).await;
    let mut anyones_stream = app.watch(&browser(), poll).await;
    let mut authors_stream = app.watch(&author, poll).await;
    for stream in [&mut voters_stream, &mut anyones_stream] {
        let sealed = stream.next().await;
        assert_eq!(sealed.event, "sealed", "{sealed:?}");
        assert_eq!(sealed.data, "The results show once you have voted.");
        assert!(!sealed.data.contains("votes"), "no numbers: {sealed:?}");
    }
    assert_eq!(
        authors_stream.next().await.votes(),
        [0, 0],
        "the author sees them"
    );

    app.vote_for_first_choice(&voter, poll)
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    assert_eq!(
        voters_stream.next().await.votes(),
        [1, 0],
        "after their vote"
    );
    assert_eq!(authors_stream.next().await.votes(), [1, 0]);

    // Closing shows everyone the final numbers; the viewer who did not vote was sent nothing
    // in between (their next event is these).
    let poll_id = poll.to_string();
    app.call(&author, "close_poll", &[("poll_id", poll_id.as_str())])
        .await
        .redirected_to("/polls/mine?closed=1");
    for stream in [&mut anyones_stream, &mut voters_stream, &mut authors_stream] {
        let closed = stream.next().await;
        assert_eq!(closed.votes(), [1, 0], "{closed:?}");
        assert_eq!(closed.json()["facts"]["open"], false);
        let status = closed.json()["facts"]["status"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(status.starts_with("Closed"), "{status}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_that_goes_away_ends_its_streams_and_an_unknown_one_is_not_found() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(20, "never", "always").await;
    let mut stream = app.watch(&browser(), poll).await;
    assert_eq!(stream.next().await.votes(), [0, 0]);
    let poll_id = poll.to_string();
    app.call(
        &author,
        "delete_poll",
        &[("poll_id", poll_id.as_str()), ("confirm", "yes")],
    )
    .await
    .redirected_to("/polls/mine?deleted=1");
    assert_eq!(stream.next().await.event, "gone");
    assert!(stream.read_event().await.is_none(), "and the stream ends");

    let missing = app.open_events(&browser(), poll, None).await;
    assert_eq!(missing.status(), 404);
    let nonsense = browser()
        .get(format!("{}/polls/x1/events", app.address))
        .header(header::ACCEPT, "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(nonsense.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_reconnecting_with_its_last_event_id_is_sent_only_what_is_new() {
    let app = spawn_app().await;
    let viewer = browser();
    let mut stream = app.watch(&viewer, 1).await;
    let seen = stream.next().await;
    drop(stream);

    let mut again = app.watch_from(&viewer, 1, Some(&seen.id)).await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(30)).await;
    app.vote_for_first_choice(&voter, 1)
        .await
        .redirected_to("/polls/1/results");
    let first = again.next().await;
    assert_eq!(
        first.votes(),
        [1, 0, 0, 0],
        "not the state it had: {first:?}"
    );

    // An id of something else (older, or from another poll) gets the state of now.
    let mut stale = app.watch_from(&viewer, 1, Some(&seen.id)).await;
    assert_eq!(stale.next().await.votes(), [1, 0, 0, 0]);
    let mut unknown = app.watch_from(&viewer, 1, Some("not an id")).await;
    assert_eq!(unknown.next().await.votes(), [1, 0, 0, 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_past_the_limits_are_refused_with_a_reason_and_their_places_come_back() {
    let app = spawn_app_with(&[("LIVE_STREAMS_PER_CLIENT", "2")]).await;
    let first = app.watch(&browser(), 1).await;
    let _second = app.watch(&browser(), 2).await;
    let refused = app.open_events(&browser(), 1, None).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(refused.headers()[header::RETRY_AFTER], "30");
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Too many live results pages"));
    drop(first);
    let mut given_back = None;
    for _ in 0..50 {
        let response = app.open_events(&browser(), 1, None).await;
        if response.status() == 200 {
            given_back = Some(response);
            break;
        }
        // The place comes back once the server sees the connection close.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(given_back.is_some(), "a closed stream gives its place back");

    let app = spawn_app_with(&[("LIVE_STREAMS_MAX", "1")]).await;
    let _only = app.watch(&browser(), 1).await;
    let busy = app.open_events(&browser(), 1, None).await;
    assert_eq!(busy.status(), 503);
    assert_eq!(busy.headers()[header::RETRY_AFTER], "30");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_outlives_the_request_time_limit() {
    let app = spawn_app_with(&[("REQUEST_TIMEOUT_SECS", "3")]).await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(40)).await;
    let mut stream = app.watch(&browser(), 1).await;
    stream.next().await;
    tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
    app.vote_for_first_choice(&voter, 1)
        .await
        .redirected_to("/polls/1/results");
    assert_eq!(stream.next().await.votes(), [1, 0, 0, 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_poll_ends_the_streams_of_everyone_but_its_author_and_the_moderators() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(60, "never", "always").await;
    let moderator = app.moderator(61).await;
    let mut anyones = app.watch(&browser(), poll).await;
    let mut authors = app.watch(&author, poll).await;
    let mut moderators = app.watch(&moderator, poll).await;
    for stream in [&mut anyones, &mut authors, &mut moderators] {
        assert_eq!(stream.next().await.votes(), [0, 0]);
    }
    app.moderate(&moderator, poll, "hide")
        .await
        .redirected_to(&format!("/polls/{poll}/results?moderated=hidden"));
    assert_eq!(anyones.next().await.event, "gone");
    assert!(anyones.read_event().await.is_none(), "and the stream ends");
    assert_eq!(
        app.open_events(&browser(), poll, None).await.status(),
        404,
        "a hidden poll is not found"
    );

    // Its author and the moderators still follow it: a vote by the author shows.
    app.vote_for_first_choice(&author, poll)
        .await
        .failed_with(pollstr::error::AppError::PollHidden);
    app.moderate(&moderator, poll, "unhide")
        .await
        .redirected_to(&format!("/polls/{poll}/results?moderated=shown"));
    app.vote_for_first_choice(&author, poll)
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    authors.until_votes(&[1, 0]).await;
    moderators.until_votes(&[1, 0]).await;
}
