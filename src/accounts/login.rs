//! (ssr) What every way of logging in ends with.

use super::backend::{Credentials, User};
use crate::{
    domain::{NextPath, Username},
    error::AppError,
    server::state::{internal_error, AppState},
    two_factor::{
        caller::{client_ip, throttled},
        guard::auth_session,
        state as two_factor_state,
        throttle::{self, bucket},
    },
};

/// Passwords longer than this are refused before hashing; sign-up allows 128 characters.
pub const MAX_LOGIN_PASSWORD_BYTES: usize = 1024;

/// The user these credentials belong to. Failed attempts are counted per username and per
/// client IP in the database; the answer and its cost are the same for an unknown username
/// and a wrong password.
pub async fn check_password(username: &str, password: String) -> Result<User, AppError> {
    let auth = auth_session().await?;
    let state = AppState::current()?;
    let now = state.clock.now();
    // An impossible username still goes through a full (dummy) hash check.
    let username_key = Username::parse(username)
        .map(|u| u.key())
        .unwrap_or_default();
    let ip = client_ip().await.unwrap_or_else(|| "unknown".to_owned());
    let limits = state.throttles;
    let failures = [
        (
            bucket("failed-login-account", &username_key),
            limits.failed_logins_per_account,
        ),
        (bucket("failed-login-ip", &ip), limits.failed_logins_per_ip),
    ];
    throttle::check(&state.db, &failures, now)
        .await
        .map_err(throttled)?;
    let user = if password.len() > MAX_LOGIN_PASSWORD_BYTES {
        None
    } else {
        auth.authenticate(Credentials {
            username_key,
            password,
        })
        .await
        .map_err(|e| internal_error("checking a login", e))?
    };
    match user {
        Some(user) => Ok(user),
        None => {
            throttle::record(&state.db, &failures, now)
                .await
                .map_err(|e| internal_error("counting a failed login", e))?;
            Err(AppError::InvalidCredentials)
        }
    }
}

/// Logs `user` in on a fresh session id with no 2FA state, then redirects to `next`.
pub async fn start_session(user: User, next: &str) -> Result<(), AppError> {
    let mut auth = auth_session().await?;
    two_factor_state::clear(&auth.session)
        .await
        .map_err(|e| internal_error("clearing 2FA state at login", e))?;
    auth.login(&user)
        .await
        .map_err(|e| internal_error("logging in", e))?;
    // axum-login only rotates the id when nobody was logged in; rotate on every login.
    auth.session
        .cycle_id()
        .await
        .map_err(|e| internal_error("rotating the session id", e))?;
    leptos_axum::redirect(NextPath::parse(next).as_str());
    Ok(())
}
