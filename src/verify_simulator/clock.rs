//! The simulator's clock: real time plus whatever the tests have skipped.

use std::time::{Duration, SystemTime};

#[derive(Debug, Default)]
pub(super) struct Clock {
    skipped: Duration,
    /// Tests only: real time stopped here, so nothing moves but what a test skips and a
    /// timing rule is checked to the second however slow the machine.
    frozen_at: Option<SystemTime>,
}

impl Clock {
    pub(super) fn now(&self) -> SystemTime {
        self.frozen_at.unwrap_or_else(SystemTime::now) + self.skipped
    }

    #[cfg(test)]
    pub(super) fn freeze(&mut self) {
        self.frozen_at = Some(SystemTime::now());
    }

    pub(super) fn advance(&mut self, by: Duration) {
        self.skipped += by;
    }

    /// How far ahead of real time the clock runs.
    pub(super) fn offset(&self) -> Duration {
        self.skipped
    }
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, the date format of Verify v1.
pub(super) fn format_utc(at: SystemTime) -> String {
    let at = time::OffsetDateTime::from(at);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_like_verify_v1_in_utc() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_880_000);
        assert_eq!(format_utc(at), "2020-01-01 12:00:00");
    }

    #[test]
    fn advancing_moves_now_forward_by_at_least_the_skip() {
        let mut clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        let skipped = clock.now().duration_since(before).unwrap();
        assert!(skipped >= Duration::from_secs(3600), "{skipped:?}");
        assert_eq!(clock.offset(), Duration::from_secs(3600));
    }

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let mut clock = Clock::default();
        clock.freeze();
        let before = clock.now();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(clock.now(), before);
        clock.advance(Duration::from_secs(1));
        assert_eq!(clock.now(), before + Duration::from_secs(1));
    }
}
