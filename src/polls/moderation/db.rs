//! (ssr) Hiding a poll, and the record of every moderation action.

use crate::{domain::PollId, polls::db::PollRow};
use sqlx::AnyPool;

/// What the record names for one poll: its id and question, which outlive a deletion.
pub fn poll_target(poll: &PollRow) -> String {
    format!("poll {} {:?}", poll.id, poll.question)
}

/// Hides the poll as of `hidden_at`, or (with `None`) shows it again.
pub async fn set_hidden(
    db: &AnyPool,
    poll_id: PollId,
    hidden_at: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE polls SET hidden_at = $1 WHERE id = $2")
        .bind(hidden_at)
        .bind(poll_id.get())
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record(
    db: &AnyPool,
    actor: &str,
    action: &str,
    target: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO moderation_events (actor, action, target, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(actor)
    .bind(action)
    .bind(target)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
