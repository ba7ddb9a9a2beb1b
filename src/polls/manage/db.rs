//! (ssr) An author's polls, and closing or deleting one of them.

use crate::{
    domain::PollId,
    polls::db::{PollRow, POLL_COLUMNS},
};
use sqlx::AnyPool;

/// How many of their polls `/polls/mine` lists.
pub const MY_POLLS: i64 = 100;

pub async fn fetch_polls_by_author(
    db: &AnyPool,
    author_id: i64,
    limit: i64,
) -> Result<Vec<PollRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {POLL_COLUMNS} WHERE p.author_id = $1 ORDER BY p.published_at DESC, p.id DESC LIMIT $2"
    ))
    .bind(author_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Closes the poll now, once: `false` when it was already closed. `closed_at` marks it closed
/// for good, whatever another instance's clock says of `closes_at`; a vote racing it is
/// ordered before it or refused (see `record_votes`).
pub async fn close_poll(db: &AnyPool, poll_id: PollId, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE polls SET closes_at = $1, closed_at = $1 WHERE id = $2 AND closed_at IS NULL \
         AND (closes_at IS NULL OR closes_at > $1)",
    )
    .bind(now)
    .bind(poll_id.get())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the poll with its choices and votes (the foreign keys cascade): `false` when it
/// is not there.
pub async fn delete_poll(db: &AnyPool, poll_id: PollId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM polls WHERE id = $1")
        .bind(poll_id.get())
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}
