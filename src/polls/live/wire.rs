//! What a results stream sends, in both builds: the server writes it, the island reads it.

use crate::polls::api::PollFacts;
use serde::{Deserialize, Serialize};

/// A poll's numbers as everyone allowed to see them sees them (nothing about the viewer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsSnapshot {
    pub facts: PollFacts,
    /// Shares are of the people who voted, who could tick several answers.
    pub multiple_answers: bool,
    pub choices: Vec<LiveChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveChoice {
    pub text: String,
    pub votes: i64,
    /// Whole percent (see `format::shares`).
    pub percent: i64,
}

/// The event names of the stream.
pub const RESULTS_EVENT: &str = "results";
/// The numbers are not for this viewer yet; its data is the sentence that says when they will be.
pub const SEALED_EVENT: &str = "sealed";
/// The poll is gone for this viewer (deleted, or hidden by a moderator); the stream ends. Its
/// data is the sentence that says so (an event without data never reaches the page).
pub const GONE_EVENT: &str = "gone";

/// The stream of a poll's results, relative to the site.
pub fn events_path(poll_id: &str) -> String {
    format!("/polls/{poll_id}/events")
}
