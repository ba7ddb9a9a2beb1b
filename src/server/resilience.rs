//! (ssr) What every request goes through so that no single one can hurt the others or leak
//! what it holds: a time limit (streams excepted), a panic caught and answered with a plain
//! 500 page, and cache headers that keep a person's pages out of shared and browser caches.

use crate::{accounts::backend::AuthSession, error::AppError};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{any::Any, time::Duration};

/// Answers 503 "busy, try again" when a request takes longer than `limit`. Server-Sent Event
/// streams (`Accept: text/event-stream`) are meant to stay open and are not limited.
pub async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    if accepts(&request, "text/event-stream") {
        return next.run(request).await;
    }
    // A browser navigation (a page, or a form posted with JavaScript off) reads a sentence;
    // the hydrated page's fetch reads an `AppError`.
    let navigation = accepts(&request, "text/html");
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                limit_secs = limit.as_secs(),
                "a request took too long: answered 503"
            );
            busy(navigation)
        }
    }
}

fn accepts(request: &Request, media_type: &str) -> bool {
    request
        .headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains(media_type))
}

fn busy(navigation: bool) -> Response {
    let mut response = if navigation {
        plain_page(&AppError::Busy.user_message())
    } else {
        let body = serde_json::to_string(&AppError::Busy).unwrap_or_default();
        (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response()
    };
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, crate::error::RETRY_AFTER);
    response
}

/// A page of one sentence, never stored by a cache.
fn plain_page(sentence: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pollstr</title></head>\
         <body><h1>Pollstr</h1><p>{sentence}</p></body></html>"
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// For `CatchPanicLayer`: a plain 500 page that says nothing of the panic. The panic itself
/// is logged once, by the hook `telemetry::init` installs, with its message and location.
pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    internal_error_page()
}

/// A plain 500 page: "something went wrong", nothing of what.
pub fn internal_error_page() -> Response {
    let mut response = plain_page(&AppError::Internal.user_message());
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

/// `no-store` for every server-function answer and every page a logged-in person sees (their
/// name, their number, their recovery codes must not sit in a shared or back-button cache);
/// `no-cache` for other pages, so a visitor always revalidates. Static files keep theirs.
/// Runs inside the auth layer, which tells who is logged in.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let logged_in = request
        .extensions()
        .get::<AuthSession>()
        .is_some_and(|auth| auth.user.is_some());
    let mut response = next.run(request).await;
    let page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    let policy = match (api, page, logged_in) {
        (true, _, _) | (_, true, true) => "no-store",
        (false, true, false) => "no-cache",
        (false, false, _) => return response,
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{routing::get, Router};
    use tower::ServiceExt;
    use tower_http::catch_panic::CatchPanicLayer;

    #[tokio::test]
    async fn a_panicking_request_gets_a_plain_500_page_that_reveals_nothing() {
        let router = Router::new()
            .route(
                "/boom",
                get(|| async {
                    let secret = "the database password is hunter2";
                    panic!("{secret}");
                    #[allow(unreachable_code)]
                    ""
                }),
            )
            .layer(CatchPanicLayer::custom(panic_response));
        let response = router
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("Something went wrong on our side"), "{body}");
        assert!(!body.contains("hunter2"), "{body}");
    }

    #[tokio::test]
    async fn a_slow_request_is_answered_busy_and_a_stream_is_not_cut() {
        let router = Router::new()
            .route(
                "/api/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    "late"
                }),
            )
            .route(
                "/events",
                get(|| async {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    "stream"
                }),
            )
            .layer(axum::middleware::from_fn_with_state(
                Duration::from_millis(20),
                time_limit,
            ));
        let response = router
            .clone()
            .oneshot(Request::get("/api/slow").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .unwrap();
        let error: AppError = serde_json::from_slice(&body).unwrap();
        assert_eq!(error, AppError::Busy);
        let stream = router
            .oneshot(
                Request::get("/events")
                    .header(header::ACCEPT, "text/event-stream")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(stream.status(), StatusCode::OK);
    }
}
