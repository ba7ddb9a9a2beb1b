//! What a request keeps about itself for v1's search to show: where it stands, the
//! deliveries made and the codes checked (verify-api.md §1.6).

use super::Channel;
use std::time::SystemTime;

/// Where a request stands, for both versions; v2 has no search, so only v1 ever shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    InProgress,
    Success,
    Failed,
    Expired,
    Cancelled,
}

impl Status {
    /// v1's word for it in a search result.
    pub(super) fn as_wire(self) -> &'static str {
        match self {
            Self::InProgress => "IN PROGRESS",
            Self::Success => "SUCCESS",
            Self::Failed => "FAILED",
            Self::Expired => "EXPIRED",
            Self::Cancelled => "CANCELLED",
        }
    }
}

/// One delivery attempt.
pub(super) struct Event {
    pub(super) id: String,
    pub(super) channel: Channel,
    pub(super) at: SystemTime,
}

/// One code checked against the request, right or wrong.
pub(super) struct CheckRecord {
    pub(super) at: SystemTime,
    pub(super) code: String,
    pub(super) valid: bool,
}
