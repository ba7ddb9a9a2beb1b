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
    let request = crate::request::Request::current().await?;
    Ok(request.signed_in().map(|u| CurrentUser {
        username: u.username.clone(),
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
        components::kept_fields::KeptFields,
        domain::{NewPassword, Username},
        error::{Field, OrInternal},
        request::{throttle::bucket, Request},
    };
    let mut request = Request::current().await?;
    let created = async {
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
        // Every sign-up that gets as far as the (costly) hash counts, made or not.
        let per_network = [(
            bucket("signup-ip", &request.network_key()),
            request.state().throttles.signups_per_ip,
        )];
        request.reserve(&per_network).await?.keep();
        let hash =
            password_hash::hash(&request.state().password_work, password.expose().to_owned())
                .await
                .map_err(|e| match e {
                    password_hash::HashError::Busy(_) => AppError::Busy,
                    failed => crate::error::internal_error("hashing a new password", failed),
                })?;
        db::insert_user(request.db(), &username, &hash, request.now())
            .await
            .or_internal("inserting a user")?
            .ok_or(AppError::UsernameTaken)
    }
    .await;
    // The name stays on the form; the passwords do not.
    let kept = || KeptFields::of(&[("username", &username)]);
    let row = request.kept_if_refused("register", kept, created).await?;
    tracing::info!(user_id = row.id, "account created");
    start_session(&mut request, row.into(), &next).await
}

#[server(endpoint = "login")]
pub async fn login(username: String, password: String, next: String) -> Result<(), AppError> {
    use crate::{
        accounts::login::{check_password, start_session},
        components::kept_fields::KeptFields,
        request::Request,
    };
    let mut request = Request::current().await?;
    let checked = check_password(&request, &username, password).await;
    let kept = || KeptFields::of(&[("username", &username)]);
    let user = request.kept_if_refused("login", kept, checked).await?;
    tracing::info!(user_id = user.id, "logged in");
    start_session(&mut request, user, &next).await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::{error::OrInternal, request::Request};
    let mut request = Request::current().await?;
    if let Some(user) = request
        .auth_mut()
        .logout()
        .await
        .or_internal("logging out")?
    {
        tracing::info!(user_id = user.id, "logged out");
    }
    leptos_axum::redirect("/");
    Ok(())
}
