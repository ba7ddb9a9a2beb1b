//! The axum-login backend: how a session's user id becomes a user, and how a login is checked.

use super::{db, password_hash};
use crate::server::state::internal_error;
use axum_login::{AuthUser, AuthnBackend};
use sqlx::AnyPool;

#[derive(Clone)]
pub struct User {
    pub id: i64,
    pub username: String,
    /// The confirmed number, E.164.
    pub phone_number: Option<String>,
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
            session_auth_hash,
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

#[derive(Clone)]
pub struct AuthBackend {
    db: AnyPool,
}

impl AuthBackend {
    pub fn new(db: AnyPool) -> Self {
        Self { db }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the user store failed")]
pub struct BackendError;

impl AuthnBackend for AuthBackend {
    type User = User;
    type Credentials = Credentials;
    type Error = BackendError;

    async fn authenticate(&self, credentials: Credentials) -> Result<Option<User>, BackendError> {
        let row = db::fetch_user_by_username_key(&self.db, &credentials.username_key)
            .await
            .map_err(|e| {
                internal_error("loading a user to log in", e);
                BackendError
            })?;
        let stored = row.as_ref().map(|r| r.password_hash.clone());
        let matches = password_hash::verify(credentials.password, stored).await;
        Ok(row.filter(|_| matches).map(User::from))
    }

    async fn get_user(&self, id: &i64) -> Result<Option<User>, BackendError> {
        db::fetch_user_by_id(&self.db, *id)
            .await
            .map(|row| row.map(User::from))
            .map_err(|e| {
                internal_error("loading the session's user", e);
                BackendError
            })
    }
}

pub type AuthSession = axum_login::AuthSession<AuthBackend>;
