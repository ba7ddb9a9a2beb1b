//! (ssr) Unexpected failures: logged once on the server with their whole cause chain, and
//! turned into the opaque `AppError` a person sees (`Busy` when the database is only busy or
//! briefly away, `Internal` otherwise).

use super::AppError;
use axum::http::HeaderValue;

/// How soon a 503 (busy database, provider down, a request past its time limit) is worth
/// another try, in seconds: the `Retry-After` of every one.
pub const RETRY_AFTER: HeaderValue = HeaderValue::from_static("5");

/// `.or_internal("listing polls")?` on any fallible call whose failure is not the caller's.
pub trait OrInternal<T> {
    fn or_internal(self, context: &str) -> Result<T, AppError>;
}

impl<T, E: std::error::Error + 'static> OrInternal<T> for Result<T, E> {
    fn or_internal(self, context: &str) -> Result<T, AppError> {
        self.map_err(|error| internal_error(context, error))
    }
}

/// Logs an unexpected failure once, with its whole cause chain, and turns it into the opaque
/// error a person sees.
pub fn internal_error(context: &str, error: impl std::error::Error + 'static) -> AppError {
    if let Some(reason) = temporary_database_trouble(&error) {
        tracing::warn!(%error, "{context}: the database is {reason}");
        return AppError::Busy;
    }
    tracing::error!(error = %error_chain(&error), "{context}");
    AppError::Internal
}

/// An error and its causes, "outer: inner: innermost": drivers and HTTP clients often keep
/// the reason down the chain ("error sending request": "connection refused").
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

/// Trouble that passes: the database is busy (locked past the busy timeout, no free
/// connection in time) or out of reach (a restart, a failover, a dropped connection; the pool
/// opens new connections by itself once it is back). Worth a 503 "try again", not an error.
fn temporary_database_trouble(error: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    match error.downcast_ref::<sqlx::Error>()? {
        sqlx::Error::PoolTimedOut => Some("busy"),
        sqlx::Error::Io(_) | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => {
            Some("out of reach")
        }
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            match code.as_ref() {
                // SQLite BUSY / LOCKED and their extended codes; PostgreSQL lock or statement
                // timeout.
                "5" | "6" | "261" | "262" | "517" | "55P03" | "57014" => Some("busy"),
                // PostgreSQL: too many connections, shutting down, starting up, and the
                // connection exceptions (class 08).
                "53300" | "57P01" | "57P02" | "57P03" => Some("out of reach"),
                code if code.starts_with("08") => Some("out of reach"),
                _ if db.message().contains("database is locked") => Some("busy"),
                _ => None,
            }
        }
        _ => None,
    }
}
