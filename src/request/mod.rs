//! (ssr) What every server function starts from: `Request::current()` gives the caller (the
//! user, if any, and their verified mark through `two_factor::guard`), the app clock, the
//! client's network, the database, and the tools every feature's attempts go through: the
//! throttles and the audit trail. Features use this module; it uses no feature but the
//! account type of `accounts`.

pub mod audit;
pub mod client_ip;
mod context;
pub mod origin;
mod refused_form;
pub mod throttle;

pub use context::Request;
