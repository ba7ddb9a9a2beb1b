//! What the simulated provider remembers, and the rules of a v1 request's life: one active
//! request per number, 3 wrong codes per PIN, expiry on the simulated clock.
//!
//! Time is checked lazily ([`Verification::settle`]) whenever a request is looked at, so
//! there are no background tasks and a skipped clock takes effect at once. Workflow
//! timelines (further SMS/TTS events, a new PIN after `pin_expiry`) will hang off the
//! same place: `settle` plays the events due by now, and `events` records them.

use super::clock::{format_utc, Clock};
use super::SmsMessage;
use rand::Rng;
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

/// Wrong codes allowed per PIN; the third one ends the request.
const MAX_WRONG_CODES: u8 = 3;

#[derive(Default)]
pub(super) struct State {
    clock: Clock,
    /// By request id. Finished requests stay, so a later check says "verified already".
    requests: HashMap<String, Verification>,
    /// Oldest first.
    inbox: Vec<SmsMessage>,
}

/// A valid start request, parsed from the parameters.
#[derive(Debug)]
pub(super) struct StartRequest {
    /// E.164 digits without the `+`.
    pub(super) number: String,
    pub(super) brand: String,
    pub(super) code_length: usize,
    pub(super) schedule: Schedule,
}

/// The timing parameters of a request, kept for the workflow timelines to come.
#[derive(Debug, Clone, Copy)]
pub(super) struct Schedule {
    pub(super) workflow_id: u8,
    pub(super) pin_expiry: Duration,
    /// `None`: the workflow's own default waits (verify-api.md §1.9).
    pub(super) next_event_wait: Option<Duration>,
}

pub(super) enum StartOutcome {
    Started {
        request_id: String,
        code: String,
    },
    /// The number already has an active request: this is its id.
    Concurrent {
        request_id: String,
    },
}

pub(super) enum CheckOutcome {
    Verified {
        event_id: String,
    },
    WrongCode,
    TooManyWrongCodes,
    /// Unknown, or no longer in progress (verified, failed, expired).
    NotFound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    InProgress,
    Success,
    Failed,
    Expired,
}

struct Verification {
    number: String,
    status: Status,
    code: String,
    wrong_codes: u8,
    expires_at: SystemTime,
    /// Ids of the SMS events sent, oldest first; a successful check names the latest.
    events: Vec<String>,
}

impl Verification {
    /// Brings the request up to date with the clock.
    fn settle(&mut self, now: SystemTime) {
        if self.status == Status::InProgress && now >= self.expires_at {
            self.status = Status::Expired;
        }
    }
}

impl State {
    pub(super) fn advance_clock(&mut self, by: Duration) {
        self.clock.advance(by);
    }

    pub(super) fn inbox_newest_first(&self) -> Vec<SmsMessage> {
        self.inbox.iter().rev().cloned().collect()
    }

    pub(super) fn start(&mut self, request: StartRequest) -> StartOutcome {
        let now = self.clock.now();
        // A linear scan: a simulator holds a handful of requests, and no index can drift.
        let active = self.requests.iter_mut().find_map(|(id, verification)| {
            verification.settle(now);
            let busy =
                verification.number == request.number && verification.status == Status::InProgress;
            busy.then(|| id.clone())
        });
        if let Some(request_id) = active {
            return StartOutcome::Concurrent { request_id };
        }
        let request_id = random_hex(16);
        let code = random_digits(request.code_length);
        // Uppercase, like the 16-hex event ids in the spec (`0A00000012345678`).
        let event_id = random_hex(8).to_ascii_uppercase();
        tracing::debug!(
            request_id,
            workflow_id = request.schedule.workflow_id,
            pin_expiry_s = request.schedule.pin_expiry.as_secs(),
            next_event_wait_s = request.schedule.next_event_wait.map(|wait| wait.as_secs()),
            "simulated verification scheduled"
        );
        self.inbox.push(SmsMessage {
            number: format!("+{}", request.number),
            text: format!("Your {} verification code is {code}", request.brand),
            code: code.clone(),
            sent_at: format_utc(now),
        });
        self.requests.insert(
            request_id.clone(),
            Verification {
                number: request.number,
                status: Status::InProgress,
                code: code.clone(),
                wrong_codes: 0,
                expires_at: now + request.schedule.pin_expiry,
                events: vec![event_id],
            },
        );
        StartOutcome::Started { request_id, code }
    }

    pub(super) fn check(&mut self, request_id: &str, code: &str) -> CheckOutcome {
        let now = self.clock.now();
        let Some(verification) = self.requests.get_mut(request_id) else {
            return CheckOutcome::NotFound;
        };
        verification.settle(now);
        if verification.status != Status::InProgress {
            return CheckOutcome::NotFound;
        }
        if verification.code == code {
            verification.status = Status::Success;
            let event_id = verification.events.last().cloned().unwrap_or_default();
            return CheckOutcome::Verified { event_id };
        }
        verification.wrong_codes += 1;
        if verification.wrong_codes >= MAX_WRONG_CODES {
            verification.status = Status::Failed;
            CheckOutcome::TooManyWrongCodes
        } else {
            CheckOutcome::WrongCode
        }
    }
}

/// `bytes` random bytes as lowercase hex.
fn random_hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.gen::<u8>()))
        .collect()
}

fn random_digits(length: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..length)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(number: &str, pin_expiry_s: u64) -> StartRequest {
        StartRequest {
            number: number.to_owned(),
            brand: "Pollstr".to_owned(),
            code_length: 6,
            schedule: Schedule {
                workflow_id: 1,
                pin_expiry: Duration::from_secs(pin_expiry_s),
                next_event_wait: None,
            },
        }
    }

    fn started(state: &mut State, number: &str) -> (String, String) {
        match state.start(request(number, 300)) {
            StartOutcome::Started { request_id, code } => (request_id, code),
            StartOutcome::Concurrent { .. } => panic!("{number} was busy"),
        }
    }

    #[test]
    fn ids_are_32_lowercase_hex_and_codes_have_the_asked_length() {
        let mut state = State::default();
        let (request_id, code) = started(&mut state, "12125550142");
        assert_eq!(request_id.len(), 32);
        assert!(request_id
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn other_numbers_are_not_blocked_by_an_active_request() {
        let mut state = State::default();
        started(&mut state, "12125550142");
        started(&mut state, "12125550143");
        assert!(matches!(
            state.start(request("12125550142", 300)),
            StartOutcome::Concurrent { .. }
        ));
    }

    #[test]
    fn an_expired_request_frees_its_number_and_cannot_be_checked() {
        let mut state = State::default();
        let (request_id, code) = started(&mut state, "12125550142");
        state.advance_clock(Duration::from_secs(300));
        assert!(matches!(
            state.check(&request_id, &code),
            CheckOutcome::NotFound
        ));
        started(&mut state, "12125550142");
    }
}
