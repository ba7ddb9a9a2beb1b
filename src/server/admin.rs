//! (ssr) `pollstr admin …`: what an operator does from the command line, on the database
//! `DATABASE_URL` names (migrated first, as the app would).
//!
//! - `grant-moderator USERNAME`, `revoke-moderator USERNAME`: a moderator may hide or delete
//!   any poll. Each is written to `moderation_events` as done by "command line".
//! - `recount`: the vote counters recomputed from the votes; says whether they differed.

use super::{config::DatabaseSettings, db::connect_and_migrate};
use crate::{
    accounts,
    domain::Username,
    polls::{counters::recount, moderation::db::record},
};
use sqlx::AnyPool;

pub const USAGE: &str = "pollstr admin grant-moderator USERNAME\n       \
     pollstr admin revoke-moderator USERNAME\n       pollstr admin recount";

/// Carries out the command; the sentence to print, or why it could not be done.
pub async fn run(args: &[String]) -> Result<String, String> {
    match args {
        [command, username] if command == "grant-moderator" => {
            set_moderator(&database().await?, username, true).await
        }
        [command, username] if command == "revoke-moderator" => {
            set_moderator(&database().await?, username, false).await
        }
        [command] if command == "recount" => recount(&database().await?)
            .await
            .map(|found| found.summary())
            .map_err(|e| format!("database: {e}")),
        _ => Err(format!("usage: {USAGE}")),
    }
}

/// The database `DATABASE_URL` names, migrated.
async fn database() -> Result<AnyPool, String> {
    let settings = DatabaseSettings::from_lookup(|name| std::env::var(name).ok())
        .map_err(|e| format!("configuration: {e}"))?;
    let (db, _) = connect_and_migrate(&settings)
        .await
        .map_err(|e| format!("database: {e}"))?;
    Ok(db)
}

async fn set_moderator(db: &AnyPool, username: &str, grant: bool) -> Result<String, String> {
    let username = Username::parse(username).map_err(|e| format!("{username:?}: {e}"))?;
    let found = accounts::db::set_moderator(db, &username.key(), grant)
        .await
        .map_err(|e| format!("database: {e}"))?;
    if !found {
        return Err(format!("there is no user {:?}", username.as_str()));
    }
    let action = if grant {
        "grant-moderator"
    } else {
        "revoke-moderator"
    };
    let now = super::db::unix_now();
    let target = format!("user {}", username.as_str());
    record(db, "command line", action, &target, now)
        .await
        .map_err(|e| format!("database: {e}"))?;
    Ok(if grant {
        format!("{} is now a moderator.", username.as_str())
    } else {
        format!("{} is no longer a moderator.", username.as_str())
    })
}
