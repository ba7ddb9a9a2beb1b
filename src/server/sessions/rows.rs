//! The session rows the app reads and writes itself, beside the sqlx stores: the stores have
//! no "does it still exist", no delete that says whether it found the row, and only an
//! upsert where the app needs an update (see `SessionBackend::save`).

use super::Store;
use sqlx::Error;
use tower_sessions::session::{Id, Record};

impl Store {
    /// Whether the row of `id` is still there.
    pub(super) async fn row_exists(&self, id: &Id) -> Result<bool, Error> {
        let row = match self {
            Store::Sqlite(_, pool) => sqlx::query("SELECT 1 FROM tower_sessions WHERE id = ?")
                .bind(id.to_string())
                .fetch_optional(pool)
                .await?
                .is_some(),
            Store::Postgres(_, pool) => {
                sqlx::query(r#"SELECT 1 FROM "tower_sessions"."session" WHERE id = $1"#)
                    .bind(id.to_string())
                    .fetch_optional(pool)
                    .await?
                    .is_some()
            }
        };
        Ok(row)
    }

    /// Deletes the row of `id`; the number of rows it deleted (0 or 1).
    pub(super) async fn delete_row(&self, id: &Id) -> Result<u64, Error> {
        let deleted = match self {
            Store::Sqlite(_, pool) => sqlx::query("DELETE FROM tower_sessions WHERE id = ?")
                .bind(id.to_string())
                .execute(pool)
                .await?
                .rows_affected(),
            Store::Postgres(_, pool) => {
                sqlx::query(r#"DELETE FROM "tower_sessions"."session" WHERE id = $1"#)
                    .bind(id.to_string())
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
        };
        Ok(deleted)
    }

    /// Writes `data` into the row of `record` if it still exists; the rows it updated.
    pub(super) async fn update_row(&self, record: &Record, data: Vec<u8>) -> Result<u64, Error> {
        let updated = match self {
            Store::Sqlite(_, pool) => {
                sqlx::query("UPDATE tower_sessions SET data = ?, expiry_date = ? WHERE id = ?")
                    .bind(data)
                    .bind(record.expiry_date)
                    .bind(record.id.to_string())
                    .execute(pool)
                    .await?
                    .rows_affected()
            }
            Store::Postgres(_, pool) => sqlx::query(
                r#"UPDATE "tower_sessions"."session" SET data = $1, expiry_date = $2 WHERE id = $3"#,
            )
            .bind(data)
            .bind(record.expiry_date)
            .bind(record.id.to_string())
            .execute(pool)
            .await?
            .rows_affected(),
        };
        Ok(updated)
    }
}
