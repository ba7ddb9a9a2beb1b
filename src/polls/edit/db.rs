//! (ssr) Rewriting a poll that nobody has voted on yet.

use crate::{
    domain::{new_poll::NewPoll, PollId},
    polls::db::{insert_choices, lock_poll_row},
};
use sqlx::AnyPool;

/// Replaces the poll's question, settings and choices in one transaction, only while it is
/// open and has no vote: `Ok(false)`, with nothing changed, otherwise (a closed poll stays
/// closed: an edit cannot give it a new closing time).
///
/// A vote racing the edit is put in order with it: on PostgreSQL the edit locks the poll's
/// row first (a vote holds it locked too), so the check for votes that follows, a new
/// statement, sees any vote committed before; on SQLite the update is the first statement and
/// holds the one writer's lock.
pub async fn update_poll(
    db: &AnyPool,
    poll_id: PollId,
    poll: &NewPoll,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    lock_poll_row(&mut tx, poll_id).await?;
    let updated = sqlx::query(
        "UPDATE polls SET question = $1, closes_at = $2, results_shown = $3, multiple_answers = $4 \
         WHERE id = $5 AND NOT EXISTS (SELECT 1 FROM votes WHERE poll_id = $5) \
         AND closed_at IS NULL AND (closes_at IS NULL OR closes_at > $6)",
    )
    .bind(&poll.question)
    .bind(poll.closes_at)
    .bind(poll.results_shown.as_str())
    .bind(i64::from(poll.multiple_answers))
    .bind(poll_id.get())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query("DELETE FROM choices WHERE poll_id = $1")
        .bind(poll_id.get())
        .execute(&mut *tx)
        .await?;
    insert_choices(&mut tx, poll_id.get(), &poll.choices).await?;
    tx.commit().await?;
    Ok(true)
}
