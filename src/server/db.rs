//! The database: one `AnyPool` for the app's queries, chosen at run time by `DATABASE_URL`
//! (SQLite by default, PostgreSQL for more than one instance), migrated at start.

use super::config::DatabaseSettings;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection, Executor};
use std::str::FromStr;

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

/// Each SQLite connection keeps its own page cache, 2 MB by default: with the app's and the
/// session store's pools that is up to 24 MB of the server's memory holding what the kernel's
/// file cache holds anyway (docs/performance.md). 1 MiB each keeps the hot index pages.
pub const SQLITE_CACHE_PRAGMA: &str = "PRAGMA cache_size = -1024;";

/// The app's SQLite connections: two per core, at least 4.
fn sqlite_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u32);
    (2 * cores).max(4)
}

/// Connects and brings the schema up to date. On PostgreSQL sqlx holds an advisory lock
/// while it migrates, so several instances starting together migrate once; on SQLite there is
/// one machine, and the database's write lock does the same.
pub async fn connect_and_migrate(
    settings: &DatabaseSettings,
) -> Result<(AnyPool, DatabaseKind), DatabaseError> {
    sqlx::any::install_default_drivers();
    let kind = DatabaseKind::of_url(&settings.url).ok_or(DatabaseError::UnsupportedUrl)?;
    let session_setup = match kind {
        // WAL lets readers run beside the writer; the busy timeout makes a writer wait for
        // the lock instead of failing at once under concurrent votes.
        DatabaseKind::Sqlite => format!(
            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; {SQLITE_CACHE_PRAGMA}",
            settings.busy_timeout.as_millis()
        ),
        // A runaway statement ends with an error instead of holding a connection forever.
        DatabaseKind::Postgres => format!(
            "SET statement_timeout = {}",
            settings.statement_timeout.as_millis()
        ),
    };
    let options = AnyConnectOptions::from_str(&settings.url)?.disable_statement_logging();
    let pool = AnyPoolOptions::new()
        .max_connections(settings.max_connections.unwrap_or(match kind {
            // SQLite has one writer at a time, and each connection is a thread with a page
            // cache of its own: two per core read in parallel, more only add memory (8 cost
            // 3 MB more than 4 under `make bench`'s load, at the same rates).
            DatabaseKind::Sqlite => sqlite_connections(),
            DatabaseKind::Postgres => 16,
        }))
        .acquire_timeout(settings.connect_timeout)
        // A PostgreSQL connection is checked before use, so one the server closed (a restart,
        // a failover) is replaced instead of failing a request. A SQLite file has no server
        // to close it, and the check is one more round trip to the connection's thread.
        .test_before_acquire(kind == DatabaseKind::Postgres)
        .after_connect(move |conn, _meta| {
            let session_setup = session_setup.clone();
            Box::pin(async move {
                conn.execute(session_setup.as_str()).await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    // On a connection of its own, without the statement timeout: waiting for another
    // instance's migration, or a long one, must not fail the start.
    let mut migrating = AnyConnection::connect(&settings.url).await?;
    match kind {
        DatabaseKind::Sqlite => {
            sqlx::migrate!("migrations/sqlite")
                .run(&mut migrating)
                .await?
        }
        DatabaseKind::Postgres => {
            sqlx::migrate!("migrations/postgres")
                .run(&mut migrating)
                .await?
        }
    }
    migrating.close().await?;
    Ok((pool, kind))
}

/// Start-up data work (filling in new columns, loading the demo) done by one instance at a
/// time: on PostgreSQL a session advisory lock, held on a connection of its own (outside the
/// pool, so no statement timeout cuts the wait short, and closing it releases the lock
/// whatever happens); on SQLite there is one instance.
pub struct StartupLock(Option<AnyConnection>);

/// Any fixed number: the advisory lock's name.
const STARTUP_LOCK_KEY: i64 = 0x706f_6c6c_7374;

impl StartupLock {
    pub async fn take(
        settings: &DatabaseSettings,
        kind: DatabaseKind,
    ) -> Result<Self, sqlx::Error> {
        if kind == DatabaseKind::Sqlite {
            return Ok(Self(None));
        }
        let mut connection = AnyConnection::connect(&settings.url).await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(STARTUP_LOCK_KEY)
            .execute(&mut connection)
            .await?;
        Ok(Self(Some(connection)))
    }

    pub async fn release(self) -> Result<(), sqlx::Error> {
        match self.0 {
            Some(connection) => connection.close().await,
            None => Ok(()),
        }
    }
}

/// Now, in Unix seconds: how every table stores time.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
