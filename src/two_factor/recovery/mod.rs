//! Recovery codes (Django `two_factor`'s backup tokens): ten one-time codes shown once when a
//! number is first confirmed, and the "I lost my phone" step that spends one.

pub mod api;
#[cfg(feature = "ssr")]
pub mod codes;
#[cfg(feature = "ssr")]
pub mod flow;
pub mod pages;
