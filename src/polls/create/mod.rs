//! `/polls/new`: a member, from a verified session, makes a poll.

pub mod api;
pub mod fields;
pub mod page;
pub mod refused;
