//! (ssr) Who is making a verification attempt: the user, their IP and the time, with the
//! audit and throttle helpers every attempt uses.

use super::{
    audit::{self, Action},
    throttle::{bucket, Limit, ThrottleError},
};
use crate::{
    accounts::backend::User,
    domain::PhoneNumber,
    error::AppError,
    server::{
        client_ip::network_key,
        state::{internal_error, AppState},
    },
    verify::RequestId,
};
use std::net::IpAddr;

/// Who is asking, for the throttles and the audit trail.
pub struct Caller {
    pub user: User,
    pub ip: Option<IpAddr>,
    pub now: i64,
}

impl Caller {
    pub async fn new(user: User, state: &AppState) -> Self {
        Self {
            user,
            ip: client_ip().await,
            now: state.clock.now(),
        }
    }

    /// What one delivery of a code to `number` counts against: the number, the account and
    /// the client IP.
    pub fn start_buckets(&self, state: &AppState, number: &PhoneNumber) -> [(String, Limit); 3] {
        let limits = state.throttles;
        [
            (
                bucket("start-number", number.e164()),
                limits.starts_per_number,
            ),
            (
                bucket("start-account", &self.user.id.to_string()),
                limits.starts_per_account,
            ),
            (bucket("start-ip", &ip_key(self.ip)), limits.starts_per_ip),
        ]
    }

    /// What a wrong code (SMS or recovery) counts against: the account, in a window and
    /// under a hard cap.
    pub fn failed_check_buckets(&self, state: &AppState) -> [(String, Limit); 2] {
        let limits = state.throttles;
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

    /// Writes one row of the audit trail for this caller.
    pub async fn audit(
        &self,
        state: &AppState,
        action: Action,
        number: Option<&PhoneNumber>,
        request_id: Option<&RequestId>,
        outcome: &str,
    ) -> Result<(), AppError> {
        audit::record(
            &state.db,
            audit::Event {
                user_id: self.user.id,
                masked_number: number.map(PhoneNumber::masked),
                request_id,
                action,
                outcome,
                client_ip: self.ip.map(|ip| ip.to_string()),
                at: self.now,
            },
        )
        .await
        .map_err(|e| internal_error("writing the audit trail", e))
    }
}

/// The client's address: the socket peer, or, behind one of `TRUSTED_PROXIES`, the address
/// the proxy saw (`server::client_ip`).
pub async fn client_ip() -> Option<IpAddr> {
    use axum::{extract::ConnectInfo, http::HeaderMap};
    let ConnectInfo(peer) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()?;
    let headers: HeaderMap = leptos_axum::extract().await.ok()?;
    let forwarded_for: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    let trusted = AppState::current().ok()?.trusted_proxies;
    Some(crate::server::client_ip::client_ip(
        peer.ip(),
        &forwarded_for,
        &trusted,
    ))
}

/// The key a per-IP bucket counts by: the client's network (see `network_key`).
pub fn ip_key(ip: Option<IpAddr>) -> String {
    ip.map_or_else(|| "unknown".to_owned(), network_key)
}

pub fn throttled(error: ThrottleError) -> AppError {
    match error {
        ThrottleError::Refused { retry_after_secs } => AppError::Throttled { retry_after_secs },
        ThrottleError::Database(e) => internal_error("counting attempts", e),
    }
}
