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
pub fn internal_error(context: &str, error: impl std::error::Error) -> AppError {
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
