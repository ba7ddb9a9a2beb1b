//! (ssr) Throttling of verification attempts, counted in the database so that a new cookie,
//! a new session or another instance does not reset it.
//!
//! Each attempt is a row in `throttle_hits` under a bucket ("starts for this number",
//! "failed checks for this account"); a limit is "at most `max` rows in the last `window`".
//! An attempt reserves its rows before the work it guards, in one atomic step per attempt
//! (see [`reserve`]), and gives them back when it turns out not to count.

use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// At most `max` attempts per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_secs: i64,
}

/// Ten years.
const MAX_WINDOW_SECS: i64 = 10 * 366 * 86_400;

impl Limit {
    pub const fn new(max: u32, window_secs: i64) -> Self {
        Self { max, window_secs }
    }

    /// `"3/600"`: 3 attempts per 600 seconds.
    pub fn parse(raw: &str) -> Option<Self> {
        let (max, window) = raw.trim().split_once('/')?;
        let limit = Self::new(max.trim().parse().ok()?, window.trim().parse().ok()?);
        // A window past ten years is a typo, and would overflow the arithmetic on times.
        (limit.max > 0 && (1..=MAX_WINDOW_SECS).contains(&limit.window_secs)).then_some(limit)
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
    /// Failed logins for one username from one client network: the lockout a guesser meets.
    pub failed_logins_per_account_and_ip: Limit,
    /// Failed logins for one username from everywhere: much higher, so one attacker cannot
    /// lock the owner out, while a guesser spread over many addresses still meets a wall.
    pub failed_logins_per_account: Limit,
    pub failed_logins_per_ip: Limit,
    pub signups_per_ip: Limit,
    /// New polls by one account.
    pub polls_per_account: Limit,
}

impl ThrottleLimits {
    /// The longest window of any limit: hits older than this count for nothing.
    pub fn longest_window_secs(&self) -> i64 {
        [
            self.starts_per_number,
            self.starts_per_account,
            self.starts_per_ip,
            self.failed_checks_per_account,
            self.failed_checks_cap,
            self.failed_logins_per_account_and_ip,
            self.failed_logins_per_account,
            self.failed_logins_per_ip,
            self.signups_per_ip,
            self.polls_per_account,
        ]
        .iter()
        .map(|limit| limit.window_secs)
        .max()
        .unwrap_or(0)
    }
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            starts_per_number: Limit::new(3, 600),
            starts_per_account: Limit::new(10, 3600),
            starts_per_ip: Limit::new(30, 3600),
            failed_checks_per_account: Limit::new(5, 900),
            failed_checks_cap: Limit::new(100, 3600),
            failed_logins_per_account_and_ip: Limit::new(10, 900),
            failed_logins_per_account: Limit::new(100, 3600),
            failed_logins_per_ip: Limit::new(50, 900),
            signups_per_ip: Limit::new(20, 3600),
            polls_per_account: Limit::new(20, 86_400),
        }
    }
}

/// A bucket name. The key is hashed: the table never holds a phone number or an IP.
pub fn bucket(kind: &str, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{kind}:{hex}")
}

/// `start-number` of `start-number:3f9a…`: what a bucket counts, without whose.
fn bucket_kind(bucket: &str) -> &str {
    bucket.split_once(':').map_or(bucket, |(kind, _)| kind)
}

