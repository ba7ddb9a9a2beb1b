//! (ssr) Keeps the throttle and audit tables from growing without bound: every
//! `HOUSEKEEPING_INTERVAL_SECS` it deletes throttle hits no window counts any more and audit
//! rows older than `AUDIT_RETENTION_DAYS`. Both deletes are by age on an index, safe to run
//! on every instance at once.

use super::clock::Clock;
use sqlx::AnyPool;
use std::time::Duration;

#[derive(Clone)]
pub struct Housekeeping {
    pub db: AnyPool,
    pub clock: Clock,
    pub longest_throttle_window_secs: i64,
    pub audit_retention_days: u32,
    pub interval: Duration,
}

impl Housekeeping {
    /// One sweep, now: how many throttle hits and audit rows went.
    pub async fn sweep(&self) -> Result<(u64, u64), sqlx::Error> {
        let now = self.clock.now();
        // No throttle window counts hits older than the longest one.
        let hits_before = now - self.longest_throttle_window_secs;
        let hits = self.delete_older("throttle_hits", hits_before).await?;
        let events_before = now - i64::from(self.audit_retention_days) * 86_400;
        let events = self
            .delete_older("verification_events", events_before)
            .await?;
        Ok((hits, events))
    }

    /// Deletes the rows of `table` (one of the two above) made at or before `cutoff`.
    async fn delete_older(&self, table: &'static str, cutoff: i64) -> Result<u64, sqlx::Error> {
        let done = sqlx::query(&format!("DELETE FROM {table} WHERE created_at <= $1"))
            .bind(cutoff)
            .execute(&self.db)
            .await?;
        Ok(done.rows_affected())
    }

    /// Sweeps at start and then every interval, for as long as the app runs.
    pub fn spawn(self) {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(self.interval);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                match self.sweep().await {
                    Ok((0, 0)) => {}
                    Ok((hits, events)) => {
                        tracing::info!(
                            hits,
                            events,
                            "swept expired throttle hits and old audit rows"
                        )
                    }
                    // The next tick tries again; a database that is away is logged elsewhere.
                    Err(error) => tracing::warn!(%error, "housekeeping sweep failed"),
                }
            }
        });
    }
}
