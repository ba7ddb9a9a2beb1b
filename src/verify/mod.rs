//! (ssr) The Nexmo/Vonage Verify API client: sends the SMS code to a phone and checks the
//! code a person types. Only the two-factor flow calls it, on the server; it never sees a
//! session or a user, only a [`PhoneNumber`], a [`RequestId`] and a [`VerificationCode`].
//!
//! Every outcome the provider can give is a [`VerifyError`] variant the caller can act on:
//! a wrong code is shown to the person, a transport failure is logged and shown as a
//! generic message. The API secret and the code never reach a log; numbers are masked.
//!
//! [`simulator`] is a faithful local Verify v1 server, used in development and tests so the
//! whole flow runs offline with no Vonage account.

mod error;
mod request_id;
pub mod simulator;
#[cfg(test)]
mod test_logs;
mod v1;

use crate::domain::{PhoneNumber, VerificationCode};
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Duration;

pub use error::{Unavailable, VerifyError};
pub use request_id::{InvalidRequestId, RequestId};

/// Where and as whom to call the Verify API.
#[derive(Debug)]
pub struct VerifySettings {
    /// `https://api.nexmo.com` in production, the simulator's address in development.
    /// A trailing slash is tolerated.
    pub base_url: String,
    pub api_key: String,
    pub api_secret: SecretString,
    /// Shown in the SMS ("Your <brand> verification code is …"); at most 18 characters.
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

    /// Asks the provider to text a 6-digit code to `number`. On success the returned id is
    /// what [`VerifyClient::check`] needs; keep it in the session, never show it.
    pub async fn start(&self, number: &PhoneNumber) -> Result<RequestId, VerifyError> {
        v1::start(&self.http, &self.settings, number).await
    }

    /// Checks the code the person typed against the running request `request_id`.
    pub async fn check(
        &self,
        request_id: &RequestId,
        code: &VerificationCode,
    ) -> Result<(), VerifyError> {
        v1::check(&self.http, &self.settings, request_id, code).await
    }
}
