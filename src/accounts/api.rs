//! Server functions for accounts. Success redirects (so plain form posts work without
//! JavaScript); expected failures come back as `Err(AppError)` for the form to show.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Who is logged in, as the nav bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub username: String,
}

#[server(endpoint = "load_current_user")]
pub async fn load_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::two_factor::guard::auth_session;
    let auth = auth_session().await?;
    Ok(auth.user.map(|u| CurrentUser {
        username: u.username,
    }))
}

#[server(endpoint = "register")]
pub async fn register(
    username: String,
    password: String,
    password_again: String,
    next: String,
) -> Result<(), AppError> {
    use crate::{
        accounts::{db, login::start_session, password_hash},
        domain::{NewPassword, Username},
        error::Field,
        server::state::{internal_error, AppState},
        two_factor::{
            caller::{client_ip, ip_key, throttled},
            throttle::{self, bucket},
        },
    };
    let username =
        Username::parse(&username).map_err(|e| AppError::invalid(Field::Username, e.0))?;
    let password = NewPassword::parse(&password, &username)
        .map_err(|e| AppError::invalid(Field::Password, e.0))?;
    if password.expose() != password_again {
        return Err(AppError::invalid(
            Field::PasswordAgain,
            "The two passwords do not match.",
        ));
    }
    let state = AppState::current()?;
    let now = state.clock.now();
    // Every sign-up that gets as far as the (costly) hash counts, made or not.
    let per_ip = [(
        bucket("signup-ip", &ip_key(client_ip().await)),
        state.throttles.signups_per_ip,
    )];
    throttle::reserve(&state.db, &per_ip, now)
        .await
        .map_err(throttled)?
        .keep();
    let hash = password_hash::hash(&state.password_work, password.expose().to_owned())
        .await
        .map_err(|e| match e {
            password_hash::HashError::Busy(_) => AppError::Busy,
            failed => internal_error("hashing a new password", failed),
        })?;
    let row = db::insert_user(&state.db, &username, &hash, now)
        .await
        .map_err(|e| internal_error("inserting a user", e))?
        .ok_or(AppError::UsernameTaken)?;
    tracing::info!(user_id = row.id, "account created");
    start_session(row.into(), &next).await
}

#[server(endpoint = "login")]
pub async fn login(username: String, password: String, next: String) -> Result<(), AppError> {
    use crate::accounts::login::{check_password, start_session};
    let user = check_password(&username, password).await?;
    tracing::info!(user_id = user.id, "logged in");
    start_session(user, &next).await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::{server::state::internal_error, two_factor::guard::auth_session};
    let mut auth = auth_session().await?;
    if let Some(user) = auth
        .logout()
        .await
        .map_err(|e| internal_error("logging out", e))?
    {
        tracing::info!(user_id = user.id, "logged out");
    }
    leptos_axum::redirect("/");
    Ok(())
}
