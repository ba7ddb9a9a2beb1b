//! (ssr) What every way of logging in ends with.

use super::backend::{BackendError, Credentials, User};
use crate::{
    domain::{NextPath, Username},
    error::AppError,
    server::state::{internal_error, AppState},
    two_factor::{
        caller::{client_ip, ip_key, throttled},
        guard::auth_session,
        state as two_factor_state,
        throttle::{self, bucket},
    },
};

/// Passwords longer than this are refused before hashing; sign-up allows 128 characters.
pub const MAX_LOGIN_PASSWORD_BYTES: usize = 1024;

/// The user these credentials belong to. Failed attempts are counted per username from this
/// client's network, per username from everywhere (a much higher limit, so one attacker
/// cannot lock the owner out) and per network, in the database; a slot in each is taken
/// before the password is hashed and given back when it was right. The answer and its cost
/// are the same for an unknown username and a wrong password.
pub async fn check_password(username: &str, password: String) -> Result<User, AppError> {
    let auth = auth_session().await?;
    let state = AppState::current()?;
    let now = state.clock.now();
    // An impossible username still goes through a full (dummy) hash check.
    let username_key = Username::parse(username)
        .map(|u| u.key())
        .unwrap_or_default();
    let network = ip_key(client_ip().await);
    let limits = state.throttles;
    let failures = [
        (
            bucket(
                "failed-login-account-ip",
                &format!("{username_key}\n{network}"),
            ),
            limits.failed_logins_per_account_and_ip,
        ),
        (
            bucket("failed-login-account", &username_key),
            limits.failed_logins_per_account,
        ),
        (
            bucket("failed-login-ip", &network),
            limits.failed_logins_per_ip,
        ),
    ];
    let reservation = throttle::reserve(&state.db, &failures, now)
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
        .map_err(|e| match e {
            axum_login::Error::Backend(BackendError::Busy) => AppError::Busy,
            other => internal_error("checking a login", other),
        })?
    };
    match user {
        Some(user) => {
            reservation
                .release(&state.db)
                .await
                .map_err(|e| internal_error("giving back a login's throttle slots", e))?;
            Ok(user)
        }
        None => Err(AppError::InvalidCredentials),
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
