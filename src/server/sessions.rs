//! Browser sessions: tower-sessions with its sqlx store in the same database as the app, so a
//! session survives restarts and is shared by every instance on one PostgreSQL.

use super::db::DatabaseKind;
use async_trait::async_trait;
use sqlx::{postgres::PgPoolOptions, sqlite::SqlitePoolOptions};
use time::Duration;
use tower_sessions::{
    cookie::SameSite,
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
    Expiry, SessionManagerLayer, SessionStore,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// How long an idle login lasts (the 2FA mark has its own, shorter, limit).
const IDLE_LOGIN_LIFETIME: Duration = Duration::weeks(2);

/// The sqlx session stores take a concrete pool, while the app's queries go through
/// `AnyPool`; this picks the store that matches `DATABASE_URL`.
#[derive(Debug, Clone)]
pub enum SessionBackend {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl SessionBackend {
    pub async fn connect(url: &str, kind: DatabaseKind) -> Result<Self, sqlx::Error> {
        let store = match kind {
            DatabaseKind::Sqlite => {
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect(url)
                    .await?;
                sqlx::query("PRAGMA journal_mode = WAL")
                    .execute(&pool)
                    .await?;
                let store = SqliteStore::new(pool);
                store.migrate().await?;
                Self::Sqlite(store)
            }
            DatabaseKind::Postgres => {
                let pool = PgPoolOptions::new().max_connections(8).connect(url).await?;
                let store = PostgresStore::new(pool);
                store.migrate().await?;
                Self::Postgres(store)
            }
        };
        Ok(store)
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

    /// Deletes expired sessions every hour for as long as the app runs.
    pub fn spawn_expired_session_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let result = match &store {
                Self::Sqlite(s) => {
                    s.clone()
                        .continuously_delete_expired(tokio::time::Duration::from_secs(3600))
                        .await
                }
                Self::Postgres(s) => {
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
        match self {
            Self::Sqlite(s) => s.create(record).await,
            Self::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.save(record).await,
            Self::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(s) => s.load(id).await,
            Self::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.delete(id).await,
            Self::Postgres(s) => s.delete(id).await,
        }
    }
}
