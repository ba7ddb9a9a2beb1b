//! (ssr) The composition root: settings, database, sessions, shared state and start-up.

pub mod admin;
pub mod assets;
pub mod change_listener;
pub mod clock;
pub mod config;
pub mod db;
pub mod error_status;
pub mod freshness;
pub mod health;
pub mod housekeeping;
pub mod kept_rows;
pub mod metrics;
pub mod page_cache;
pub mod password_work;
pub mod request_rows;
pub mod resilience;
pub mod security;
pub mod sessions;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod too_large;
pub mod unavailable;
pub mod verify_client;
pub mod vote_turns;
