//! Browser sessions: tower-sessions with its sqlx store in the same database as the app, so a
//! session survives restarts and is shared by every instance on one PostgreSQL.

mod rows;

use super::{
    config::DatabaseSettings,
    db::{DatabaseKind, SQLITE_CACHE_PRAGMA},
    kept_rows::KeptRows,
    request_rows::may_use_kept_rows,
};
use crate::error::{AppError, OrInternal};
use async_trait::async_trait;
use sqlx::{
    postgres::{PgPool, PgPoolOptions},
    sqlite::{SqlitePool, SqlitePoolOptions},
    Executor,
};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};
use tower_sessions::{
    cookie::SameSite,
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
    Expiry, Session, SessionManagerLayer, SessionStore,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// How long an idle login lasts (the 2FA mark has its own, shorter, limit).
const IDLE_LOGIN_LIFETIME: Duration = Duration::weeks(2);

/// The sessions store, with each session's record kept for the rest of the second it was
/// loaded in (`kept_rows`): a page then costs no session query. Every write here forgets the
/// record; on PostgreSQL the other instances' writes are heard (`change_listener`).
#[derive(Clone)]
pub struct SessionBackend {
    store: Store,
    kept: KeptSessions,
}

/// The sqlx session stores take a concrete pool, while the app's queries go through
/// `AnyPool`; this picks the store that matches `DATABASE_URL`. The pool is kept beside the
/// store for `save`, which must not be the store's own (see there).
#[derive(Debug, Clone)]
enum Store {
    Sqlite(SqliteStore, SqlitePool),
    Postgres(PostgresStore, PgPool),
}

pub type KeptSessions = Arc<KeptRows<Id, Record>>;

impl std::fmt::Debug for SessionBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionBackend")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl SessionBackend {
    /// Connects the store's own pool. Call after the app's migrations: on PostgreSQL they
    /// create the session table. `kept` holds the records loaded this second.
    pub async fn connect(
        settings: &DatabaseSettings,
        kind: DatabaseKind,
        kept: KeptSessions,
    ) -> Result<Self, sqlx::Error> {
        let store = match kind {
            DatabaseKind::Sqlite => {
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(settings.connect_timeout)
                    // A file has no server that could have closed the connection (see `db`).
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(SQLITE_CACHE_PRAGMA).await?;
                            Ok(())
                        })
                    })
                    .connect(&settings.url)
                    .await?;
                sqlx::query("PRAGMA journal_mode = WAL")
                    .execute(&pool)
                    .await?;
                let store = SqliteStore::new(pool.clone());
                store.migrate().await?;
                Store::Sqlite(store, pool)
            }
            DatabaseKind::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(settings.connect_timeout)
                    .test_before_acquire(true)
                    .connect(&settings.url)
                    .await?;
                Store::Postgres(PostgresStore::new(pool.clone()), pool)
            }
        };
        Ok(Self { store, kept })
    }

    /// The store pool's connections, for `/metrics`.
    pub fn report_pool(&self, metrics: &super::metrics::Metrics) {
        match &self.store {
            Store::Sqlite(_, pool) => metrics.pool("sessions", pool),
            Store::Postgres(_, pool) => metrics.pool("sessions", pool),
        }
    }

    /// The session layer: HttpOnly, SameSite=Lax, Secure when served over HTTPS. Over HTTPS
    /// the name has the `__Host-` prefix: browsers then refuse the cookie unless it is Secure,
    /// host-only and for `/`, so a sibling subdomain cannot plant one.
    pub fn layer(self, secure: bool) -> SessionManagerLayer<Self> {
        SessionManagerLayer::new(self)
            .with_name(if secure {
                "__Host-pollstr_session"
            } else {
                "pollstr_session"
            })
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_secure(secure)
            .with_path("/")
            .with_expiry(Expiry::OnInactivity(IDLE_LOGIN_LIFETIME))
    }

    /// Gives a logged-in session a new id, keeping its data, unless the session ended (a
    /// logout) while this request was running: then it stays ended (its data is cleared, so
    /// nothing is saved and the cookie names a row that no longer exists). tower-sessions'
    /// own `cycle_id` deletes the old row at once and creates the new one at the end of the
    /// request whether or not the old row was still there, which would bring a logged-out
    /// session back under a new id; here that delete is what tells. Call it last: nothing is
    /// saved on a 5xx, so an error after the delete would log the person out.
    pub async fn rotate_id(&self, session: &Session) -> Result<(), AppError> {
        if let Some(old_id) = session.id() {
            let existed = self
                .delete_existing(&old_id)
                .await
                .or_internal("ending the old session id")?;
            if !existed {
                session.clear().await;
                tracing::info!("the session ended while this request ran; it stays ended");
                return Err(AppError::NotLoggedIn);
            }
        }
        session
            .cycle_id()
            .await
            .or_internal("rotating the session id")
    }

    /// `NotLoggedIn` (and the session cleared) when this session's row is gone: it was logged
    /// out while this request ran. A step with lasting effects checks this before it settles
    /// anything; the rotation at its end checks again, atomically.
    pub async fn ensure_open(&self, session: &Session) -> Result<(), AppError> {
        let Some(id) = session.id() else {
            return Ok(());
        };
        let found = self
            .store
            .row_exists(&id)
            .await
            .or_internal("looking up the session")?;
        if found {
            Ok(())
        } else {
            session.clear().await;
            Err(AppError::NotLoggedIn)
        }
    }

    /// Deletes the row of `id`; true when there was one.
    async fn delete_existing(&self, id: &Id) -> Result<bool, sqlx::Error> {
        let deleted = self.forgetting(id, self.store.delete_row(id)).await?;
        Ok(deleted > 0)
    }

    /// Runs a write to the session `id`; its kept record is forgotten however the write ends
    /// (`KeptRows::forget_when_dropped`).
    async fn forgetting<T>(&self, id: &Id, write: impl std::future::Future<Output = T>) -> T {
        let _forget = self.kept.forget_when_dropped(*id);
        write.await
    }

    /// Deletes expired sessions every hour for as long as the app runs.
    pub fn spawn_expired_session_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let result = match &store.store {
                Store::Sqlite(s, _) => {
                    s.clone()
                        .continuously_delete_expired(tokio::time::Duration::from_secs(3600))
                        .await
                }
                Store::Postgres(s, _) => {
                    s.clone()
                        .continuously_delete_expired(tokio::time::Duration::from_secs(3600))
                        .await
                }
            };
            if let Err(error) = result {
                tracing::error!(%error, "expired-session cleanup stopped");
            }
        });
    }
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A new id, never loaded, so nothing is kept for it yet.
        match &self.store {
            Store::Sqlite(s, _) => s.create(record).await,
            Store::Postgres(s, _) => s.create(record).await,
        }
    }

    /// Updates a session that still exists, and never brings back one that does not. The
    /// stores' own `save` is an upsert: a slow request that read the session before a logout
    /// (or before login cycled the id) would write it back when it ends, and the old cookie
    /// would be logged in again. A new session always goes through `create`.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = rmp_serde::to_vec(record)
            .map_err(|error| session_store::Error::Encode(error.to_string()))?;
        let updated = self
            .forgetting(&record.id, self.store.update_row(record, data))
            .await;
        let updated = updated.map_err(|error| session_store::Error::Backend(error.to_string()))?;
        if updated == 0 {
            tracing::info!("a request ended after its session was gone; not saved again");
        }
        Ok(())
    }

    /// The record as the request found it, or, for a request that changes nothing, as it was
    /// loaded earlier this second (`request_rows`).
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        if let Some(record) = self.kept.get(id).filter(|_| may_use_kept_rows()) {
            // The store's own load checks the expiry in its query; a kept record is checked here.
            if record.expiry_date > OffsetDateTime::now_utc() {
                return Ok(Some(Record::clone(&record)));
            }
        }
        let start = self.kept.before_read();
        let record = match &self.store {
            Store::Sqlite(s, _) => s.load(id).await,
            Store::Postgres(s, _) => s.load(id).await,
        }?;
        if let Some(record) = &record {
            self.kept.keep(*id, start, record.clone());
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match &self.store {
            Store::Sqlite(s, _) => self.forgetting(id, s.delete(id)).await,
            Store::Postgres(s, _) => self.forgetting(id, s.delete(id)).await,
        }
    }
}
