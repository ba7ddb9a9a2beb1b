//! What every handler and server function shares, provided to server functions as context.

use super::clock::Clock;
use crate::{
    error::AppError,
    two_factor::throttle::ThrottleLimits,
    verify::{StartOptions, VerifyClient},
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::AnyPool;
use std::time::Duration;

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
    if is_busy(&error) {
        tracing::warn!(%error, "{context}: the database is busy");
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

/// The database is there but could not take this request in time (locked past the busy
/// timeout, or no free connection): worth a "try again" rather than an error page.
fn is_busy(error: &(dyn std::error::Error + 'static)) -> bool {
    match error.downcast_ref::<sqlx::Error>() {
        Some(sqlx::Error::PoolTimedOut) => true,
        Some(sqlx::Error::Database(db)) => {
            // SQLite BUSY / LOCKED (and their extended codes); PostgreSQL lock or statement timeout.
            let code = db.code().unwrap_or_default();
            matches!(
                code.as_ref(),
                "5" | "6" | "261" | "262" | "517" | "55P03" | "57014"
            ) || db.message().contains("database is locked")
        }
        _ => false,
    }
}
