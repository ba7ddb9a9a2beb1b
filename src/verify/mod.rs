//! (ssr) The Nexmo/Vonage Verify API client: sends the SMS code to a phone and checks the
//! code a person types. Only the two-factor flow calls it, on the server; it never sees a
//! session or a user, only a [`PhoneNumber`], a [`RequestId`] and a [`VerificationCode`].
//!
//! Every outcome the provider can give is a [`VerifyError`] variant the caller can act on:
//! a wrong code is shown to the person, a transport failure is logged and shown as a
//! generic message. The API secret and the code never reach a log; numbers are masked.
//!
//! Beyond start and check, it can cancel a request (before "Send a new code" starts
//! another) and move it on to its next delivery ("Call me instead").
//!
//! It speaks Verify v1 or v2, as [`VerifySettings::api`] says: the app picks one at
//! start-up, and every outcome maps onto the same [`VerifyError`] variants, so the
//! two-factor flow does not know which one answered.
//!
//! Its sibling `verify_simulator` is a faithful local Verify server (v1 and v2), used in
//! development and tests so the whole flow runs offline with no Vonage account; it depends on
//! the wire facts here, never the other way round.

mod api_version;
mod error;
mod failure;
pub(crate) mod locales;
mod options;
mod request_id;
#[cfg(test)]
pub(crate) mod test_logs;
#[cfg(test)]
mod test_provider;
mod v1;
mod v2;

use crate::domain::{PhoneNumber, VerificationCode};
use secrecy::SecretString;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use api_version::{ApiVersion, V2Channel};
pub use error::{Unavailable, VerifyError};
pub use options::StartOptions;
pub use request_id::{InvalidRequestId, RequestId};

/// Where and as whom to call the Verify API, and which version of it to speak.
#[derive(Debug)]
pub struct VerifySettings {
    /// `https://api.nexmo.com` in production, the simulator's address in development.
    /// A trailing slash is tolerated.
    pub base_url: String,
    pub api_key: String,
    pub api_secret: SecretString,
    /// Shown in the SMS ("Your `<brand>` verification code is …"); at most 18 characters,
    /// and for v2 none of `/ { } : $` (it answers 422 otherwise).
    pub brand: String,
    /// For the whole call, connection included: a slow provider must not hold a form post.
    pub timeout: Duration,
    /// v1 or v2: the app picks one at start-up (`VERIFY_API`).
    pub api: ApiVersion,
    /// v2 only (v1 ignores it): 1 to 3 channels, tried in this order, each after the
    /// previous one's `channel_timeout` (or at once on [`VerifyClient::trigger_next_event`]).
    pub v2_workflow: Vec<V2Channel>,
}

/// Told of every call: its operation (`start`, `check`, `cancel`, `next_event`), how it
/// ended, and how long it took (the app's metrics).
pub type CallObserver = Arc<dyn Fn(&'static str, Result<(), &VerifyError>, Duration) + Send + Sync>;

/// A Verify client for the configured API version. Cheap to clone: the connection pool and
/// settings are shared.
#[derive(Clone)]
pub struct VerifyClient {
    http: reqwest::Client,
    settings: Arc<VerifySettings>,
    observer: Option<CallObserver>,
}

impl VerifyClient {
    /// # Panics
    /// If the TLS backend cannot be initialised, as `reqwest::Client::new` does; that is a
    /// broken build, not a run-time condition.
    pub fn new(mut settings: VerifySettings) -> Self {
        let base_url = &mut settings.base_url;
        base_url.truncate(base_url.trim_end_matches('/').len());
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            // The API never redirects; following a 307/308 would re-send the body (and the
            // credentials) wherever the Location header says.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("the rustls HTTP client builds");
        Self {
            http,
            settings: Arc::new(settings),
            observer: None,
        }
    }

    /// This client, telling `observer` of each call.
    pub fn observed_by(mut self, observer: CallObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    async fn timed<T>(
        &self,
        operation: &'static str,
        call: impl Future<Output = Result<T, VerifyError>>,
    ) -> Result<T, VerifyError> {
        let started = Instant::now();
        let result = call.await;
        if let Some(observe) = &self.observer {
            observe(operation, result.as_ref().map(|_| ()), started.elapsed());
        }
        result
    }

    /// The API version this client speaks: the audit trail writes the provider's answers
    /// in that version's words.
    pub fn api(&self) -> ApiVersion {
        self.settings.api
    }

    /// Asks the provider to text a 6-digit code to `number`, with the chosen workflow,
    /// timings or language (v1), or the configured workflow (v2). On success the returned
    /// id is what [`VerifyClient::check`] needs; keep it in the session, never show it.
    /// Options outside the documented ranges are refused as [`VerifyError::InvalidOptions`]
    /// without a call. v2 honours only `lg` (as its `locale`); see [`StartOptions`].
    pub async fn start_with(
        &self,
        number: &PhoneNumber,
        options: &StartOptions,
    ) -> Result<RequestId, VerifyError> {
        let settings = &self.settings;
        self.timed("start", async {
            match settings.api {
                ApiVersion::V1 => v1::start(&self.http, settings, number, options).await,
                ApiVersion::V2 => v2::start(&self.http, settings, number, options).await,
            }
        })
        .await
    }

    /// Checks the code the person typed against the running request `request_id`.
    pub async fn check(
        &self,
        request_id: &RequestId,
        code: &VerificationCode,
    ) -> Result<(), VerifyError> {
        let settings = &self.settings;
        self.timed("check", async {
            match settings.api {
                ApiVersion::V1 => v1::check(&self.http, settings, request_id, code).await,
                ApiVersion::V2 => v2::check(&self.http, settings, request_id, code).await,
            }
        })
        .await
    }

    /// Ends a running request, which frees its number for a new one. v1 allows it only from
    /// 30 s after the start until the second delivery attempt; otherwise
    /// [`VerifyError::ControlNotPossible`] says why.
    pub async fn cancel(&self, request_id: &RequestId) -> Result<(), VerifyError> {
        let settings = &self.settings;
        self.timed("cancel", async {
            match settings.api {
                ApiVersion::V1 => {
                    v1::control(&self.http, settings, request_id, v1::Command::Cancel).await
                }
                ApiVersion::V2 => v2::cancel(&self.http, settings, request_id).await,
            }
        })
        .await
    }

    /// Makes the next delivery attempt (an SMS or a voice call) now instead of after the
    /// wait (v2: moves on to the workflow's next channel);
    /// [`VerifyError::ControlNotPossible`] when none is left.
    pub async fn trigger_next_event(&self, request_id: &RequestId) -> Result<(), VerifyError> {
        let settings = &self.settings;
        self.timed("next_event", async {
            match settings.api {
                ApiVersion::V1 => {
                    let command = v1::Command::TriggerNextEvent;
                    v1::control(&self.http, settings, request_id, command).await
                }
                ApiVersion::V2 => v2::next_workflow(&self.http, settings, request_id).await,
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests;
