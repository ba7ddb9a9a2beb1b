//! The session and login layers answer a bare, empty 500 when they cannot load or save a
//! session. That happens when the database is out of reach for a moment (a restart, a
//! failover), so this turns it into what it is: a 503 with a retry hint, in the shape the
//! caller reads (the `AppError` JSON for a script, a short page for a browser).
//!
//! Our own handlers never answer an empty 500: server functions carry a `serverfnerror`
//! body and pages are rendered HTML.

use super::error_status::RETRY_AFTER;
use crate::error::AppError;
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};

pub async fn session_trouble_is_unavailable(request: Request, next: Next) -> Response {
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    tracing::warn!("the session store is out of reach; answered 503");
    let message = AppError::Busy.to_string();
    let (content_type, body) = if wants_html {
        (
            "text/html; charset=utf-8",
            format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pollstr: busy</title></head><body><h1>Busy</h1><p>{message}</p></body></html>"),
        )
    } else {
        (
            "application/json",
            serde_json::to_string(&AppError::Busy).unwrap_or_default(),
        )
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::RETRY_AFTER, RETRY_AFTER);
    response
}
