//! Account rows.

use crate::domain::Username;
use sqlx::{AnyPool, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub phone_number: Option<String>,
    pub phone_epoch: i64,
    pub session_epoch: i64,
    /// 1 for a moderator (`pollstr admin grant-moderator`).
    pub is_moderator: i64,
}

const USER_COLUMNS: &str =
    "id, username, password_hash, phone_number, phone_epoch, session_epoch, is_moderator";

pub async fn fetch_user_by_id(db: &AnyPool, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn fetch_user_by_username_key(
    db: &AnyPool,
    key: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE username_key = $1"
    ))
    .bind(key)
    .fetch_optional(db)
    .await
}

/// Inserts a user; `Ok(None)` when the username (ignoring case) is taken or looks like one
/// that is. The UNIQUE constraints decide, so two sign-ups racing for one name cannot both win.
pub async fn insert_user(
    db: &AnyPool,
    username: &Username,
    password_hash: &str,
    now: i64,
) -> Result<Option<UserRow>, sqlx::Error> {
    let inserted = sqlx::query_as(&format!(
        "INSERT INTO users (username, username_key, username_skeleton, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING {USER_COLUMNS}"
    ))
    .bind(username.as_str())
    .bind(username.key())
    .bind(username.skeleton())
    .bind(password_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(inserted)
}

/// Invalidates every session of the user (their auth hash changes), if the epoch is still
/// `from`: a session that was itself signed out meanwhile cannot sign out the one that did it.
/// `Ok(false)` when it moved.
pub async fn bump_session_epoch(
    db: &AnyPool,
    user_id: i64,
    from: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1 AND session_epoch = $2",
    )
    .bind(user_id)
    .bind(from)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes the user a moderator, or not: `false` when there is no such user.
pub async fn set_moderator(
    db: &AnyPool,
    username_key: &str,
    moderator: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE users SET is_moderator = $1 WHERE username_key = $2")
        .bind(i64::from(moderator))
        .bind(username_key)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}
