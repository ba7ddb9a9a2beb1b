//! (ssr) Checking a password, and what every way of logging in ends with.

use super::{
    backend::{BackendError, Credentials, User},
    db,
};
use crate::{
    domain::{NextPath, Username},
    error::{AppError, OrInternal},
    request::{throttle::bucket, Request},
};

/// Passwords longer than this are refused before hashing; sign-up allows 128 characters.
pub const MAX_LOGIN_PASSWORD_BYTES: usize = 1024;

/// The user these credentials belong to. Failed attempts are counted per username from this
/// client's network, per username from everywhere (a much higher limit, so one attacker
/// cannot lock the owner out) and per network, in the database; a slot in each is taken
/// before the password is hashed and given back when it was right. The answer and its cost
/// are the same for an unknown username and a wrong password.
pub async fn check_password(
    request: &Request,
    username: &str,
    password: String,
) -> Result<User, AppError> {
    // An impossible username still goes through a full (dummy) hash check.
    let username_key = Username::parse(username)
        .map(|u| u.key())
        .unwrap_or_default();
    let network = request.network_key();
    let limits = request.state().throttles;
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
    let reservation = request.reserve(&failures).await?;
    let checked = if password.len() > MAX_LOGIN_PASSWORD_BYTES {
        Ok(None)
    } else {
        request
            .auth()
            .authenticate(Credentials {
                username_key,
                password,
            })
            .await
    };
    match checked {
        Ok(Some(user)) => {
            request.release(reservation).await;
            Ok(user)
        }
        Ok(None) => {
            reservation.keep();
            Err(AppError::InvalidCredentials)
        }
        // No password was compared ("busy", or the store failed): not a failed login.
        Err(error) => {
            request.release(reservation).await;
            Err(match error {
                axum_login::Error::Backend(BackendError::Busy) => AppError::Busy,
                other => crate::error::internal_error("checking a login", other),
            })
        }
    }
}

/// Logs `user` in on a fresh session id with nothing left from before (no 2FA state, no
/// other user's data), then redirects to `next`.
pub async fn start_session(request: &mut Request, user: User, next: &str) -> Result<(), AppError> {
    request.session().clear().await;
    let auth = request.auth_mut();
    auth.login(&user).await.or_internal("logging in")?;
    // axum-login only rotates the id when nobody was logged in; rotate on every login.
    auth.session
        .cycle_id()
        .await
        .or_internal("rotating the session id")?;
    leptos_axum::redirect(NextPath::parse(next).as_str());
    Ok(())
}

/// Stores the account's current auth hash in this session, so it alone survives a change that
/// signed out the others (a new number, "sign out other sessions").
pub async fn refresh_login(request: &mut Request) -> Result<(), AppError> {
    let user_id = request.user()?.id;
    let refreshed: User = db::fetch_user_by_id(request.db(), user_id)
        .await
        .or_internal("reloading a user")?
        .ok_or(AppError::NotLoggedIn)?
        .into();
    request
        .auth_mut()
        .login(&refreshed)
        .await
        .or_internal("refreshing this session")
}
