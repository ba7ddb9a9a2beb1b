//! (ssr) The Nexmo/Vonage Verify API client: sends the SMS code to a phone and checks the
//! code a person types. Only the two-factor flow calls it, on the server; it never sees a
//! session or a user, only a [`PhoneNumber`], a [`RequestId`] and a [`VerificationCode`].
//!
//! Every outcome the provider can give is a [`VerifyError`] variant the caller can act on:
//! a wrong code is shown to the person, a transport failure is logged and shown as a
//! generic message. The API secret and the code never reach a log; numbers are masked.
//!
//! Beyond start and check, it can cancel a request, move it on to its next delivery and
//! search for where it stands: the rest of Verify v1, for support tools and tests.
//!
//! [`simulator`] is a faithful local Verify v1 server, used in development and tests so the
//! whole flow runs offline with no Vonage account.

mod error;
mod locales;
mod options;
mod request_id;
pub mod simulator;
mod status;
#[cfg(test)]
mod test_logs;
mod v1;

use crate::domain::{PhoneNumber, VerificationCode};
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Duration;

pub use error::{Unavailable, VerifyError};
pub use options::StartOptions;
pub use request_id::{InvalidRequestId, RequestId};
pub use status::{EventKind, VerificationState, VerificationStatus};

/// Where and as whom to call the Verify API.
#[derive(Debug)]
pub struct VerifySettings {
    /// `https://api.nexmo.com` in production, the simulator's address in development.
    /// A trailing slash is tolerated.
    pub base_url: String,
    pub api_key: String,
    pub api_secret: SecretString,
    /// Shown in the SMS ("Your `<brand>` verification code is …"); at most 18 characters.
    pub brand: String,
    /// For the whole call, connection included: a slow provider must not hold a form post.
    pub timeout: Duration,
}

/// A Verify v1 client. Cheap to clone: the connection pool and settings are shared.
#[derive(Clone)]
pub struct VerifyClient {
    http: reqwest::Client,
    settings: Arc<VerifySettings>,
}

impl VerifyClient {
    /// # Panics
    /// If the TLS backend cannot be initialised, as `reqwest::Client::new` does; that is a
    /// broken build, not a run-time condition.
    pub fn new(mut settings: VerifySettings) -> Self {
        let trimmed = settings.base_url.trim_end_matches('/').len();
        settings.base_url.truncate(trimmed);
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            // The API never redirects; following a 307/308 would re-send the form, secret
            // included, wherever the Location header says.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("the rustls HTTP client builds");
        Self {
            http,
            settings: Arc::new(settings),
        }
    }

    /// Asks the provider to text a 6-digit code to `number`, with the provider's default
    /// workflow and timings. On success the returned id is what [`VerifyClient::check`]
    /// needs; keep it in the session, never show it.
    pub async fn start(&self, number: &PhoneNumber) -> Result<RequestId, VerifyError> {
        self.start_with(number, &StartOptions::default()).await
    }

    /// [`VerifyClient::start`] with a chosen workflow, timings or language. Options outside
    /// the documented ranges are refused as [`VerifyError::InvalidOptions`] without a call.
    pub async fn start_with(
        &self,
        number: &PhoneNumber,
        options: &StartOptions,
    ) -> Result<RequestId, VerifyError> {
        v1::start(&self.http, &self.settings, number, options).await
    }

    /// Checks the code the person typed against the running request `request_id`.
    pub async fn check(
        &self,
        request_id: &RequestId,
        code: &VerificationCode,
    ) -> Result<(), VerifyError> {
        v1::check(&self.http, &self.settings, request_id, code).await
    }

    /// Ends a running request, which frees its number for a new one. The provider allows it
    /// only from 30 s after the start until the second delivery attempt; otherwise
    /// [`VerifyError::ControlNotPossible`] says why.
    pub async fn cancel(&self, request_id: &RequestId) -> Result<(), VerifyError> {
        v1::control(&self.http, &self.settings, request_id, v1::Command::Cancel).await
    }

    /// Makes the next delivery attempt (an SMS or a voice call) now instead of after the
    /// wait; [`VerifyError::ControlNotPossible`] when none is left.
    pub async fn trigger_next_event(&self, request_id: &RequestId) -> Result<(), VerifyError> {
        let command = v1::Command::TriggerNextEvent;
        v1::control(&self.http, &self.settings, request_id, command).await
    }

    /// Where the request stands. A request the provider does not know (or, just after it
    /// finished, does not know yet) is [`VerifyError::RequestNotFound`].
    pub async fn search(&self, request_id: &RequestId) -> Result<VerificationStatus, VerifyError> {
        v1::search(&self.http, &self.settings, request_id).await
    }
}
