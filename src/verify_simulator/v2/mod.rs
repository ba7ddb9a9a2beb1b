//! Verify v2 on the simulator's router (verify-api.md §2, checklist §4.7): start with
//! `POST /v2/verify` (or `/v2/verify/`, as the Ruby SDK sends it), then check with
//! `POST /v2/verify/{id}`, cancel with `DELETE /v2/verify/{id}` and move on with
//! `POST /v2/verify/{id}/next_workflow`. JSON bodies and Basic auth in; 202/200/204/200
//! out, or a problem+json body with the real API's status and texts.
//!
//! A request delivers on its first channel at once and on each next one after
//! `channel_timeout` (180 s by default) or on next_workflow, keeps one code throughout, and
//! expires one timeout after its last channel. v1 and v2 requests share the clock, the
//! inbox and the faults, but not their ids or their per-number locks.

mod call;
mod injected;
mod problem;
mod requests;
mod start;

use super::Simulator;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use call::{answer, Call, Endpoint};

pub(super) fn routes() -> Router<Simulator> {
    Router::new()
        .route("/v2/verify", post(handle_start))
        .route("/v2/verify/", post(handle_start))
        .route(
            "/v2/verify/{request_id}",
            post(handle_check).delete(handle_cancel),
        )
        .route(
            "/v2/verify/{request_id}/next_workflow",
            post(handle_next_workflow),
        )
}

async fn handle_start(
    State(simulator): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = Call {
        headers,
        body,
        request_id: None,
    };
    answer(simulator, Endpoint::Start, call, start::start).await
}

async fn handle_check(
    State(simulator): State<Simulator>,
    Path(request_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let call = Call {
        headers,
        body,
        request_id: Some(request_id),
    };
    answer(simulator, Endpoint::Check, call, requests::check).await
}

async fn handle_cancel(
    State(simulator): State<Simulator>,
    Path(request_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let call = Call::about(request_id, headers);
    answer(simulator, Endpoint::Cancel, call, requests::cancel).await
}

async fn handle_next_workflow(
    State(simulator): State<Simulator>,
    Path(request_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let call = Call::about(request_id, headers);
    answer(
        simulator,
        Endpoint::NextWorkflow,
        call,
        requests::next_workflow,
    )
    .await
}
