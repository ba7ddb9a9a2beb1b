//! (ssr) A verification attempt: the request context with its logged-in user, and what every
//! attempt counts against (the throttle buckets) and writes (the audit trail).

use super::state::TwoFactorState;
use crate::{
    accounts::backend::User,
    domain::PhoneNumber,
    error::AppError,
    request::{
        audit::{Action, Outcome},
        throttle::{bucket, Limit, Reservation},
        Request,
    },
    server::state::AppState,
    verify::{RequestId, VerifyError},
};

pub struct Attempt {
    pub request: Request,
    pub user: User,
}

impl Attempt {
    /// The current request, which must have a logged-in user.
    pub async fn current() -> Result<Self, AppError> {
        let request = Request::current().await?;
        let user = request.user()?.clone();
        Ok(Self { request, user })
    }

    pub fn now(&self) -> i64 {
        self.request.now()
    }

    pub fn state(&self) -> &AppState {
        self.request.state()
    }

    /// The Verify provider's answer, in the words of the API version the app speaks.
    pub fn provider_outcome(&self, error: &VerifyError) -> Outcome {
        Outcome::provider(error, self.state().verify.api())
    }

    /// This user's 2FA bucket in this session.
    pub fn two_factor(&self) -> TwoFactorState<'_> {
        TwoFactorState::new(self.request.session(), self.user.id)
    }

    /// What one delivery of a code to `number` counts against: the number, the account and
    /// the client's network.
    pub fn start_buckets(&self, number: &PhoneNumber) -> [(String, Limit); 3] {
        let limits = self.state().throttles;
        [
            (
                bucket("start-number", number.e164()),
                limits.starts_per_number,
            ),
            (
                bucket("start-account", &self.user.id.to_string()),
                limits.starts_per_account,
            ),
            (
                bucket("start-ip", &self.request.network_key()),
                limits.starts_per_ip,
            ),
        ]
    }

    /// What a wrong code (SMS or recovery) counts against: the account, in a window and
    /// under a hard cap.
    pub fn failed_check_buckets(&self) -> [(String, Limit); 2] {
        let limits = self.state().throttles;
        let user_id = self.user.id.to_string();
        [
            (
                bucket("failed-check-account", &user_id),
                limits.failed_checks_per_account,
            ),
            (
                bucket("failed-check-cap", &user_id),
                limits.failed_checks_cap,
            ),
        ]
    }

    /// One slot in each bucket, before the work they guard (see `Request::reserve`); a
    /// refusal is written to the audit trail under `action`.
    pub async fn reserve(
        &self,
        buckets: &[(String, Limit)],
        action: Action,
        number: Option<&PhoneNumber>,
        request_id: Option<&RequestId>,
    ) -> Result<Reservation, AppError> {
        let reserved = self.request.reserve(buckets).await;
        if let Err(AppError::Throttled { .. }) = &reserved {
            self.audit(action, number, request_id, &Outcome::Throttled)
                .await?;
        }
        reserved
    }

    /// Writes one row of the audit trail for this attempt.
    pub async fn audit(
        &self,
        action: Action,
        number: Option<&PhoneNumber>,
        request_id: Option<&RequestId>,
        outcome: &Outcome,
    ) -> Result<(), AppError> {
        self.request
            .audit(self.user.id, action, number, request_id, outcome)
            .await
    }
}
