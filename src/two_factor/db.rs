//! (ssr) The confirmed phone number on the account.

use sqlx::AnyPool;

pub async fn fetch_user_id_by_phone(db: &AnyPool, e164: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE phone_number = $1")
        .bind(e164)
        .fetch_optional(db)
        .await
}

/// Sets the user's confirmed number if they have none. `Ok(false)` when another account has
/// confirmed it meanwhile: the UNIQUE constraint is the final word, not the earlier lookup.
pub async fn record_confirmed_phone(
    db: &AnyPool,
    user_id: i64,
    e164: &str,
) -> Result<bool, sqlx::Error> {
    set_phone(
        db,
        "UPDATE users SET phone_number = $1 WHERE id = $2 AND (phone_number IS NULL OR phone_number = $1)",
        user_id,
        e164,
    )
    .await
}

/// Replaces the user's confirmed number. `Ok(false)` when another account holds the new one.
pub async fn replace_confirmed_phone(
    db: &AnyPool,
    user_id: i64,
    e164: &str,
) -> Result<bool, sqlx::Error> {
    set_phone(
        db,
        "UPDATE users SET phone_number = $1 WHERE id = $2",
        user_id,
        e164,
    )
    .await
}

async fn set_phone(db: &AnyPool, sql: &str, user_id: i64, e164: &str) -> Result<bool, sqlx::Error> {
    match sqlx::query(sql).bind(e164).bind(user_id).execute(db).await {
        Ok(done) => Ok(done.rows_affected() == 1),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}
