//! (ssr) What operators watch, for Prometheus: requests by route and status with their
//! latency, the database pools, Verify calls by outcome with their latency, votes recorded
//! and throttled attempts.
//!
//! Each app owns its registry (no process-wide recorder), so the apps of the test suite count
//! apart. `/metrics` is served only on `METRICS_ADDR`, a listener of its own that the public
//! site does not reach (see `endpoint`).

pub mod endpoint;
pub mod http;

use prometheus_client::{
    encoding::EncodeLabelSet,
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::Registry,
};
use std::{sync::Arc, time::Duration};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// The route's pattern (`/polls/{id}`), never the raw path: a label per URL would grow
    /// without end.
    pub route: String,
    pub method: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
    pub method: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct VerifyLabels {
    /// `start`, `check`, `cancel`, `next_event`.
    pub operation: &'static str,
    /// `ok`, or the kind of `VerifyError` (`wrong_code`, `timeout` …).
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OperationLabels {
    pub operation: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ThrottleLabels {
    /// The bucket that was full (`start-number`, `login-account` …), never its key.
    pub bucket: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PageCacheLabels {
    /// `anonymous` (no session) or `signed_in`.
    pub viewer: &'static str,
    /// `hit` (answered from memory) or `rendered` (rendered, then kept when it may be).
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PoolLabels {
    /// `app` (the queries) or `sessions` (the session store's own pool).
    pub pool: &'static str,
    /// `in_use`, `idle` or `max`.
    pub state: &'static str,
}

/// The app's metrics. Cheap to clone: every clone counts into the same registry.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    request_seconds: Family<RouteLabels, Histogram>,
    verify_calls: Family<VerifyLabels, Counter>,
    verify_seconds: Family<OperationLabels, Histogram>,
    votes: Counter,
    throttled: Family<ThrottleLabels, Counter>,
    pool_connections: Family<PoolLabels, Gauge>,
    live_streams: Gauge,
    live_reads: Counter,
    page_cache: Family<PageCacheLabels, Counter>,
}

/// From half a millisecond to about 16 s, doubling.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("pollstr");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route pattern, method and status",
            requests.clone(),
        );
        let request_seconds =
            Family::<RouteLabels, Histogram>::new_with_constructor(latency_histogram as fn() -> _);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request (until its head is sent), by route pattern and method",
            request_seconds.clone(),
        );
        let verify_calls = Family::<VerifyLabels, Counter>::default();
        registry.register(
            "verify_calls",
            "Calls to the Verify API, by operation and outcome",
            verify_calls.clone(),
        );
        let verify_seconds = Family::<OperationLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> _,
        );
        registry.register(
            "verify_call_duration_seconds",
            "Time a Verify API call took, by operation",
            verify_seconds.clone(),
        );
        let votes = Counter::default();
        registry.register(
            "votes_recorded",
            "Ballots recorded (a first vote or a changed one)",
            votes.clone(),
        );
        let throttled = Family::<ThrottleLabels, Counter>::default();
        registry.register(
            "throttled_attempts",
            "Attempts refused because a throttle bucket was full, by bucket",
            throttled.clone(),
        );
        let pool_connections = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database connections of each pool: in use, idle, and the most it opens",
            pool_connections.clone(),
        );
        let live_streams = Gauge::default();
        registry.register(
            "live_streams",
            "Live results streams open on this instance",
            live_streams.clone(),
        );
        let live_reads = Counter::default();
        registry.register(
            "live_snapshot_reads",
            "Reads of a poll's numbers for its live viewers (one per change and instance, at most)",
            live_reads.clone(),
        );
        let page_cache = Family::<PageCacheLabels, Counter>::default();
        registry.register(
            "page_cache_answers",
            "Pages that may be kept, by viewer: answered from memory, or rendered",
            page_cache.clone(),
        );
        Self(Arc::new(Inner {
            registry,
            page_cache,
            live_streams,
            live_reads,
            requests,
            request_seconds,
            verify_calls,
            verify_seconds,
            votes,
            throttled,
            pool_connections,
        }))
    }

    pub fn request_answered(
        &self,
        route: String,
        method: &'static str,
        status: u16,
        took: Duration,
    ) {
        self.0
            .request_seconds
            .get_or_create(&RouteLabels {
                route: route.clone(),
                method,
            })
            .observe(took.as_secs_f64());
        self.0
            .requests
            .get_or_create(&RequestLabels {
                route,
                method,
                status,
            })
            .inc();
    }

    /// A page that may be kept was asked for: `hit` when it was answered from memory.
    pub fn page_cache_answer(&self, viewer: &'static str, hit: bool) {
        let outcome = if hit { "hit" } else { "rendered" };
        self.0
            .page_cache
            .get_or_create(&PageCacheLabels { viewer, outcome })
            .inc();
    }

    pub fn verify_call(&self, operation: &'static str, outcome: &'static str, took: Duration) {
        self.0
            .verify_seconds
            .get_or_create(&OperationLabels { operation })
            .observe(took.as_secs_f64());
        self.0
            .verify_calls
            .get_or_create(&VerifyLabels { operation, outcome })
            .inc();
    }

    pub fn vote_recorded(&self) {
        self.0.votes.inc();
    }

    /// One read of a poll's numbers, shared by all its live viewers here.
    pub fn live_snapshot_read(&self) {
        self.0.live_reads.inc();
    }

    /// The live streams open now (set at each scrape).
    pub fn live_streams(&self, open: usize) {
        self.0
            .live_streams
            .set(i64::try_from(open).unwrap_or(i64::MAX));
    }

    pub fn throttled(&self, bucket: &str) {
        self.0
            .throttled
            .get_or_create(&ThrottleLabels {
                bucket: bucket.to_owned(),
            })
            .inc();
    }

    /// A pool's connections as they are now (set at each scrape).
    pub fn pool<DB: sqlx::Database>(&self, name: &'static str, pool: &sqlx::Pool<DB>) {
        let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
        let max = pool.options().get_max_connections();
        self.pool_connections(name, pool.size().saturating_sub(idle), idle, max);
    }

    fn pool_connections(&self, pool: &'static str, in_use: u32, idle: u32, max: u32) {
        for (state, value) in [("in_use", in_use), ("idle", idle), ("max", max)] {
            self.0
                .pool_connections
                .get_or_create(&PoolLabels { pool, state })
                .set(i64::from(value));
        }
    }

    /// The OpenMetrics text Prometheus scrapes.
    pub fn render(&self) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.0.registry);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_names_each_family_with_its_labels() {
        let metrics = Metrics::new();
        metrics.request_answered("/polls/{id}".into(), "GET", 200, Duration::from_millis(3));
        metrics.verify_call("check", "wrong_code", Duration::from_millis(40));
        metrics.vote_recorded();
        metrics.throttled("start-number");
        metrics.pool_connections("app", 1, 4, 10);
        let text = metrics.render();
        for line in [
            r#"pollstr_http_requests_total{route="/polls/{id}",method="GET",status="200"} 1"#,
            r#"pollstr_http_request_duration_seconds_count{route="/polls/{id}",method="GET"} 1"#,
            r#"pollstr_verify_calls_total{operation="check",outcome="wrong_code"} 1"#,
            r#"pollstr_verify_call_duration_seconds_count{operation="check"} 1"#,
            "pollstr_votes_recorded_total 1",
            r#"pollstr_throttled_attempts_total{bucket="start-number"} 1"#,
            r#"pollstr_db_pool_connections{pool="app",state="max"} 10"#,
        ] {
            assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
        }
        assert!(text.ends_with("# EOF\n"), "{text}");
    }

    #[test]
    fn clones_count_into_the_same_registry_and_apps_apart() {
        let first = Metrics::new();
        first.clone().vote_recorded();
        first.vote_recorded();
        let second = Metrics::new();
        assert!(first.render().contains("pollstr_votes_recorded_total 2"));
        assert!(second.render().contains("pollstr_votes_recorded_total 0"));
    }
}
