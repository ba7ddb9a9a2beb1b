//! (ssr) Poll, choice and vote rows.

use crate::domain::{ChoiceId, PollId};
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct PollRow {
    #[sqlx(try_from = "i64")]
    pub id: PollId,
    pub question: String,
    pub published_at: i64,
    pub author_id: Option<i64>,
    /// The author's username (none for a poll whose author's account is gone).
    pub author: Option<String>,
    pub closes_at: Option<i64>,
    /// `always`, `after_vote` or `after_close` (see `ResultsShown`).
    pub results_shown: String,
    /// People who voted (the poll's counter, kept by each vote).
    pub voters: i64,
    /// When a moderator hid it; a hidden poll is seen only by its author and the moderators.
    pub hidden_at: Option<i64>,
    /// 1 when a person may choose several answers.
    pub multiple_answers: i64,
    /// When "Close now" closed it.
    pub closed_at: Option<i64>,
}

impl PollRow {
    /// Closed by its time, or for good by "Close now".
    pub fn is_closed(&self, now: i64) -> bool {
        self.closed_at.is_some() || self.closes_at.is_some_and(|at| at <= now)
    }
}

/// What every poll query selects, for a `PollRow`, from `polls p`.
pub const POLL_COLUMNS: &str =
    "p.id, p.question, p.published_at, p.author_id, u.username AS author, \
     p.closes_at, p.results_shown, p.voters, p.hidden_at, p.multiple_answers, p.closed_at \
     FROM polls p LEFT JOIN users u ON u.id = p.author_id";

/// A poll as its author made it, ready to be written.
pub struct PollToInsert<'a> {
    pub question: &'a str,
    pub choices: &'a [String],
    pub author_id: Option<i64>,
    pub published_at: i64,
    pub closes_at: Option<i64>,
    pub results_shown: &'a str,
    pub multiple_answers: bool,
}

#[derive(Debug, Clone, FromRow)]
pub struct ChoiceRow {
    #[sqlx(try_from = "i64")]
    pub id: ChoiceId,
    #[sqlx(try_from = "i64")]
    pub poll_id: PollId,
    pub text: String,
}

#[derive(Debug, Clone, FromRow)]
pub struct ChoiceCountRow {
    #[sqlx(try_from = "i64")]
    pub id: ChoiceId,
    pub text: String,
    pub votes: i64,
}

pub async fn fetch_poll(db: &AnyPool, poll_id: PollId) -> Result<Option<PollRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {POLL_COLUMNS} WHERE p.id = $1"))
        .bind(poll_id.get())
        .fetch_optional(db)
        .await
}

pub async fn fetch_choices(db: &AnyPool, poll_id: PollId) -> Result<Vec<ChoiceRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, poll_id, text FROM choices WHERE poll_id = $1 ORDER BY position, id")
        .bind(poll_id.get())
        .fetch_all(db)
        .await
}

/// Each choice with its number of votes (its counter, kept by each vote), in ballot order:
/// one index range, whatever the number of votes.
pub async fn fetch_results(
    db: &AnyPool,
    poll_id: PollId,
) -> Result<Vec<ChoiceCountRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, text, votes FROM choices WHERE poll_id = $1 ORDER BY position, id")
        .bind(poll_id.get())
        .fetch_all(db)
        .await
}

/// Takes the poll's row lock for the rest of `tx`, on PostgreSQL: every writer that must be
/// ordered against the others on one poll (a vote and its counters, an edit, "Close now",
/// which updates the row) takes it first, so they queue instead of deadlocking. SQLite needs
/// nothing: its one writer holds the database from a transaction's first write.
pub async fn lock_poll_row(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    poll_id: PollId,
) -> Result<(), sqlx::Error> {
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT id FROM polls WHERE id = $1 FOR UPDATE")
            .bind(poll_id.get())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Writes a poll and all its choices in one transaction.
pub async fn insert_poll(db: &AnyPool, poll: &PollToInsert<'_>) -> Result<PollId, sqlx::Error> {
    let mut tx = db.begin().await?;
    let poll_id: i64 = sqlx::query_scalar(
        "INSERT INTO polls (question, published_at, author_id, closes_at, results_shown, multiple_answers) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(poll.question)
    .bind(poll.published_at)
    .bind(poll.author_id)
    .bind(poll.closes_at)
    .bind(poll.results_shown)
    .bind(i64::from(poll.multiple_answers))
    .fetch_one(&mut *tx)
    .await?;
    insert_choices(&mut tx, poll_id, poll.choices).await?;
    tx.commit().await?;
    PollId::try_from(poll_id).map_err(|e| sqlx::Error::Decode(e.into()))
}

/// A poll's choices, in this order.
pub async fn insert_choices(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    poll_id: i64,
    choices: &[String],
) -> Result<(), sqlx::Error> {
    for (position, text) in choices.iter().enumerate() {
        sqlx::query("INSERT INTO choices (poll_id, text, position) VALUES ($1, $2, $3)")
            .bind(poll_id)
            .bind(text)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
