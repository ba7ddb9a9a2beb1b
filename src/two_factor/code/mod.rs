//! The code step (Django `two_factor`'s token view): the page that takes the code, checks it,
//! and offers a new code after the countdown or a call instead.

pub mod api;
#[cfg(feature = "ssr")]
pub mod check;
pub mod page;
#[cfg(feature = "ssr")]
pub mod resend;
