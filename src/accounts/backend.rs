//! The axum-login backend: how a session's user id becomes a user, and how a login is checked.

use super::{db, password_hash};
use crate::{
    error::internal_error,
    server::{kept_rows::KeptRows, password_work::PasswordWork, request_rows::may_use_kept_rows},
};
use axum_login::{AuthUser, AuthnBackend};
use sqlx::AnyPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct User {
    pub id: i64,
    pub username: String,
    /// The confirmed number, E.164.
    pub phone_number: Option<String>,
    /// Raised each time the confirmed number is set or changed (see `two_factor::pending`).
    pub phone_epoch: i64,
    /// Raised to sign out every session of the account; part of the auth hash.
    pub session_epoch: i64,
    /// May hide or delete any poll; read with the user, so a revocation counts on the next
    /// request that changes anything (a page may show the old rights for the rest of the
    /// second when `pollstr admin` made the change on SQLite, see `request_rows`).
    pub is_moderator: bool,
    /// The password hash and the session epoch: what a session is bound to.
    session_auth_hash: Vec<u8>,
}

impl From<db::UserRow> for User {
    fn from(row: db::UserRow) -> Self {
        let session_auth_hash = format!("{}#{}", row.password_hash, row.session_epoch).into_bytes();
        Self {
            id: row.id,
            username: row.username,
            phone_number: row.phone_number,
            phone_epoch: row.phone_epoch,
            session_epoch: row.session_epoch,
            is_moderator: row.is_moderator != 0,
            session_auth_hash,
        }
    }
}

#[cfg(test)]
impl User {
    /// A user as a unit test needs one: no session, no password.
    pub fn for_tests(id: i64, phone_number: Option<&str>, phone_epoch: i64) -> Self {
        Self {
            id,
            username: format!("user{id}"),
            phone_number: phone_number.map(str::to_owned),
            phone_epoch,
            session_epoch: 0,
            is_moderator: false,
            session_auth_hash: Vec::new(),
        }
    }
}

impl std::fmt::Debug for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl AuthUser for User {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    /// Sessions are bound to the password hash and the session epoch: changing the password,
    /// or "sign out other sessions", ends every session that holds the old value.
    fn session_auth_hash(&self) -> &[u8] {
        &self.session_auth_hash
    }
}

pub struct Credentials {
    pub username_key: String,
    pub password: String,
}

/// Each request's user as loaded this second (`server::kept_rows`): a page then costs no
/// user query. A write to a user forgets it: the code that writes holds
/// `forget_when_dropped` across the write, and on PostgreSQL every instance hears every write
/// (`server::change_listener`).
pub type KeptUsers = Arc<KeptRows<i64, User>>;

#[derive(Clone)]
pub struct AuthBackend {
    db: AnyPool,
    password_work: PasswordWork,
    kept: KeptUsers,
}

impl AuthBackend {
    pub fn new(db: AnyPool, password_work: PasswordWork, kept: KeptUsers) -> Self {
        Self {
            db,
            password_work,
            kept,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("the user store failed")]
    Store,
    /// Too many password checks at once: "busy, try again".
    #[error("too many password checks at once")]
    Busy,
}

impl AuthnBackend for AuthBackend {
    type User = User;
    type Credentials = Credentials;
    type Error = BackendError;

    async fn authenticate(&self, credentials: Credentials) -> Result<Option<User>, BackendError> {
        let row = db::fetch_user_by_username_key(&self.db, &credentials.username_key)
            .await
            .map_err(|e| {
                internal_error("loading a user to log in", e);
                BackendError::Store
            })?;
        let stored = row.as_ref().map(|r| r.password_hash.clone());
        let matches = password_hash::verify(&self.password_work, credentials.password, stored)
            .await
            .map_err(|_| BackendError::Busy)?;
        Ok(row.filter(|_| matches).map(User::from))
    }

    async fn get_user(&self, id: &i64) -> Result<Option<User>, BackendError> {
        if let Some(user) = self.kept.get(id).filter(|_| may_use_kept_rows()) {
            return Ok(Some(User::clone(&user)));
        }
        let start = self.kept.before_read();
        let row = db::fetch_user_by_id(&self.db, *id).await.map_err(|e| {
            internal_error("loading the session's user", e);
            BackendError::Store
        })?;
        Ok(row.map(|row| User::clone(&self.kept.keep(*id, start, User::from(row)))))
    }
}

pub type AuthSession = axum_login::AuthSession<AuthBackend>;
