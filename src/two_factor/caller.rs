//! (ssr) Who is making a verification attempt: the user, their IP and the time, with the
//! audit and throttle helpers every attempt uses.

use super::{
    audit::{self, Action},
    throttle::ThrottleError,
};
use crate::{
    accounts::backend::User,
    domain::PhoneNumber,
    error::AppError,
    server::state::{internal_error, AppState},
    verify::RequestId,
};

/// Who is asking, for the throttles and the audit trail.
pub struct Caller {
    pub user: User,
    pub ip: Option<String>,
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
                client_ip: self.ip.clone(),
                at: self.now,
            },
        )
        .await
        .map_err(|e| internal_error("writing the audit trail", e))
    }
}

async fn client_ip() -> Option<String> {
    use axum::extract::ConnectInfo;
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

pub fn throttled(error: ThrottleError) -> AppError {
    match error {
        ThrottleError::Refused { retry_after_secs } => AppError::Throttled { retry_after_secs },
        ThrottleError::Database(e) => internal_error("counting attempts", e),
    }
}
