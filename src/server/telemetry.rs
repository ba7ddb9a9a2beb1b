//! Logging: one line per event on stdout, filtered by `RUST_LOG` (default: info), as text or
//! as JSON with `LOG_FORMAT=json`. Every line of a request carries its `request_id`, which
//! the response also returns in `x-request-id`.

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use tracing::Span;
use tracing_subscriber::{fmt, EnvFilter};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn,axum_login=warn"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    // A second init (several apps in one test process) is harmless, so its error is ignored.
    let _ = if json {
        fmt()
            .json()
            .with_env_filter(filter)
            .with_target(false)
            .try_init()
    } else {
        fmt().with_env_filter(filter).with_target(false).try_init()
    };
    // A panic is logged once, as a log line like any other (in JSON too), with its message
    // and location; a request's panic is then answered by `resilience::panic_response`.
    std::panic::set_hook(Box::new(|panic| {
        tracing::error!(%panic, "panicked");
    }));
}

/// Gives each request a fresh id (an incoming one is not trusted) for its log lines and its
/// response.
pub async fn assign_request_id(mut request: Request, next: Next) -> Response {
    use rand::Rng;
    let id = format!("{:016x}", rand::thread_rng().gen::<u64>());
    let value = HeaderValue::from_str(&id).unwrap_or(HeaderValue::from_static("-"));
    request.headers_mut().insert(REQUEST_ID, value.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// The span every log line of a request sits in: its id, method and path (never the query,
/// which can carry a `next` or other input).
pub fn request_span(request: &Request) -> Span {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
}
