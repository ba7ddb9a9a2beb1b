//! (ssr) Counts every answer by route pattern and status, and times it.

use super::Metrics;
use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::Response,
};
use std::time::Instant;

/// Outside every other layer but the request id, so a refusal (a cross-site write, a time
/// limit, a panic) is counted like any answer.
pub async fn count_requests(
    State(metrics): State<Metrics>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let route = route_of(&request);
    let method = request.method().clone();
    let response = next.run(request).await;
    metrics.request_answered(
        &route,
        method.as_str(),
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// The pattern the router matched. Anything else (a static file, a page Leptos answers as
/// "not found") shares one label: the raw path would make a series per URL anyone sends.
fn route_of(request: &Request) -> String {
    match request.extensions().get::<MatchedPath>() {
        Some(path) => path.as_str().to_owned(),
        None if request.uri().path().starts_with("/pkg/") => "/pkg/*".to_owned(),
        None => "other".to_owned(),
    }
}
