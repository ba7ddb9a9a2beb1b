//! Moderation: a moderator (`pollstr admin grant-moderator USERNAME`) hides, shows again or
//! deletes any poll, from its results page. Every action is written to `moderation_events`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod panel;
