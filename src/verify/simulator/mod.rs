//! (ssr) A faithful local Verify v1 server, so the two-factor flow runs offline: in
//! development (the app points its [`VerifyClient`](super::VerifyClient) here and shows the
//! texted codes on the dev inbox page) and in tests (which skip time with
//! [`Simulator::advance_clock`] instead of sleeping).
//!
//! It answers `/verify/json` (start) and `/verify/check/json` (check) as the real API does:
//! GET or POST, parameters in the query, a form or a JSON body, credentials as parameters or
//! Basic auth, always HTTP 200 with a string `status` and the documented `error_text`s
//! (shared/verify-api.md §1). The XML endpoints, search, control and PSD2 are not served
//! (404) until the app needs them.
//!
//! Only the app's composition root should mount it, and only in simulator mode: it texts no
//! one, and its inbox shows every code to whoever opens the page.

mod basic_auth;
mod check;
mod clock;
mod inbox;
mod params;
mod start;
mod state;
mod wire;

#[cfg(test)]
mod tests;

use axum::routing::get;
use axum::Router;
use secrecy::SecretString;
use serde::Serialize;
use state::State;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

pub use inbox::inbox_router;

/// The only key and secret the simulator accepts.
#[derive(Debug)]
pub struct SimulatorCredentials {
    pub api_key: String,
    pub api_secret: SecretString,
}

/// One simulated SMS, as the dev inbox shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SmsMessage {
    /// E.164 with the `+`.
    pub number: String,
    pub text: String,
    pub code: String,
    /// `YYYY-MM-DD HH:MM:SS`, UTC, from the simulated clock (the format v1 uses for dates).
    pub sent_at: String,
}

/// The simulated provider. Cheap to clone: clones share one state, so the API router, the
/// inbox router and a test all see the same requests and messages.
#[derive(Clone)]
pub struct Simulator {
    credentials: Arc<SimulatorCredentials>,
    state: Arc<Mutex<State>>,
}

impl Simulator {
    pub fn new(credentials: SimulatorCredentials) -> Self {
        Self {
            credentials: Arc::new(credentials),
            state: Arc::default(),
        }
    }

    /// The v1 API routes, ready to serve or to nest.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/verify/json", get(start::handle).post(start::handle))
            .route("/verify/check/json", get(check::handle).post(check::handle))
            .with_state(self.clone())
    }

    /// Serves [`Simulator::router`] on `listener` until the process ends.
    pub async fn serve(&self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        axum::serve(listener, self.router()).await
    }

    /// Every SMS "sent" so far, newest first.
    pub fn inbox(&self) -> Vec<SmsMessage> {
        self.state().inbox_newest_first()
    }

    /// Moves the simulated clock forward, so expiry can be tested without sleeping. The
    /// clock otherwise follows real time, so requests also expire in a development session.
    pub fn advance_clock(&self, by: Duration) {
        self.state().advance_clock(by);
    }

    fn credentials(&self) -> &SimulatorCredentials {
        &self.credentials
    }

    /// Held only for a few synchronous lines, never across an `.await`. A panic while it
    /// was held cannot leave the state half-changed in a way worth refusing service over.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
