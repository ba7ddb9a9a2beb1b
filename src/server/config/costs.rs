//! What bounds the cost of a request: password hashes at once and queued, how long a request
//! may take, how long the throttle and audit tables keep their rows, and how many pages are
//! kept in memory.

use super::{parse_at_least_one, parse_number, ConfigError};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLimits {
    /// Password hashes running at once (default: one per core).
    pub password_hash_concurrency: usize,
    /// Password checks waiting for a slot; more are answered 503 "busy" at once.
    pub password_hash_queue: usize,
    /// The longest a request may take before it is answered 503 (not streams).
    pub request_timeout: Duration,
    /// Audit rows (`verification_events`) older than this many days are deleted.
    pub audit_retention_days: u32,
    /// How often expired throttle hits and old audit rows are swept.
    pub housekeeping_interval: Duration,
    /// Pages kept in memory, for visitors without a session and per class of signed-in
    /// viewer (`server::page_cache`); 0: none.
    pub page_cache_entries: usize,
}

impl CostLimits {
    pub(super) fn from_lookup(var: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let at_least_one =
            |name: &'static str, default: u64| parse_at_least_one(name, var(name), default);
        Ok(Self {
            password_hash_concurrency: at_least_one("PASSWORD_HASH_CONCURRENCY", cores as u64)?
                as usize,
            password_hash_queue: at_least_one("PASSWORD_HASH_QUEUE", 64)? as usize,
            request_timeout: Duration::from_secs(at_least_one("REQUEST_TIMEOUT_SECS", 30)?),
            audit_retention_days: u32::try_from(at_least_one("AUDIT_RETENTION_DAYS", 90)?)
                .map_err(|_| ConfigError::Invalid {
                    name: "AUDIT_RETENTION_DAYS",
                    reason: "too large".into(),
                })?,
            housekeeping_interval: Duration::from_secs(at_least_one(
                "HOUSEKEEPING_INTERVAL_SECS",
                600,
            )?),
            page_cache_entries: parse_number("PAGE_CACHE_ENTRIES", var("PAGE_CACHE_ENTRIES"), 128)?
                as usize,
        })
    }
}