#[derive(Debug, thiserror::Error)]
pub enum ThrottleError {
    #[error("throttled for {retry_after_secs} s")]
    /// `full`: the kind of the bucket that makes the caller wait longest (`start-number`).
    Refused { retry_after_secs: i64, full: String },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Slots taken in every bucket of one attempt. An attempt that turns out not to count (a
/// right password, a right code) gives them back with [`Reservation::release`]; otherwise
/// they stay, so a crash between reserving and finishing counts against the caller.
#[must_use = "an attempt that does not count must release its reservation"]
#[derive(Debug)]
pub struct Reservation {
    hit_ids: Vec<i64>,
}

impl Reservation {
    /// The attempt counts, whatever came of it.
    pub fn keep(self) {}

    /// Gives the slots back: the attempt did not count.
    pub async fn release(self, db: &AnyPool) -> Result<(), sqlx::Error> {
        for id in self.hit_ids {
            sqlx::query("DELETE FROM throttle_hits WHERE id = $1")
                .bind(id)
                .execute(db)
                .await?;
        }
        Ok(())
    }
}

/// Takes one slot in every bucket, or none: refused when any bucket is at its limit. Checking
/// and counting are one step, done before the costly work (a password hash, a Verify call),
/// so a burst of parallel requests gets at most the limit through, on every instance.
///
/// The buckets are locked in name order for the length of one transaction: on PostgreSQL by
/// a transaction advisory lock per bucket; on SQLite by the database's write lock, which the
/// transaction's first statement (an insert) takes.
pub async fn reserve(
    db: &AnyPool,
    buckets: &[(String, Limit)],
    now: i64,
) -> Result<Reservation, ThrottleError> {
    let mut ordered: Vec<&(String, Limit)> = buckets.iter().collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    let mut tx = db.begin().await?;
    let postgres = tx.backend_name() == "PostgreSQL";
    if postgres {
        // Each COUNT must see what the lock's previous holder committed: a snapshot per
        // statement, whatever default isolation the server is set to.
        sqlx::query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            .execute(&mut *tx)
            .await?;
    }
    let mut hit_ids = Vec::with_capacity(ordered.len());
    let mut retry_after_secs = 0;
    let mut full = String::new();
    for (bucket, limit) in ordered {
        if postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(bucket)
                .execute(&mut *tx)
                .await?;
        }
        let taken: Option<i64> = sqlx::query_scalar(
            "INSERT INTO throttle_hits (bucket, created_at) SELECT $1, $2 \
             WHERE (SELECT COUNT(*) FROM throttle_hits WHERE bucket = $3 AND created_at > $4) < $5 \
             RETURNING id",
        )
        .bind(bucket)
        .bind(now)
        .bind(bucket)
        .bind(now - limit.window_secs)
        .bind(i64::from(limit.max))
        .fetch_optional(&mut *tx)
        .await?;
        match taken {
            Some(id) => hit_ids.push(id),
            None => {
                let wait = wait_before_next(&mut tx, bucket, *limit, now).await?;
                if wait > retry_after_secs {
                    retry_after_secs = wait;
                    full = bucket_kind(bucket).to_owned();
                }
            }
        }
    }
    if retry_after_secs > 0 {
        tx.rollback().await?;
        return Err(ThrottleError::Refused {
            retry_after_secs,
            full,
        });
    }
    tx.commit().await?;
    Ok(Reservation { hit_ids })
}

/// Seconds until one more attempt fits in a full bucket (at least 1).
async fn wait_before_next(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    bucket: &str,
    limit: Limit,
    now: i64,
) -> Result<i64, sqlx::Error> {
    // With `max` hits in the window, the next fits when the oldest of the newest `max` leaves it.
    let oldest_counted: Option<i64> = sqlx::query_scalar(
        "SELECT created_at FROM throttle_hits WHERE bucket = $1 AND created_at > $2 \
         ORDER BY created_at DESC LIMIT 1 OFFSET $3",
    )
    .bind(bucket)
    .bind(now - limit.window_secs)
    .bind(i64::from(limit.max) - 1)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(oldest_counted.map_or(1, |at| (at + limit.window_secs - now).max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse_as_count_per_seconds() {
        assert_eq!(Limit::parse("3/600"), Some(Limit::new(3, 600)));
        assert_eq!(Limit::parse(" 10 / 3600 "), Some(Limit::new(10, 3600)));
        for raw in [
            "",
            "3",
            "0/600",
            "3/0",
            "a/b",
            "-1/60",
            "3/9223372036854775807",
        ] {
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
