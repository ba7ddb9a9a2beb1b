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
use call::{answer, Call, Endpoint, Rules};
use std::future::Future;
use std::pin::Pin;

pub(super) fn routes() -> Router<Simulator> {
    let start_handler = handler(Endpoint::Start, start::start);
    Router::new()
        .route("/v2/verify", post(start_handler.clone()))
        .route("/v2/verify/", post(start_handler))
        .route(
            "/v2/verify/{request_id}",
            post(handler(Endpoint::Check, requests::check))
                .delete(handler(Endpoint::Cancel, requests::cancel)),
        )
        .route(
            "/v2/verify/{request_id}/next_workflow",
            post(handler(Endpoint::NextWorkflow, requests::next_workflow)),
        )
}

type Answering = Pin<Box<dyn Future<Output = Response> + Send>>;

/// The handler for one endpoint. Every v2 call is taken in the same way (the headers, the
/// body, and the request id if the route's path has one); only the endpoint and its rules
/// differ.
fn handler(
    endpoint: Endpoint,
    rules: Rules,
) -> impl Fn(State<Simulator>, Option<Path<String>>, HeaderMap, Bytes) -> Answering
       + Clone
       + Send
       + Sync
       + 'static {
    move |State(simulator), request_id, headers, body| {
        let call = Call {
            headers,
            body,
            request_id: request_id.map(|Path(request_id)| request_id),
        };
        Box::pin(answer(simulator, endpoint, call, rules))
    }
}
