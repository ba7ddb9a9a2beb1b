//! Several-answers polls: a voter ticks boxes (at least one), voting again replaces their
//! answers, shares are of the people who voted, and one account's votes at once never merge.

use crate::{
    helpers::{browser, phone_number, spawn_app, Outcome, TestApp},
    poll_creation::poll_form,
};
use pollstr::error::AppError;
use reqwest::Client;
use serde_json::Value;

impl TestApp {
    /// A several-answers poll "Pets?" (Cats, Dogs, Fish) by a new member; its id.
    pub(crate) async fn several_answers_poll(&self, n: u32) -> i64 {
        let author = browser();
        self.verified_user(&author, &phone_number(n)).await;
        let mut form = poll_form("Pets?", &["Cats", "Dogs", "Fish"], "never", "always");
        form.iter_mut()
            .filter(|(name, _)| name == "answers")
            .for_each(|field| field.1 = "several");
        let created = self.create_poll(&author, &form).await;
        let path = created
            .redirect
            .clone()
            .unwrap_or_else(|| panic!("{created:?}"));
        path.strip_prefix("/polls/").unwrap().parse().unwrap()
    }

    /// Ticks the boxes at `positions` (0-based) of the poll's ballot.
    pub(crate) async fn tick(&self, voter: &Client, poll: i64, positions: &[usize]) -> Outcome {
        let choices = self.first_choice_ids(poll).await;
        let poll = poll.to_string();
        let ticked: Vec<(String, String)> = positions
            .iter()
            .map(|&i| (format!("choice_ids[{i}]"), choices[i].to_string()))
            .collect();
        let mut form: Vec<(&str, &str)> = vec![("poll_id", poll.as_str())];
        form.extend(ticked.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.call(voter, "vote", &form).await
    }

    async fn results_of(&self, viewer: &Client, poll: i64) -> Value {
        let poll = poll.to_string();
        let outcome = self
            .call(viewer, "load_poll_results", &[("poll_id", poll.as_str())])
            .await;
        serde_json::from_str(&outcome.body).unwrap()
    }
}

fn counts(results: &Value) -> Vec<(i64, i64)> {
    results["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["votes"].as_i64().unwrap(), c["percent"].as_i64().unwrap()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voter_ticks_several_answers_and_voting_again_replaces_them() {
    let app = spawn_app().await;
    let poll = app.several_answers_poll(200).await;
    let (first, second) = (browser(), browser());
    app.verified_user(&first, &phone_number(201)).await;
    app.verified_user(&second, &phone_number(202)).await;
    let ballot = app.page_text(&first, &format!("/polls/{poll}")).await;
    assert!(
        ballot.contains("type=\"checkbox\"") && ballot.contains("choice_ids[2]"),
        "{ballot}"
    );

    app.tick(&first, poll, &[0, 2])
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    app.tick(&second, poll, &[0])
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    let results = app.results_of(&first, poll).await;
    assert_eq!(counts(&results), [(2, 100), (0, 0), (1, 50)], "{results}");
    assert_eq!(results["total"], 2, "two people voted");
    let mine: Vec<bool> = results["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mine"].as_bool().unwrap())
        .collect();
    assert_eq!(mine, [true, false, true]);

    app.tick(&first, poll, &[1])
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    let results = app.results_of(&first, poll).await;
    assert_eq!(counts(&results), [(1, 50), (1, 50), (0, 0)], "{results}");
    let none = app.tick(&first, poll, &[]).await;
    assert!(none.invalid(), "at least one answer: {none:?}");
    let results = app.results_of(&first, poll).await;
    assert_eq!(
        counts(&results),
        [(1, 50), (1, 50), (0, 0)],
        "a refused vote changes nothing"
    );
    // More boxes than any poll has are refused before any work.
    let flood: Vec<(String, String)> = (0..2_000)
        .map(|i| (format!("choice_ids[{i}]"), "1".to_owned()))
        .collect();
    let poll_id = poll.to_string();
    let mut form: Vec<(&str, &str)> = vec![("poll_id", poll_id.as_str())];
    form.extend(flood.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    app.call(&first, "vote", &form)
        .await
        .failed_with(AppError::InvalidChoice);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_answer_poll_takes_one_answer_only() {
    let app = spawn_app().await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(203)).await;
    let choices = app.first_choice_ids(1).await;
    let (first, second) = (choices[0].to_string(), choices[1].to_string());
    app.call(
        &voter,
        "vote",
        &[
            ("poll_id", "1"),
            ("choice_id", first.as_str()),
            ("choice_ids[0]", second.as_str()),
        ],
    )
    .await
    .redirected_to("/polls/1/results");
    assert_eq!(
        app.vote_count(1).await,
        1,
        "boxes are not read on a one-answer poll"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_accounts_votes_at_once_leave_one_of_them_never_a_mix() {
    let app = spawn_app().await;
    let poll = app.several_answers_poll(204).await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(205)).await;
    let sets: [&[usize]; 4] = [&[0], &[1, 2], &[0, 1, 2], &[2]];
    let votes = (0..24).map(|n| app.tick(&voter, poll, sets[n % sets.len()]));
    for outcome in futures::future::join_all(votes).await {
        assert!(
            outcome.error.is_none() || outcome.error == Some(AppError::Busy),
            "{outcome:?}"
        );
    }
    let results = app.results_of(&voter, poll).await;
    let chosen: Vec<usize> = counts(&results)
        .iter()
        .enumerate()
        .filter(|(_, (votes, _))| *votes == 1)
        .map(|(i, _)| i)
        .collect();
    assert!(
        sets.contains(&chosen.as_slice()),
        "{chosen:?} is one of the votes"
    );
    assert!(
        counts(&results).iter().all(|(votes, _)| *votes <= 1),
        "{results}"
    );
}
