//! (ssr) Throttling of verification attempts, counted in the database so that a new cookie,
//! a new session or another instance does not reset it.
//!
//! Each attempt is a row in `throttle_hits` under a bucket ("starts for this number",
//! "failed checks for this account"); a limit is "at most `max` rows in the last `window`".

use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// At most `max` attempts per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_secs: i64,
}

impl Limit {
    pub const fn new(max: u32, window_secs: i64) -> Self {
        Self { max, window_secs }
    }

    /// `"3/600"`: 3 attempts per 600 seconds.
    pub fn parse(raw: &str) -> Option<Self> {
        let (max, window) = raw.trim().split_once('/')?;
        let limit = Self::new(max.trim().parse().ok()?, window.trim().parse().ok()?);
        (limit.max > 0 && limit.window_secs > 0).then_some(limit)
    }
}

/// The configured limits (see the README for the variables that set them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleLimits {
    pub starts_per_number: Limit,
    pub starts_per_account: Limit,
    pub starts_per_ip: Limit,
    pub failed_checks_per_account: Limit,
    /// However the per-account window is set, never more than this.
    pub failed_checks_cap: Limit,
    pub failed_logins_per_account: Limit,
    pub failed_logins_per_ip: Limit,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            starts_per_number: Limit::new(3, 600),
            starts_per_account: Limit::new(10, 3600),
            starts_per_ip: Limit::new(30, 3600),
            failed_checks_per_account: Limit::new(5, 900),
            failed_checks_cap: Limit::new(100, 3600),
            failed_logins_per_account: Limit::new(10, 900),
            failed_logins_per_ip: Limit::new(50, 900),
        }
    }
}

/// A bucket name. The key is hashed: the table never holds a phone number or an IP.
pub fn bucket(kind: &str, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{kind}:{hex}")
}

#[derive(Debug, thiserror::Error)]
pub enum ThrottleError {
    #[error("throttled for {retry_after_secs} s")]
    Refused { retry_after_secs: i64 },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Refuses when any bucket is at its limit; records nothing.
pub async fn check(
    db: &AnyPool,
    buckets: &[(String, Limit)],
    now: i64,
) -> Result<(), ThrottleError> {
    let mut retry_after_secs = 0;
    for (bucket, limit) in buckets {
        if let Some(wait) = wait_before_next(db, bucket, *limit, now).await? {
            retry_after_secs = retry_after_secs.max(wait);
        }
    }
    if retry_after_secs > 0 {
        Err(ThrottleError::Refused { retry_after_secs })
    } else {
        Ok(())
    }
}

/// Counts one attempt in every bucket, and forgets hits older than each bucket's window.
pub async fn record(
    db: &AnyPool,
    buckets: &[(String, Limit)],
    now: i64,
) -> Result<(), sqlx::Error> {
    for (bucket, limit) in buckets {
        sqlx::query("DELETE FROM throttle_hits WHERE bucket = $1 AND created_at <= $2")
            .bind(bucket)
            .bind(now - limit.window_secs)
            .execute(db)
            .await?;
        sqlx::query("INSERT INTO throttle_hits (bucket, created_at) VALUES ($1, $2)")
            .bind(bucket)
            .bind(now)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// Refuses as `check` does, or records the attempt.
pub async fn take(
    db: &AnyPool,
    buckets: &[(String, Limit)],
    now: i64,
) -> Result<(), ThrottleError> {
    check(db, buckets, now).await?;
    record(db, buckets, now).await?;
    Ok(())
}

/// Seconds until one more attempt fits in `limit`, or `None` if it fits now.
async fn wait_before_next(
    db: &AnyPool,
    bucket: &str,
    limit: Limit,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let hits: Vec<i64> = sqlx::query_scalar(
        "SELECT created_at FROM throttle_hits WHERE bucket = $1 AND created_at > $2 ORDER BY created_at DESC",
    )
    .bind(bucket)
    .bind(now - limit.window_secs)
    .fetch_all(db)
    .await?;
    // With `max` hits in the window, the next fits when the oldest of the newest `max` leaves it.
    Ok(hits
        .get(limit.max as usize - 1)
        .map(|oldest_counted| (oldest_counted + limit.window_secs - now).max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_as_count_per_seconds() {
        assert_eq!(Limit::parse("3/600"), Some(Limit::new(3, 600)));
        assert_eq!(Limit::parse(" 10 / 3600 "), Some(Limit::new(10, 3600)));
        for raw in ["", "3", "0/600", "3/0", "a/b", "-1/60"] {
            assert_eq!(Limit::parse(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn buckets_never_contain_the_key() {
        let name = bucket("start-number", "+12125550142");
        assert!(name.starts_with("start-number:"));
        assert!(!name.contains("2125550142"));
        assert_eq!(name, bucket("start-number", "+12125550142"));
        assert_ne!(name, bucket("start-number", "+12125550143"));
    }
}
