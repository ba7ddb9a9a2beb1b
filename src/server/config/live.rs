//! What bounds the live results streams (`/polls/{id}/events`): how often a poll's numbers
//! are read again at most, how many streams one instance and one client may hold open, and
//! how often an idle stream says it is still there.

use super::{parse_at_least_one, ConfigError};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSettings {
    /// The shortest time between two reads of one poll's numbers: the votes landing in it
    /// are sent together, in the next read.
    pub coalesce: Duration,
    /// Streams open at once on this instance; more are answered 503.
    pub max_streams: usize,
    /// Streams open at once from one client network; more are answered 429.
    pub max_streams_per_client: usize,
    /// How often an idle stream sends a comment, so proxies keep it open.
    pub keep_alive: Duration,
}

impl LiveSettings {
    pub(super) fn from_lookup(var: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let at_least_one =
            |name: &'static str, default: u64| parse_at_least_one(name, var(name), default);
        Ok(Self {
            coalesce: Duration::from_millis(at_least_one("LIVE_COALESCE_MS", 250)?),
            max_streams: at_least_one("LIVE_STREAMS_MAX", 10_000)? as usize,
            max_streams_per_client: at_least_one("LIVE_STREAMS_PER_CLIENT", 16)? as usize,
            keep_alive: Duration::from_secs(at_least_one("LIVE_KEEP_ALIVE_SECS", 15)?),
        })
    }
}
