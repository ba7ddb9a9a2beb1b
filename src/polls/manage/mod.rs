//! `/polls/mine`: a member's own polls, with "Close now" (final) and "Delete" (after a
//! confirmation; the votes go with it). Only the poll's author may.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod page;
