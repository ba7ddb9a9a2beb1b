//! `/dev/clock`: the simulated clock over HTTP, for end-to-end tests of a running app in
//! simulator mode, which cannot call [`Simulator::advance_clock`]. Mounted with the inbox,
//! so it exists exactly where the inbox does.

use super::params::Params;
use super::Simulator;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::time::Duration;

/// A year and a day: more than any Verify timing, little enough that no clock overflows.
const MAX_ADVANCE_SECS: u64 = 366 * 24 * 3600;

pub(super) fn routes() -> Router<Simulator> {
    Router::new().route("/dev/clock", get(show).post(advance))
}

/// `{"offset_secs": N}`: how far the clock has been moved ahead of real time.
async fn show(State(simulator): State<Simulator>) -> Response {
    let offset_secs = simulator.clock_offset().as_secs();
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    (no_store, Json(json!({ "offset_secs": offset_secs }))).into_response()
}

/// `advance_secs=N` in a form, JSON body or the query: moves the clock; 204.
async fn advance(State(simulator): State<Simulator>, params: Params) -> Response {
    match params.get("advance_secs").map(str::parse::<u64>) {
        Some(Ok(secs)) if secs <= MAX_ADVANCE_SECS => {
            simulator.advance_clock(Duration::from_secs(secs));
            tracing::info!(advance_secs = secs, "simulated clock moved forward");
            StatusCode::NO_CONTENT.into_response()
        }
        _ => (
            StatusCode::BAD_REQUEST,
            format!("advance_secs must be a whole number of seconds from 0 to {MAX_ADVANCE_SECS}"),
        )
            .into_response(),
    }
}
