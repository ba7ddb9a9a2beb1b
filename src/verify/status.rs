//! What a search tells about one verification: a small typed summary of the v1 search
//! object (verify-api.md §1.6), for support pages and tests rather than the login flow.

/// Where a verification stands, with what was sent and how many codes were tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationStatus {
    pub state: VerificationState,
    /// The delivery attempts made so far, oldest first.
    pub events: Vec<EventKind>,
    /// How many codes were checked against it, right or wrong.
    pub checks: u32,
}

/// The request-level `status` of a v1 search object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationState {
    /// `IN PROGRESS`: a code may still be checked.
    InProgress,
    /// `SUCCESS`: the right code was checked.
    Success,
    /// `FAILED`: too many wrong codes.
    Failed,
    /// `EXPIRED`: no right code before the last delivery attempt's wait ran out.
    Expired,
    /// `CANCELLED`: ended through control.
    Cancelled,
}

impl VerificationState {
    /// The wire form; `None` for anything else (such as a numeric error status).
    pub(super) fn from_wire(status: &str) -> Option<Self> {
        match status {
            "IN PROGRESS" => Some(Self::InProgress),
            "SUCCESS" => Some(Self::Success),
            "FAILED" => Some(Self::Failed),
            "EXPIRED" => Some(Self::Expired),
            "CANCELLED" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// One delivery attempt: an SMS, or a voice call reading the code (v1's `tts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Sms,
    Voice,
}

impl EventKind {
    /// `sms` or `tts`; the spec writes them in lowercase, the Node SDK's enum in uppercase,
    /// so either is read.
    pub(super) fn from_wire(kind: &str) -> Option<Self> {
        if kind.eq_ignore_ascii_case("sms") {
            Some(Self::Sms)
        } else if kind.eq_ignore_ascii_case("tts") {
            Some(Self::Voice)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_documented_state_and_nothing_else() {
        let states = [
            ("IN PROGRESS", VerificationState::InProgress),
            ("SUCCESS", VerificationState::Success),
            ("FAILED", VerificationState::Failed),
            ("EXPIRED", VerificationState::Expired),
            ("CANCELLED", VerificationState::Cancelled),
        ];
        for (wire, state) in states {
            assert_eq!(VerificationState::from_wire(wire), Some(state));
        }
        for other in ["0", "101", "IN_PROGRESS", "success", ""] {
            assert_eq!(VerificationState::from_wire(other), None, "{other}");
        }
    }

    #[test]
    fn reads_event_types_in_either_case() {
        assert_eq!(EventKind::from_wire("sms"), Some(EventKind::Sms));
        assert_eq!(EventKind::from_wire("TTS"), Some(EventKind::Voice));
        assert_eq!(EventKind::from_wire("email"), None);
    }
}
