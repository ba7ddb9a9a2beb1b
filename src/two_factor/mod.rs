//! Two-factor: the SMS step that turns a logged-in session into a verified one, and the guard
//! that every vote-related server function calls. One folder per step of the Django app's
//! `two_factor` views: `phone`, `code` (with resend and call-me) and `recovery`; `status` is
//! the account page's two-factor section.
//!
//! `send_code`, `check_code`, `use_recovery_code` and `load_two_factor_status` need a logged-in
//! user; what they change lives in one typed session bucket bound to that user (see `state`).
//! Regenerating recovery codes and changing the number need a verified session.

#[cfg(feature = "ssr")]
pub mod attempt;
pub mod code;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod pending;
pub mod phone;
#[cfg(feature = "ssr")]
pub mod provider_errors;
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod state;
pub mod status;
pub mod verified_only;
