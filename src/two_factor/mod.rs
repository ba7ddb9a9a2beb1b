//! Two-factor: the SMS step that turns a logged-in session into a verified one, and the guard
//! that every vote-related server function calls.
//!
//! `send_code`, `check_code`, `use_recovery_code` and the account functions need a logged-in
//! user; what they change lives in one typed session bucket bound to that user (see `state`).
//! Regenerating recovery codes and signing out other sessions need a verified session.

pub mod account_api;
pub mod account_page;
pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod caller;
#[cfg(feature = "ssr")]
pub mod check_flow;
pub mod code_page;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pending;
#[cfg(feature = "ssr")]
pub mod provider_errors;
#[cfg(feature = "ssr")]
pub mod recovery;
pub mod recovery_api;
#[cfg(feature = "ssr")]
pub mod recovery_flow;
pub mod recovery_pages;
#[cfg(feature = "ssr")]
pub mod resend_flow;
#[cfg(feature = "ssr")]
pub mod send_flow;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod throttle;
