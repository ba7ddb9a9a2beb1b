//! Gives server-function errors their real HTTP status.
//!
//! server_fn answers every `Err` with 500. For a JavaScript call that hides which failures
//! are the client's, and tower-sessions will not save a session on a 5xx, so a session
//! change made before an expected failure would be lost. Plain form posts are untouched:
//! they are answered with a redirect, which must stay as it is.

use crate::error::AppError;
use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::Response,
};

pub use crate::error::RETRY_AFTER;

/// The header server_fn puts on its error responses.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// An `AppError` as JSON is a few hundred bytes; anything larger is not one.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Some(status) = serde_json::from_slice::<AppError>(&bytes)
        .ok()
        .and_then(|error| StatusCode::from_u16(error.http_status()).ok())
    {
        parts.status = status;
        if status == StatusCode::SERVICE_UNAVAILABLE {
            parts.headers.insert(header::RETRY_AFTER, RETRY_AFTER);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
