//! (ssr) PostgreSQL: how a write tells every instance's listener that a poll changed. The
//! payload is `poll_id` or `poll_id:voter`, so a viewer waiting for their own vote learns it
//! came. SQLite has one instance, which publishes in-process (`LiveHub`): there `vote_in` does
//! nothing, and `change_on` is never called.

use crate::domain::PollId;
use sqlx::AnyPool;

/// The channel every instance LISTENs on.
pub const CHANNEL: &str = "pollstr_results";

/// Inside the vote's transaction: delivered when it commits, and never if it rolls back.
pub async fn vote_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    poll_id: PollId,
    voter: i64,
) -> Result<(), sqlx::Error> {
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(format!("{poll_id}:{voter}"))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// After a committed change that is not a vote (they are rarer, and written in one statement).
pub async fn change_on(db: &AnyPool, poll_id: PollId) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(poll_id.to_string())
        .execute(db)
        .await?;
    Ok(())
}

/// What a payload says: the poll, and the voter when a vote made the change.
pub fn parse_payload(payload: &str) -> Option<(PollId, Option<i64>)> {
    let (poll, voter) = match payload.split_once(':') {
        Some((poll, voter)) => (poll, Some(voter.parse().ok()?)),
        None => (payload, None),
    };
    Some((PollId::parse(poll)?, voter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_names_the_poll_and_maybe_its_voter() {
        let poll = PollId::parse("12").unwrap();
        assert_eq!(parse_payload("12:7"), Some((poll, Some(7))));
        assert_eq!(parse_payload("12"), Some((poll, None)));
        assert_eq!(parse_payload("12:x"), None);
        assert_eq!(parse_payload("x"), None);
        assert_eq!(parse_payload(""), None);
    }
}
