//! (ssr) What every way of logging in ends with.

use super::backend::User;
use crate::{
    domain::NextPath,
    error::AppError,
    server::state::internal_error,
    two_factor::{guard::auth_session, state as two_factor_state},
};

/// Passwords longer than this are refused before hashing; sign-up allows 128 characters.
pub const MAX_LOGIN_PASSWORD_BYTES: usize = 1024;

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
