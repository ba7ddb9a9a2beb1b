//! (ssr) Keeps the throttle and audit tables from growing without bound: every
//! `HOUSEKEEPING_INTERVAL_SECS` it deletes throttle hits no window counts any more and audit
//! rows older than `AUDIT_RETENTION_DAYS`. Both deletes are by age on an index, safe to run
//! on every instance at once.

use super::clock::Clock;
use crate::request::{audit, throttle};
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
        let hits =
            throttle::sweep_expired(&self.db, self.longest_throttle_window_secs, now).await?;
        let events = audit::sweep_older_than(&self.db, self.audit_retention_days, now).await?;
        Ok((hits, events))
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
