//! What every handler and server function shares, provided to server functions as context.

use super::{clock::Clock, password_work::PasswordWork, sessions::SessionBackend};
use crate::{
    error::AppError,
    two_factor::throttle::ThrottleLimits,
    verify::{StartOptions, VerifyClient},
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::AnyPool;
use std::{net::IpAddr, sync::Arc, time::Duration};

#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub db: AnyPool,
    pub verify: VerifyClient,
    pub two_factor_max_age: Duration,
    pub throttles: ThrottleLimits,
    /// How codes are delivered (v1 workflow and timings, language).
    pub start_options: StartOptions,
    pub clock: Clock,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Arc<[IpAddr]>,
    /// The session store, for rotations that must not outlive a logout.
    pub sessions: SessionBackend,
    /// Where password hashes run: a bounded number at once, with a bounded queue.
    pub password_work: PasswordWork,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// The state inside a server function (leptos_axum provides the router state as context).
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>().ok_or_else(|| {
            tracing::error!("AppState missing from the server function context");
            AppError::Internal
        })
    }
}

/// Logs an unexpected failure once, with its whole cause chain, and turns it into the opaque
/// error a person sees.
pub fn internal_error(context: &str, error: impl std::error::Error + 'static) -> AppError {
    if let Some(reason) = temporary_database_trouble(&error) {
        tracing::warn!(%error, "{context}: the database is {reason}");
        return AppError::Busy;
    }
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    tracing::error!(error = %chain, "{context}");
    AppError::Internal
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
