//! The checks server functions call first: logged in, and this session verified for that user.
//! Pages redirect on these errors, but the server functions are what enforce them.

use super::state::TwoFactorState;
use crate::{
    accounts::backend::{AuthSession, User},
    error::AppError,
    server::state::{internal_error, AppState},
};

/// The caller's auth session, from the request.
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|e| internal_error("auth session missing", e))
}

/// The logged-in user, or `NotLoggedIn`.
pub async fn require_user() -> Result<(AuthSession, User), AppError> {
    let auth = auth_session().await?;
    match auth.user.clone() {
        Some(user) => Ok((auth, user)),
        None => Err(AppError::NotLoggedIn),
    }
}

/// The logged-in user whose session is verified, or `NotLoggedIn` / `NotVerified`.
pub async fn require_verified_user() -> Result<User, AppError> {
    let (auth, user) = require_user().await?;
    let state = AppState::current()?;
    let verified = TwoFactorState::new(&auth.session, user.id)
        .is_verified(state.two_factor_max_age, state.clock.now())
        .await
        .map_err(|e| internal_error("reading the 2FA session state", e))?;
    if verified {
        Ok(user)
    } else {
        Err(AppError::NotVerified)
    }
}
