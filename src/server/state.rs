//! What every handler and server function shares, provided to server functions as context.

use super::{
    clock::Clock, metrics::Metrics, password_work::PasswordWork, sessions::SessionBackend,
    vote_turns::VoteTurns,
};
use crate::{
    accounts::backend::KeptUsers,
    error::AppError,
    polls::{live::hub::LiveHub, memo::PollMemo},
    request::throttle::ThrottleLimits,
    verify::{StartOptions, VerifyClient},
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::AnyPool;
use std::{net::IpAddr, sync::Arc, time::Duration};

/// Cloned for every request and every server function (axum's state, Leptos' context): one
/// reference count, not a clone of each of its fields (a profile put that at about 2 % of a page).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl From<Shared> for AppState {
    fn from(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What `AppState` holds.
pub struct Shared {
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
    /// The site's address for links handed out (`PUBLIC_URL`); none: each request's `Host`.
    pub public_url: Option<Arc<str>>,
    /// Served over HTTPS (`SECURE_COOKIES`): the scheme of links made from `Host`.
    pub https: bool,
    /// What `/metrics` reports.
    pub metrics: Metrics,
    /// The live results feeds and their streams.
    pub live: LiveHub,
    /// Polls as last read, for the pages of signed-in people.
    pub polls: PollMemo,
    /// Each request's user as loaded this second: whatever writes a user forgets it after.
    pub users: KeptUsers,
    /// On SQLite, the votes of this process take turns at the write lock.
    pub vote_turns: VoteTurns,
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
