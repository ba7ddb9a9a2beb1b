//! (ssr) Counts every answer by route pattern and status, and times it.

use super::Metrics;
use axum::{
    extract::{MatchedPath, Request, State},
    http::Method,
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
    let method = method_of(&request);
    let response = next.run(request).await;
    metrics.request_answered(route, method, response.status().as_u16(), started.elapsed());
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

/// The standard methods by name; any other token a client sends is `other`, for the same reason.
fn method_of(request: &Request) -> &'static str {
    static KNOWN: [Method; 7] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::OPTIONS,
    ];
    KNOWN
        .iter()
        .find(|known| *known == request.method())
        .map_or("other", Method::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &[u8], path: &str) -> Request {
        Request::builder()
            .method(Method::from_bytes(method).unwrap())
            .uri(path)
            .body(axum::body::Body::empty())
            .unwrap()
    }

    #[test]
    fn labels_stay_few_whatever_a_client_sends() {
        assert_eq!(method_of(&request(b"GET", "/")), "GET");
        assert_eq!(method_of(&request(b"BREW", "/")), "other");
        assert_eq!(method_of(&request(b"X-ANYTHING-1", "/")), "other");
        assert_eq!(route_of(&request(b"GET", "/no/such/page")), "other");
        assert_eq!(route_of(&request(b"GET", "/pkg/pollstr.x.wasm")), "/pkg/*");
    }
}
