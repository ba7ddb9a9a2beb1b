//! The session and login layers answer a bare, empty 500 when they cannot load or save a
//! session. When the database is out of reach for a moment (a restart, a failover) that is
//! really a 503: this checks the database and, if it does not answer, says so with a retry
//! hint, in the shape the caller reads (the `AppError` JSON for a script, a short page for a
//! browser). When the database answers, the 500 is a real fault and stays one.
//!
//! Our own handlers never answer an empty 500: server functions carry a `serverfnerror`
//! body and pages are rendered HTML.

use super::error_status::RETRY_AFTER;
use crate::error::AppError;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};
use sqlx::AnyPool;
use std::time::Duration;

/// How long the check may take: a database that cannot say `SELECT 1` in this time is not
/// serving requests either.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

pub async fn session_trouble_is_unavailable(
    State(db): State<AnyPool>,
    request: Request,
    next: Next,
) -> Response {
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
    if database_answers(&db).await {
        tracing::error!("the session or login layer failed with the database up");
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

async fn database_answers(db: &AnyPool) -> bool {
    let probe = sqlx::query("SELECT 1").execute(db);
    matches!(tokio::time::timeout(PROBE_TIMEOUT, probe).await, Ok(Ok(_)))
}
