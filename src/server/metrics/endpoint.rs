//! (ssr) `GET /metrics` on `METRICS_ADDR`: a listener of its own, so the public site (and
//! whoever reaches it) never sees it; point Prometheus at that address, on a private network.

use super::Metrics;
use crate::{polls::live::hub::LiveHub, server::sessions::SessionBackend};
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use sqlx::AnyPool;

/// What a scrape reads besides the counters: the pools, as they are at that moment.
#[derive(Clone)]
pub struct Scraped {
    pub metrics: Metrics,
    pub db: AnyPool,
    pub sessions: SessionBackend,
    pub live: LiveHub,
}

pub fn router(scraped: Scraped) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(scraped)
}

async fn scrape(State(scraped): State<Scraped>) -> Response {
    let Scraped {
        metrics,
        db,
        sessions,
        live,
    } = scraped;
    metrics.pool("app", &db);
    metrics.live_streams(live.open_streams());
    sessions.report_pool(&metrics);
    (
        [
            (
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        metrics.render(),
    )
        .into_response()
}
