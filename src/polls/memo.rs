//! (ssr) Each poll's row and its choices with their counters, as last read, for the pages a
//! signed-in person sees (the pages of visitors without a session come whole from
//! `server::page_cache`). A copy is used while the data version and the second it was read
//! at are current (`server::freshness`): a vote or any poll change, on any instance, makes
//! the next page read again. What is the viewer's own (their vote) is always read.

use super::{
    db::{self, ChoiceCountRow, PollRow},
    visibility::may_view,
};
use crate::{
    accounts::backend::User,
    domain::PollId,
    error::{AppError, OrInternal},
    server::freshness::{Freshness, KeptCopies},
};
use sqlx::AnyPool;
use std::sync::Arc;

/// Polls kept at once; a copy lasts a second at most, so only the busiest are here.
const POLLS_KEPT: usize = 1024;

pub struct PollData {
    pub poll: PollRow,
    /// In ballot order.
    pub choices: Vec<ChoiceCountRow>,
}

#[derive(Clone)]
pub struct PollMemo(Arc<KeptCopies<PollId, PollData>>);

impl PollMemo {
    pub fn new(freshness: Freshness) -> Self {
        Self(Arc::new(KeptCopies::new(POLLS_KEPT, freshness)))
    }

    /// The poll and its choices; `None` when there is no such poll (not kept: ids that do
    /// not exist cannot fill the memo). Who may see it is the caller's rule to apply.
    pub async fn read(
        &self,
        db: &AnyPool,
        poll_id: PollId,
    ) -> Result<Option<Arc<PollData>>, sqlx::Error> {
        if let Some(data) = self.0.get(&poll_id) {
            return Ok(Some(data));
        }
        let read_at = self.0.freshness().now();
        let Some(poll) = db::fetch_poll(db, poll_id).await? else {
            return Ok(None);
        };
        let choices = db::fetch_results(db, poll_id).await?;
        Ok(Some(self.0.keep(
            poll_id,
            read_at,
            PollData { poll, choices },
        )))
    }

    /// The poll, if it exists for `caller` (the rule of `visibility::fetch_visible`).
    pub async fn read_visible(
        &self,
        db: &AnyPool,
        poll_id: PollId,
        caller: Option<&User>,
    ) -> Result<Arc<PollData>, AppError> {
        self.read(db, poll_id)
            .await
            .or_internal("loading a poll")?
            .filter(|data| may_view(&data.poll, caller))
            .ok_or(AppError::PollNotFound)
    }
}
