//! (ssr) A person's answers in a poll: reading them, and replacing them with a new vote.

use crate::{
    domain::{ChoiceId, PollId},
    polls::{db::lock_poll_row, live},
};
use sqlx::AnyPool;

/// What a vote must know of its poll before it is written, read without counting anything
/// (a vote is the hot path): several answers or one, and whether a moderator hid it. `None`
/// when there is no such poll.
pub async fn fetch_vote_rules(
    db: &AnyPool,
    poll_id: PollId,
) -> Result<Option<VoteRules>, sqlx::Error> {
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT multiple_answers, hidden_at FROM polls WHERE id = $1")
            .bind(poll_id.get())
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(multiple_answers, hidden_at)| VoteRules {
        multiple_answers: multiple_answers != 0,
        hidden: hidden_at.is_some(),
    }))
}

pub struct VoteRules {
    pub multiple_answers: bool,
    pub hidden: bool,
}

/// The answers the user chose in the poll (none, one, or several), in ballot order.
pub async fn fetch_my_choices(
    db: &AnyPool,
    poll_id: PollId,
    user_id: i64,
) -> Result<Vec<ChoiceId>, sqlx::Error> {
    let choices: Vec<i64> = sqlx::query_scalar(
        "SELECT v.choice_id FROM votes v JOIN choices c ON c.id = v.choice_id \
         WHERE v.poll_id = $1 AND v.user_id = $2 ORDER BY c.position, c.id",
    )
    .bind(poll_id.get())
    .bind(user_id)
    .fetch_all(db)
    .await?;
    choices
        .into_iter()
        .map(|id| ChoiceId::try_from(id).map_err(|e| sqlx::Error::Decode(e.into())))
        .collect()
}

/// Replaces the user's answers with `choices` (distinct, at least one), all or nothing:
/// `Ok(false)`, with nothing changed, when one of them is not the poll's, or the poll is
/// closed (by its time, or by "Close now", which no clock can undo) or hidden (each insert
/// reads that as it writes).
///
/// The counters move in the same transaction: each choice's `votes` (down for the answers
/// replaced, up for the new ones) and the poll's `voters` (up for a first vote), so they stay
/// equal to the votes whatever commits or rolls back. On PostgreSQL the same transaction tells
/// the live results listeners (`live::notify`), so they hear of it exactly when it commits.
///
/// Votes racing each other or "Close now" are put in order. On PostgreSQL the vote locks its
/// poll's row first: a close committed first is waited for and then seen, a close coming
/// after waits for the vote, and the votes of one poll take turns on its counters (always
/// poll row first, then choices, so two votes cannot deadlock on them). SQLite runs one
/// writer at a time; the first statement here writes, so the transaction holds that lock
/// from the start (the caller waits for its `VoteTurns` first, so votes never sleep in
/// SQLite's busy handler waiting for each other). That turn also orders the API tests' racing
/// votes on SQLite before they reach here: it is their PostgreSQL run that races these
/// transactions.
pub async fn record_votes(
    db: &AnyPool,
    poll_id: PollId,
    user_id: i64,
    choices: &[ChoiceId],
    now: i64,
) -> Result<bool, sqlx::Error> {
    if choices.is_empty() {
        return Ok(false);
    }
    let mut tx = db.begin().await?;
    lock_poll_row(&mut tx, poll_id).await?;
    // The answers being replaced give back their counts.
    let replaced = sqlx::query(
        "UPDATE choices SET votes = votes - 1 WHERE id IN \
         (SELECT choice_id FROM votes WHERE poll_id = $1 AND user_id = $2)",
    )
    .bind(poll_id.get())
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("DELETE FROM votes WHERE poll_id = $1 AND user_id = $2")
        .bind(poll_id.get())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for choice in choices {
        let done = sqlx::query(
            "INSERT INTO votes (poll_id, user_id, choice_id, voted_at) \
             SELECT c.poll_id, $1, c.id, $2 FROM choices c JOIN polls p ON p.id = c.poll_id \
             WHERE c.id = $3 AND c.poll_id = $4 AND (p.closes_at IS NULL OR p.closes_at > $2) \
             AND p.closed_at IS NULL AND p.hidden_at IS NULL",
        )
        .bind(user_id)
        .bind(now)
        .bind(choice.get())
        .bind(poll_id.get())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            // Not the poll's answer, or the poll closed or was hidden: nothing of it stays.
            tx.rollback().await?;
            return Ok(false);
        }
        sqlx::query("UPDATE choices SET votes = votes + 1 WHERE id = $1")
            .bind(choice.get())
            .execute(&mut *tx)
            .await?;
    }
    if replaced == 0 {
        sqlx::query("UPDATE polls SET voters = voters + 1 WHERE id = $1")
            .bind(poll_id.get())
            .execute(&mut *tx)
            .await?;
    }
    live::notify::vote_in(&mut tx, poll_id, user_id).await?;
    tx.commit().await?;
    Ok(true)
}
