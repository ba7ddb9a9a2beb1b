//! The vote counters (`choices.votes`, `polls.voters`) that results and lists read instead of
//! counting votes: each vote keeps them equal to the votes in its own transaction, and
//! `pollstr admin recount` finds them equal (or sets them right).

use crate::helpers::{browser, phone_number, spawn_app, TestApp};
use std::sync::Arc;

impl TestApp {
    /// Each choice's votes as counted in the votes table, in choice order.
    pub async fn votes_per_choice(&self, poll_id: i64) -> Vec<i64> {
        sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM votes v WHERE v.choice_id = c.id) \
             FROM choices c WHERE c.poll_id = $1 ORDER BY c.id",
        )
        .bind(poll_id)
        .fetch_all(&self.db)
        .await
        .unwrap()
    }

    /// Every counter equals a count of the votes, and the recount command agrees.
    pub async fn counters_are_the_votes(&self) {
        let choices_off: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM choices c \
             WHERE c.votes <> (SELECT COUNT(*) FROM votes v WHERE v.choice_id = c.id)",
        )
        .fetch_one(&self.db)
        .await
        .unwrap();
        let polls_off: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM polls p WHERE p.voters <> \
             (SELECT COUNT(DISTINCT v.user_id) FROM votes v WHERE v.poll_id = p.id)",
        )
        .fetch_one(&self.db)
        .await
        .unwrap();
        assert_eq!((choices_off, polls_off), (0, 0), "counters that differ");
        let (ok, said) = self.admin(&["recount"]);
        assert!(
            ok && said.contains("The counters match the votes"),
            "{said}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_answers_voted_and_replaced_at_once_keep_the_counters_exact() {
    const VOTERS: u32 = 24;
    let app = Arc::new(spawn_app().await);
    let poll = app.several_answers_poll(300).await;
    let mut voters = Vec::new();
    for n in 0..VOTERS {
        let voter = browser();
        app.verified_user(&voter, &phone_number(301 + n)).await;
        voters.push((n, voter));
    }
    // Each voter ticks two boxes, then (everyone at once) replaces them with one or three.
    let waves: [fn(u32) -> Vec<usize>; 2] = [
        |n| vec![n as usize % 3, (n as usize + 1) % 3],
        |n| if n % 2 == 0 { vec![2] } else { vec![0, 1, 2] },
    ];
    for ticks in waves {
        let barrier = Arc::new(tokio::sync::Barrier::new(VOTERS as usize));
        let votes = voters.iter().map(|(n, voter)| {
            let (app, barrier, voter, positions) =
                (app.clone(), barrier.clone(), voter.clone(), ticks(*n));
            tokio::spawn(async move {
                barrier.wait().await;
                app.tick(&voter, poll, &positions).await
            })
        });
        for outcome in futures::future::join_all(votes).await {
            outcome
                .unwrap()
                .redirected_to(&format!("/polls/{poll}/results"));
        }
        app.counters_are_the_votes().await;
    }
    // Half the voters chose only Fish, half all three.
    assert_eq!(app.votes_per_choice(poll).await, vec![12, 12, 24]);
    let voters_counter: i64 = sqlx::query_scalar("SELECT voters FROM polls WHERE id = $1")
        .bind(poll)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(voters_counter, VOTERS as i64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_vote_moves_no_counter() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(320, "never", "always").await;
    let voter = browser();
    app.verified_user(&voter, &phone_number(321)).await;
    app.vote_for_first_choice(&voter, poll)
        .await
        .redirected_to(&format!("/polls/{poll}/results"));
    let poll_id = poll.to_string();
    app.call(&author, "close_poll", &[("poll_id", poll_id.as_str())])
        .await;
    // The second answer after the close: refused, and the first one stays counted.
    let second = app.first_choice_ids(poll).await[1].to_string();
    let refused = app
        .call(
            &voter,
            "vote",
            &[
                ("poll_id", poll_id.as_str()),
                ("choice_id", second.as_str()),
            ],
        )
        .await;
    assert_eq!(refused.status, 409, "{refused:?}");
    assert_eq!(app.votes_per_choice(poll).await, vec![1, 0]);
    app.counters_are_the_votes().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recount_sets_right_a_counter_changed_by_hand_and_says_so() {
    let app = spawn_app().await;
    sqlx::query("UPDATE choices SET votes = 999 WHERE id = 1")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE polls SET voters = 7 WHERE id = 2")
        .execute(&app.db)
        .await
        .unwrap();
    let (ok, said) = app.admin(&["recount"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("The counters differed from the votes and are set right now: 1 of")
            && said.contains("1 of 3 polls"),
        "{said}"
    );
    app.counters_are_the_votes().await;
}
