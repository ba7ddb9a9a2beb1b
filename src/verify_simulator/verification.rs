//! One simulated request (v1 or v2) over its life: its delivery attempts on its timeline,
//! its PIN (a new one at an attempt after `pin_expiry`, with a fresh budget of three
//! tries), the codes checked, and how it ended.
//!
//! Nothing runs in the background: [`Verification::settle`] plays whatever was due between
//! the last look and `now`, each at the time it was due, so skipping the clock is exact.

use super::clock::format_utc;
use super::inbox::Inbox;
use super::random::{random_digits, random_hex};
use super::records::{CheckRecord, Event, Status};
use super::state::StartRequest;
use super::timeline::Step;
use super::{Channel, SmsMessage};
use crate::verify::ApiVersion;
use std::time::{Duration, SystemTime};

/// Wrong codes allowed per PIN; the third one ends the request.
const MAX_WRONG_CODES: u8 = 3;
/// Cancelling is refused this soon after the start (verify-api.md §1.7).
const CANCEL_AFTER: Duration = Duration::from_secs(30);

pub(super) enum CheckOutcome {
    Verified {
        event_id: String,
    },
    WrongCode,
    TooManyWrongCodes,
    /// Unknown, no longer in progress, or its PIN expired with no new one yet.
    NotFound,
}

/// Why a control command was refused (v1 status 19, v2 HTTP 409).
pub(super) enum Refusal {
    TooEarly,
    TooLate,
    NoEventsLeft,
}

struct Pin {
    code: String,
    expires_at: SystemTime,
    wrong_codes: u8,
}

pub(super) struct Verification {
    pub(super) id: String,
    pub(super) api: ApiVersion,
    pub(super) number: String,
    pub(super) sender_id: String,
    pub(super) submitted_at: SystemTime,
    pub(super) status: Status,
    pub(super) finalized_at: Option<SystemTime>,
    /// Oldest first.
    pub(super) events: Vec<Event>,
    pub(super) checks: Vec<CheckRecord>,
    brand: String,
    code_length: usize,
    pin_expiry: Duration,
    steps: Vec<Step>,
    pin: Pin,
}

impl Verification {
    /// A new request, with its first delivery attempt made at `now`.
    pub(super) fn start(
        id: String,
        request: StartRequest,
        now: SystemTime,
        inbox: &mut Inbox,
    ) -> Self {
        let pin_expiry = request.timing.pin_expiry();
        let mut verification = Self {
            id,
            api: request.timing.api(),
            number: request.number,
            sender_id: request.sender_id,
            submitted_at: now,
            status: Status::InProgress,
            finalized_at: None,
            events: Vec::new(),
            checks: Vec::new(),
            brand: request.brand,
            code_length: request.code_length,
            pin_expiry,
            steps: request.timing.steps(),
            pin: Pin {
                code: random_digits(request.code_length),
                expires_at: now + pin_expiry,
                wrong_codes: 0,
            },
        };
        verification.deliver(now, inbox);
        verification
    }

    pub(super) fn is_active(&self) -> bool {
        self.status == Status::InProgress
    }

    /// Plays every attempt due by `now`, then expires the request if the last attempt's
    /// wait has run out.
    pub(super) fn settle(&mut self, now: SystemTime, inbox: &mut Inbox) {
        while self.is_active() {
            let (made, last_at) = (self.events.len(), self.last_event_at());
            let due = last_at + self.steps[made - 1].wait_after;
            if due > now {
                break;
            }
            if made < self.steps.len() {
                self.deliver(due, inbox);
            } else {
                self.finish(Status::Expired, due);
            }
        }
    }

    pub(super) fn check(&mut self, code: &str, now: SystemTime) -> CheckOutcome {
        // An expired PIN cannot be used, and until the next attempt brings a new one there
        // is no PIN to check: answered like a finished request, without using a try.
        if !self.is_active() || now >= self.pin.expires_at {
            return CheckOutcome::NotFound;
        }
        let valid = self.pin.code == code;
        self.checks.push(CheckRecord {
            at: now,
            code: code.to_owned(),
            valid,
        });
        if valid {
            self.finish(Status::Success, now);
            let event_id = self.events.last().map(|e| e.id.clone()).unwrap_or_default();
            return CheckOutcome::Verified { event_id };
        }
        self.pin.wrong_codes += 1;
        if self.pin.wrong_codes >= MAX_WRONG_CODES {
            self.finish(Status::Failed, now);
            CheckOutcome::TooManyWrongCodes
        } else {
            CheckOutcome::WrongCode
        }
    }

    /// v1's rules (§1.7). v2's spec copies them to DELETE, but whether v2 enforces them,
    /// and how, is UNCONFIRMED (§2.2): a v2 cancel goes through while the request runs.
    pub(super) fn cancel(&mut self, now: SystemTime) -> Result<(), Refusal> {
        if self.api == ApiVersion::V1 {
            if now < self.submitted_at + CANCEL_AFTER {
                return Err(Refusal::TooEarly);
            }
            if self.events.len() >= 2 {
                return Err(Refusal::TooLate);
            }
        }
        self.finish(Status::Cancelled, now);
        Ok(())
    }

    /// The next attempt, now; the waits after it count from now.
    pub(super) fn trigger_next_event(
        &mut self,
        now: SystemTime,
        inbox: &mut Inbox,
    ) -> Result<(), Refusal> {
        if self.events.len() >= self.steps.len() {
            return Err(Refusal::NoEventsLeft);
        }
        self.deliver(now, inbox);
        Ok(())
    }

    fn last_event_at(&self) -> SystemTime {
        self.events
            .last()
            .map_or(self.submitted_at, |event| event.at)
    }

    fn finish(&mut self, status: Status, at: SystemTime) {
        self.status = status;
        self.finalized_at = Some(at);
    }

    /// Makes the next attempt at `at`, with a new PIN if the current one has expired.
    fn deliver(&mut self, at: SystemTime, inbox: &mut Inbox) {
        if at >= self.pin.expires_at {
            // Never the PIN it replaces, so a person (and a test) can tell them apart.
            let code = std::iter::repeat_with(|| random_digits(self.code_length))
                .find(|code| *code != self.pin.code)
                .unwrap_or_default();
            self.pin = Pin {
                code,
                expires_at: at + self.pin_expiry,
                wrong_codes: 0,
            };
        }
        let channel = self.steps[self.events.len()].channel;
        let code = self.pin.code.clone();
        let text = match channel {
            Channel::Sms => format!("Your {} verification code is {code}", self.brand),
            Channel::Voice => format!("Voice call: your {} code is {code}", self.brand),
        };
        // Uppercase, like the 16-hex event ids in the spec (`0A00000012345678`).
        let id = random_hex(8).to_ascii_uppercase();
        self.events.push(Event { id, channel, at });
        // Dev only: the code in the log is the point (the simulator stands in for the
        // phone), so it is there on purpose; the number is masked all the same.
        tracing::info!(
            number = %mask(&self.number),
            %code,
            request_id = self.id,
            attempt = self.events.len(),
            "simulated {} sent",
            channel.as_str()
        );
        inbox.record(
            at,
            SmsMessage {
                number: format!("+{}", self.number),
                channel,
                text,
                code,
                sent_at: format_utc(at),
            },
        );
    }
}

/// `+•••••••0142`: the simulator sees raw digits, not a parsed number, so it cannot split
/// off the country code; the last four digits are enough to tell numbers apart in a log.
fn mask(digits: &str) -> String {
    let last_four = &digits[digits.len().saturating_sub(4)..];
    format!("+•••••••{last_four}")
}
