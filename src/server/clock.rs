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
}

impl Clock {
    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        unix_now() + self.offset_secs.load(Ordering::Relaxed)
    }

    pub fn advance(&self, by: Duration) {
        self.offset_secs
            .fetch_add(by.as_secs() as i64, Ordering::Relaxed);
    }
}
