//! Polls (the Django `polls` app): the list, a poll's ballot, voting, results, and new polls.
//!
//! Anyone may list polls and see results (when the poll's author lets them: `visibility`).
//! The ballot, `vote` and `create_poll` need a logged-in user whose session is verified; each
//! checks that itself, whatever the page did. A closed poll takes no votes. Results pages are
//! live (`live`): their numbers move as votes land.

pub mod api;
pub mod browse;
#[cfg(feature = "ssr")]
pub mod counters;
pub mod create;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
pub mod edit;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod format;
pub mod live;
pub mod manage;
#[cfg(feature = "ssr")]
pub mod memo;
pub mod moderation;
pub mod pages;
pub mod share;
#[cfg(feature = "ssr")]
pub mod viewer_class;
#[cfg(feature = "ssr")]
pub mod visibility;
#[cfg(feature = "ssr")]
pub mod votes;
