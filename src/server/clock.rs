//! The app's clock: real time plus an offset that only tests move, so time-based rules
//! (throttle windows) are tested by advancing time, not by sleeping.

use super::db::unix_now;
use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
    /// The real second it stopped at, or 0 while it runs.
    frozen_at: Arc<AtomicI64>,
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        let frozen_at = self.frozen_at.load(Ordering::Relaxed);
        let real = if frozen_at == 0 {
            unix_now()
        } else {
            frozen_at
        };
        real + self.offset_secs.load(Ordering::Relaxed)
    }

    pub fn advance(&self, by: Duration) {
        self.offset_secs
            .fetch_add(by.as_secs() as i64, Ordering::Relaxed);
    }

    /// Stops the clock (only `advance` moves it then): a test that must tell an exact
    /// invalidation from a copy merely lasting its second (`kept_rows`, `freshness`) holds
    /// the second still.
    pub fn freeze(&self) {
        self.frozen_at.store(unix_now(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let clock = Clock::default();
        clock.freeze();
        let stopped = clock.now();
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(clock.now(), stopped);
        clock.advance(Duration::from_secs(2));
        assert_eq!(clock.now(), stopped + 2);
    }
}
