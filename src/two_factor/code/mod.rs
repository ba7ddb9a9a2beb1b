//! The code step (Django `two_factor`'s token view): the page that takes the code, checks it,
//! and offers a new code after the countdown or a call instead.

pub mod api;
#[cfg(feature = "ssr")]
pub mod check;
pub mod page;
#[cfg(feature = "ssr")]
pub mod resend;

/// Verify v1 refuses to cancel a request in its first 30 seconds (the countdown in the
/// browser starts again from this after a new code).
pub const RESEND_AFTER_SECS: i64 = 30;
