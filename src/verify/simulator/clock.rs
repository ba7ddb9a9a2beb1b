//! The simulator's clock: real time plus whatever the tests have skipped.

use std::time::{Duration, SystemTime};

#[derive(Debug, Default)]
pub(super) struct Clock {
    skipped: Duration,
}

impl Clock {
    pub(super) fn now(&self) -> SystemTime {
        SystemTime::now() + self.skipped
    }

    pub(super) fn advance(&mut self, by: Duration) {
        self.skipped += by;
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
    }
}
