//! Two-factor: the SMS step that turns a logged-in session into a verified one, and the guard
//! that every vote-related server function calls.
//!
//! `send_code` and `check_code` need a logged-in user; what they change lives in one typed
//! session bucket bound to that user (see `state`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod flow;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod provider_errors;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod throttle;
