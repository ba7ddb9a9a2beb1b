//! Polls (the Django `polls` app): the list, a poll's ballot, voting and results.
//!
//! Anyone may list polls and see results. The ballot and `vote` need a logged-in user whose
//! session is verified; `vote` checks that itself, whatever the page did.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod format;
pub mod pages;
