//! The code step (Django `two_factor`'s token view): the page that takes the code, checks it,
//! and offers a new code after the countdown or a call instead.

pub mod api;
#[cfg(feature = "ssr")]
pub mod check;
pub mod page;
#[cfg(feature = "ssr")]
pub mod resend;

/// Verify v1 refuses to cancel a request in its first 30 seconds.
pub const RESEND_AFTER_SECS: i64 = 30;

/// What the app waits after a code is sent before it offers a new one: one second more than
/// the provider's rule, because the app counts in whole seconds (a request sent at 12.9 s is
/// kept as 12) and a countdown that ended early would offer a button the provider then
/// refuses (status 19). The browser's countdown starts again from this after a new code.
pub const RESEND_WAIT_SECS: i64 = RESEND_AFTER_SECS + 1;
