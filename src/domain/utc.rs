//! (ssr) How a Unix time reads on a page: always UTC, so what the server renders is what
//! every visitor sees, wherever they are.

use time::OffsetDateTime;

/// `YYYY-MM-DD`.
pub fn date(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| t.date().to_string())
        .unwrap_or_default()
}

/// `YYYY-MM-DD HH:MM UTC`.
pub fn minutes(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{} {:02}:{:02} UTC", t.date(), t.hour(), t.minute()))
        .unwrap_or_default()
}

/// `YYYY-MM-DD HH:MM:SS UTC`.
pub fn seconds(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| {
            let (hour, minute, second) = (t.hour(), t.minute(), t.second());
            format!("{} {hour:02}:{minute:02}:{second:02} UTC", t.date())
        })
        .unwrap_or_default()
}

/// `YYYY-MM-DDTHH:MM`, what a datetime-local form field holds (and `NewPoll` reads back).
pub fn datetime_local(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_iso_in_utc() {
        assert_eq!(date(1_469_451_264), "2016-07-25");
        assert_eq!(minutes(1_469_451_264), "2016-07-25 12:54 UTC");
        assert_eq!(seconds(1_469_451_264), "2016-07-25 12:54:24 UTC");
        assert_eq!(datetime_local(1_469_451_264), "2016-07-25T12:54");
        assert_eq!(
            seconds(i64::MAX),
            "",
            "out of range reads as nothing, not a panic"
        );
    }
}
