//! The home page's list: open or closed polls, newest first, a page at a time by keyset (each
//! "Older polls" page starts below the last poll of the one before: no OFFSET to scan past),
//! optionally only those whose question contains the search words.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod listing;
