//! (ssr) The confirmed phone number on the account, and the phone epoch that guards it.
//!
//! Setting or changing the number raises `phone_epoch` in the same statement, and each write
//! is a compare-and-set on the epoch the pending request started in: a request from before
//! the account's number moved cannot confirm anything, however the requests interleave.

use sqlx::AnyPool;

/// How a compare-and-set on the account's number ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneWrite {
    Done,
    /// Another account holds the number: the UNIQUE constraint is the final word.
    Taken,
    /// The account's number moved since the request started.
    Stale,
}

pub async fn fetch_user_id_by_phone(db: &AnyPool, e164: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE phone_number = $1")
        .bind(e164)
        .fetch_optional(db)
        .await
}

/// Sets the user's first confirmed number, if they still have none in `epoch`.
pub async fn record_confirmed_phone(
    db: &AnyPool,
    user_id: i64,
    e164: &str,
    epoch: i64,
) -> Result<PhoneWrite, sqlx::Error> {
    set_phone(
        db,
        "UPDATE users SET phone_number = $1, phone_epoch = phone_epoch + 1 \
         WHERE id = $2 AND phone_epoch = $3 AND phone_number IS NULL",
        user_id,
        e164,
        epoch,
    )
    .await
}

/// Replaces the user's confirmed number, if neither it nor the sessions have moved since the
/// request started (`epoch`, `session_epoch`), and signs out every other session of the
/// account (their auth hash holds the old session epoch). A session signed out meanwhile (by
/// "sign out other sessions") cannot change the number.
pub async fn replace_confirmed_phone(
    db: &AnyPool,
    user_id: i64,
    e164: &str,
    epoch: i64,
    session_epoch: i64,
) -> Result<PhoneWrite, sqlx::Error> {
    let written = sqlx::query(
        "UPDATE users SET phone_number = $1, phone_epoch = phone_epoch + 1, \
         session_epoch = session_epoch + 1 WHERE id = $2 AND phone_epoch = $3 AND session_epoch = $4",
    )
    .bind(e164)
    .bind(user_id)
    .bind(epoch)
    .bind(session_epoch)
    .execute(db)
    .await;
    written_as(written)
}

/// True when the account still has `e164` as its number, unmoved since `epoch`.
pub async fn phone_still_confirmed(
    db: &AnyPool,
    user_id: i64,
    e164: &str,
    epoch: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE id = $1 AND phone_number = $2 AND phone_epoch = $3",
    )
    .bind(user_id)
    .bind(e164)
    .bind(epoch)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

async fn set_phone(
    db: &AnyPool,
    sql: &str,
    user_id: i64,
    e164: &str,
    epoch: i64,
) -> Result<PhoneWrite, sqlx::Error> {
    let written = sqlx::query(sql)
        .bind(e164)
        .bind(user_id)
        .bind(epoch)
        .execute(db)
        .await;
    written_as(written)
}

fn written_as(
    written: Result<sqlx::any::AnyQueryResult, sqlx::Error>,
) -> Result<PhoneWrite, sqlx::Error> {
    match written {
        Ok(done) if done.rows_affected() == 1 => Ok(PhoneWrite::Done),
        Ok(_) => Ok(PhoneWrite::Stale),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(PhoneWrite::Taken),
        Err(e) => Err(e),
    }
}
