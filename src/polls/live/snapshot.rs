//! (ssr) One read of a poll for its live viewers: its row (for the visibility rules each
//! viewer is judged by) and its numbers, serialized once for all of them.

use super::wire::{LiveChoice, ResultsSnapshot, RESULTS_EVENT};
use crate::{
    domain::PollId,
    polls::{
        db::{fetch_poll, fetch_results, PollRow},
        format::{facts, shares},
    },
};
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// What the hub hands every stream of a poll after a read.
pub struct PollState {
    pub poll: PollRow,
    /// The `results` event's data, the same for everyone who may see it.
    pub results_json: String,
    /// Its event id.
    pub results_id: String,
}

/// `None` when the poll is gone (deleted).
pub async fn read(
    db: &AnyPool,
    poll_id: PollId,
    now: i64,
) -> Result<Option<PollState>, sqlx::Error> {
    let Some(poll) = fetch_poll(db, poll_id).await? else {
        return Ok(None);
    };
    let counts = fetch_results(db, poll_id).await?;
    let votes: Vec<i64> = counts.iter().map(|c| c.votes).collect();
    let multiple_answers = poll.multiple_answers != 0;
    let percents = shares(&votes, poll.voters, multiple_answers);
    let snapshot = ResultsSnapshot {
        facts: facts(&poll, now),
        multiple_answers,
        choices: counts
            .into_iter()
            .zip(percents)
            .map(|(c, percent)| LiveChoice {
                text: c.text,
                votes: c.votes,
                percent,
            })
            .collect(),
    };
    let results_json =
        serde_json::to_string(&snapshot).map_err(|e| sqlx::Error::Decode(e.into()))?;
    Ok(Some(PollState {
        results_id: event_id(RESULTS_EVENT, &results_json),
        results_json,
        poll,
    }))
}

/// An event's id: a digest of what it says, so every instance gives the same state the same
/// id without keeping a counter, and a browser reconnecting with the id of what it shows
/// (`Last-Event-ID`) is sent nothing until the state moves on.
pub fn event_id(event: &str, data: &str) -> String {
    let digest = Sha256::new()
        .chain_update(event)
        .chain_update([0])
        .chain_update(data)
        .finalize();
    digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::event_id;

    #[test]
    fn an_event_id_follows_what_the_event_says() {
        let id = event_id("results", "{\"a\":1}");
        assert_eq!(id.len(), 16);
        assert_eq!(id, event_id("results", "{\"a\":1}"));
        assert_ne!(id, event_id("results", "{\"a\":2}"));
        assert_ne!(id, event_id("sealed", "{\"a\":1}"));
    }
}
