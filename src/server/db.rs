//! The database: one `AnyPool` for the app's queries, chosen at run time by `DATABASE_URL`
//! (SQLite by default, PostgreSQL for more than one instance), migrated at start.

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

impl DatabaseKind {
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("DATABASE_URL must start with sqlite: or postgres:")]
    UnsupportedUrl,
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Connects and brings the schema up to date. sqlx takes a migration lock on both databases,
/// so several instances starting together migrate once.
pub async fn connect_and_migrate(
    url: &str,
    busy_timeout: Duration,
) -> Result<(AnyPool, DatabaseKind), DatabaseError> {
    let pragmas = format!(
        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
        busy_timeout.as_millis()
    );
    sqlx::any::install_default_drivers();
    let kind = DatabaseKind::of_url(url).ok_or(DatabaseError::UnsupportedUrl)?;
    let options = AnyConnectOptions::from_str(url)?.disable_statement_logging();
    let pool = AnyPoolOptions::new()
        .max_connections(match kind {
            // SQLite has one writer at a time; more connections only add lock waits.
            DatabaseKind::Sqlite => 8,
            DatabaseKind::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            let pragmas = pragmas.clone();
            Box::pin(async move {
                if kind == DatabaseKind::Sqlite {
                    // WAL lets readers run beside the writer; the busy timeout makes a writer
                    // wait for the lock instead of failing at once under concurrent votes.
                    conn.execute(pragmas.as_str()).await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    match kind {
        DatabaseKind::Sqlite => sqlx::migrate!("migrations/sqlite").run(&pool).await?,
        DatabaseKind::Postgres => sqlx::migrate!("migrations/postgres").run(&pool).await?,
    }
    Ok((pool, kind))
}

/// Now, in Unix seconds: how every table stores time.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
