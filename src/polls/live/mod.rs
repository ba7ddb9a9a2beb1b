//! Live results: a results page's numbers move as votes land, on one instance or many.
//!
//! `GET /polls/{id}/events` (`stream`) is a plain axum route sending Server-Sent Events: the
//! poll's current numbers first, then new numbers after each change, each with an id
//! (`Last-Event-ID`) so a reconnecting browser is sent only what it does not have. Anyone may
//! open it; what each viewer is sent follows the same rules as the page (`visibility`): no
//! numbers before the poll's author lets the viewer see them, and nothing of a hidden poll.
//!
//! The cost of a vote does not grow with the viewers: the `hub` reads a changed poll's
//! numbers once per instance (at most once per `LIVE_COALESCE_MS`) and hands the same value
//! to every stream of that poll. On SQLite a change is published in-process after its commit;
//! on PostgreSQL the writing transaction calls `pg_notify` (`notify`) and one listener per
//! instance (`server::change_listener`) hears it, also what another instance wrote. In the
//! browser, the `island` opens the stream once the page is interactive and closes it when the
//! page goes away.

pub mod island;
pub mod wire;

#[cfg(feature = "hydrate")]
mod event_source;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
mod limits;
#[cfg(feature = "ssr")]
pub mod notify;
#[cfg(feature = "ssr")]
mod snapshot;
#[cfg(feature = "ssr")]
pub mod stream;
