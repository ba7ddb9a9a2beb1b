//! (ssr) One page of the list, and the choices of the polls on it: two queries, whatever the
//! number of polls.

use super::listing::{Listing, Tab};
use crate::{
    domain::PollId,
    polls::db::{ChoiceRow, PollRow, POLL_COLUMNS},
};
use sqlx::AnyPool;

/// Up to `limit` polls of the listing, newest first; never a hidden one. Every condition is always present (a
/// missing cursor starts after the largest time, a missing search matches everything), so
/// the statement is one text that each database prepares once. The cursor is a row-value
/// comparison, which both databases read as a range of the newest-first index: an OR of the
/// two columns would be a filter, scanning from the newest poll down to the cursor (85 ms
/// instead of 0.2 ms, 500 pages deep in 100,000 polls on PostgreSQL; see docs/query-plans.md).
pub async fn fetch_page(
    db: &AnyPool,
    listing: &Listing,
    now: i64,
    limit: i64,
) -> Result<Vec<PollRow>, sqlx::Error> {
    let state = match listing.tab {
        Tab::Open => "(p.closes_at IS NULL OR p.closes_at > $1)",
        Tab::Closed => "p.closes_at <= $1",
    };
    let (published_at, id) = listing
        .before
        .map_or((i64::MAX, i64::MAX), |c| (c.published_at, c.id));
    sqlx::query_as(&format!(
        "SELECT {POLL_COLUMNS} WHERE {state} \
         AND (p.published_at, p.id) < ($2, $3) \
         AND LOWER(p.question) LIKE $4 ESCAPE '\\' AND p.hidden_at IS NULL \
         ORDER BY p.published_at DESC, p.id DESC LIMIT $5"
    ))
    .bind(now)
    .bind(published_at)
    .bind(id)
    .bind(listing.like_pattern())
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The choices of these polls, in ballot order.
pub async fn fetch_choices_of(
    db: &AnyPool,
    polls: &[PollId],
) -> Result<Vec<ChoiceRow>, sqlx::Error> {
    if polls.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=polls.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT id, poll_id, text FROM choices WHERE poll_id IN ({}) ORDER BY poll_id, position, id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for poll in polls {
        query = query.bind(poll.get());
    }
    query.fetch_all(db).await
}
