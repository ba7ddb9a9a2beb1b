//! (ssr) The votes of this process take turns at SQLite's one write lock.
//!
//! A SQLite connection that finds the write lock taken is not woken when it frees: it sleeps
//! in SQLite's busy handler (1, 2, 5, 10, 15 … 100 ms) and tries again. Under concurrent votes
//! the lock then sits idle between writers while they sleep, which put the p99 of concurrent
//! votes at 60-80 ms (`docs/performance.md`). Waiting for the turn here instead, the next vote
//! starts the moment the last one commits (p99 16-36 ms, the rate about the same), and the
//! busy handler is left to the rare writes of other kinds and of other processes. PostgreSQL
//! orders votes itself (the poll's row lock) and runs the votes of different polls at once:
//! there this is no gate at all.

use super::db::DatabaseKind;
use std::sync::Arc;
use tokio::sync::{Mutex, MutexGuard};

#[derive(Clone)]
pub struct VoteTurns(Option<Arc<Mutex<()>>>);

impl VoteTurns {
    pub fn for_database(kind: DatabaseKind) -> Self {
        Self(match kind {
            DatabaseKind::Sqlite => Some(Arc::new(Mutex::new(()))),
            DatabaseKind::Postgres => None,
        })
    }

    /// Waits for this vote's turn (first come, first served); held until the guard drops,
    /// which must be after the vote's transaction has ended.
    pub async fn take(&self) -> Option<MutexGuard<'_, ()>> {
        match &self.0 {
            Some(turn) => Some(turn.lock().await),
            None => None,
        }
    }
}
