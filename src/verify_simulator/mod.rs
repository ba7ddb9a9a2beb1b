//! (ssr) A faithful local Verify server, v1 and v2 on one router, so the two-factor flow
//! runs offline: in development (the app points its [`VerifyClient`](super::VerifyClient)
//! here and shows the codes on the dev inbox page), standalone ([`run_standalone`]), and in
//! tests (which skip time with [`Simulator::advance_clock`] instead of sleeping, and make it
//! misbehave with [`Simulator::inject_fault`]).
//!
//! v1: it answers start (`/verify/json`), check, search and control (`/verify/…/json`) as
//! the real API does (verify-api.md §1 and the checklist in §4): GET or POST, parameters in
//! the query, a form or a JSON body, credentials as parameters or Basic auth, always HTTP
//! 200 with a string `status` and the documented `error_text`s. Each request follows its
//! workflow's timeline of SMS and voice deliveries, with a new PIN after `pin_expiry`.
//! The XML endpoints (`/verify/xml`, `/verify/…/xml`) and PSD2 (`/verify/psd2/json`) are not
//! served: they answer 404, so a client that needs them fails loudly rather than subtly.
//!
//! v2: start, check, cancel and next_workflow under `/v2/verify` (see the `v2` module):
//! JSON and Basic auth only, real HTTP statuses and problem+json errors (§2).
//!
//! Only the app's composition root (or the `verify-sim` command) should mount it, and only in
//! simulator mode: it texts no one, and its inbox shows every code to whoever opens the page.

mod basic_auth;
mod call;
mod check;
mod clock;
mod control;
mod dev_clock;
mod faults;
mod inbox;
mod params;
mod random;
mod records;
mod search;
mod standalone;
mod start;
mod state;
mod timeline;
mod v2;
mod verification;
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

pub use faults::Fault;
pub use inbox::inbox_router;
pub use standalone::run_standalone;

/// The only key and secret the simulator accepts.
#[derive(Debug)]
pub struct SimulatorCredentials {
    pub api_key: String,
    pub api_secret: SecretString,
}

/// How a simulated code was delivered: v1's `sms` and `tts` events, v2's `sms` and
/// `voice` channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Sms,
    Voice,
}

impl Channel {
    /// `sms` or `voice`, as in the inbox's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Voice => "voice",
        }
    }

    /// For people: `SMS` or `Voice`.
    fn label(self) -> &'static str {
        match self {
            Self::Sms => "SMS",
            Self::Voice => "Voice",
        }
    }
}

/// One simulated delivery (an SMS, or a voice call reading the code), as the dev inbox
/// shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SmsMessage {
    /// E.164 with the `+`.
    pub number: String,
    pub channel: Channel,
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

    /// The v1 and v2 API routes, ready to serve or to nest.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/verify/json", get(start::handle).post(start::handle))
            .route("/verify/check/json", get(check::handle).post(check::handle))
            .route(
                "/verify/search/json",
                get(search::handle).post(search::handle),
            )
            .route(
                "/verify/control/json",
                get(control::handle).post(control::handle),
            )
            .merge(v2::routes())
            .with_state(self.clone())
    }

    /// Serves [`Simulator::router`] on `listener` until the process ends.
    pub async fn serve(&self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        axum::serve(listener, self.router()).await
    }

    /// Every SMS and voice call "made" so far, newest first.
    pub fn inbox(&self) -> Vec<SmsMessage> {
        self.state().inbox_newest_first()
    }

    /// Moves the simulated clock forward, so timelines and expiry can be tested without
    /// sleeping. The clock otherwise follows real time, so requests also move on and
    /// expire in a development session.
    pub fn advance_clock(&self, by: Duration) {
        self.state().advance_clock(by);
    }

    /// How far [`Simulator::advance_clock`] has moved the clock ahead of real time.
    pub fn clock_offset(&self) -> Duration {
        self.state().clock_offset()
    }

    /// Makes the next call concerning `number` (digits or E.164) go wrong as `fault` says,
    /// whichever API version and endpoint: a start to it (v2: a workflow with it as a
    /// `to`), or a check, control, cancel, next_workflow or search of one of its requests.
    /// Faults for one number are used up in the order they were injected. A fault comes
    /// before every other rule, credentials included: it stands for the provider failing.
    pub fn inject_fault(&self, number: &str, fault: Fault) {
        self.state().inject_fault(number, fault);
    }

    /// Tests only: stops real time, so only [`Simulator::advance_clock`] moves the clock.
    #[cfg(test)]
    fn freeze_clock(&self) {
        self.state().freeze_clock();
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
