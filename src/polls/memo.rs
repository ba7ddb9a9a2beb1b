//! (ssr) Each poll's row and its choices with their counters, as last read, for the renders
//! of signed-in pages and for their viewer classes (`polls::viewer_class`; the pages
//! themselves are then kept whole by `server::page_cache`). A copy is used while the data version and the second it was read
//! at are current (`server::freshness`): a vote or any poll change, on any instance, makes
//! the next page read again. The viewer's own vote is kept by the same rule: every vote moves
//! the data version, theirs too.

use super::{
    db::{self, ChoiceCountRow, PollRow},
    votes::fetch_my_choices,
};
use crate::{
    domain::{ChoiceId, PollId},
    error::{AppError, OrInternal},
    server::freshness::{Freshness, KeptCopies},
};
use sqlx::AnyPool;
use std::sync::Arc;

/// Polls kept at once; a copy lasts a second at most, so only the busiest are here.
const POLLS_KEPT: usize = 1024;
/// Viewers' votes kept at once (a poll and a person each), by the same rule.
const VOTES_KEPT: usize = 4096;

pub struct PollData {
    pub poll: PollRow,
    /// In ballot order.
    pub choices: Vec<ChoiceCountRow>,
}

#[derive(Clone)]
pub struct PollMemo(Arc<Kept>);

struct Kept {
    polls: KeptCopies<PollId, PollData>,
    /// Each viewer's answers in a poll: `(poll, user)`.
    votes: KeptCopies<(PollId, i64), Vec<ChoiceId>>,
}

impl PollMemo {
    pub fn new(freshness: Freshness) -> Self {
        Self(Arc::new(Kept {
            polls: KeptCopies::new(POLLS_KEPT, freshness.clone()),
            votes: KeptCopies::new(VOTES_KEPT, freshness),
        }))
    }

    /// The answers `user_id` chose in the poll (`votes::fetch_my_choices`).
    pub async fn my_choices(
        &self,
        db: &AnyPool,
        poll_id: PollId,
        user_id: i64,
    ) -> Result<Arc<Vec<ChoiceId>>, AppError> {
        let key = (poll_id, user_id);
        if let Some(mine) = self.0.votes.get(&key) {
            return Ok(mine);
        }
        let read_at = self.0.votes.freshness().now();
        let mine = fetch_my_choices(db, poll_id, user_id)
            .await
            .or_internal("loading a vote")?;
        Ok(self.0.votes.keep(key, read_at, mine))
    }

    /// The poll and its choices; `None` when there is no such poll (not kept: ids that do
    /// not exist cannot fill the memo). Who may see it is the caller's rule to apply
    /// (`Request::poll_for_page`).
    pub async fn read(
        &self,
        db: &AnyPool,
        poll_id: PollId,
    ) -> Result<Option<Arc<PollData>>, sqlx::Error> {
        if let Some(data) = self.0.polls.get(&poll_id) {
            return Ok(Some(data));
        }
        let read_at = self.0.polls.freshness().now();
        let Some(poll) = db::fetch_poll(db, poll_id).await? else {
            return Ok(None);
        };
        let choices = db::fetch_results(db, poll_id).await?;
        Ok(Some(self.0.polls.keep(
            poll_id,
            read_at,
            PollData { poll, choices },
        )))
    }
}
