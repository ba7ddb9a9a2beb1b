//! `/polls/{id}/edit`: the author (or a moderator) changes a poll's question, choices and
//! settings, until its first vote.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod page;
