//! Where the database is, and how long the app waits for it.

use super::{invalid, parse_number, ConfigError};
use std::time::Duration;

const DEFAULT_DATABASE_URL: &str = "sqlite://pollstr.db?mode=rwc";

#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`.
    pub url: String,
    /// SQLite: how long a write waits for the lock before the request is answered "busy".
    pub busy_timeout: Duration,
    /// Connections per instance (`None`: 8 for SQLite, 16 for PostgreSQL). On PostgreSQL the
    /// server's `max_connections` must cover every instance's pool.
    pub max_connections: Option<u32>,
    /// How long a request waits for a connection, a new one included, before it gets a 503.
    pub connect_timeout: Duration,
    /// PostgreSQL: the longest one statement may run (`statement_timeout`).
    pub statement_timeout: Duration,
}

impl DatabaseSettings {
    /// The defaults for `url`.
    pub fn for_url(url: &str) -> Self {
        Self::from_lookup(|name| (name == "DATABASE_URL").then(|| url.to_owned()))
            .expect("the defaults are valid")
    }

    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let millis = |name: &'static str, default: u64| {
            parse_number(name, var(name), default).map(Duration::from_millis)
        };
        let max_connections = match var("DATABASE_MAX_CONNECTIONS") {
            None => None,
            Some(raw) => match raw.trim().parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return Err(invalid(
                        "DATABASE_MAX_CONNECTIONS",
                        format!("{raw:?} is not a whole number above 0"),
                    ))
                }
            },
        };
        Ok(Self {
            url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            busy_timeout: millis("DATABASE_BUSY_TIMEOUT_MS", 5000)?,
            max_connections,
            connect_timeout: millis("DATABASE_CONNECT_TIMEOUT_MS", 5000)?,
            statement_timeout: millis("DATABASE_STATEMENT_TIMEOUT_MS", 10_000)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_a_sqlite_file_and_reads_every_limit() {
        let defaults = DatabaseSettings::from_lookup(|_| None).unwrap();
        assert_eq!(defaults.url, DEFAULT_DATABASE_URL);
        assert_eq!(defaults.max_connections, None);
        let set = DatabaseSettings::from_lookup(|name| {
            Some(
                match name {
                    "DATABASE_URL" => "postgres://db/pollstr",
                    "DATABASE_MAX_CONNECTIONS" => "32",
                    _ => "1500",
                }
                .to_owned(),
            )
        })
        .unwrap();
        assert_eq!(set.max_connections, Some(32));
        assert_eq!(set.connect_timeout, Duration::from_millis(1500));
        assert_eq!(set.statement_timeout, Duration::from_millis(1500));
    }

    #[test]
    fn refuses_a_pool_of_nothing() {
        for raw in ["0", "-1", "many"] {
            let error = DatabaseSettings::from_lookup(|name| {
                (name == "DATABASE_MAX_CONNECTIONS").then(|| raw.to_owned())
            })
            .unwrap_err();
            assert!(error.to_string().contains("DATABASE_MAX_CONNECTIONS"));
        }
    }
}
