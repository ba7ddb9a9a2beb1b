//! What the simulated provider remembers, and the rules across requests: one active request
//! per number (per API version), requests looked up by id (a v1 endpoint finds only v1
//! requests, a v2 endpoint only v2 ones), and time on the simulated clock. The rules of one
//! request's life are in [`Verification`].
//!
//! Every access settles every request first (plays the deliveries due and expires what
//! ran out), so there are no background tasks and a skipped clock takes effect at once.

use super::clock::Clock;
use super::faults::{Fault, Faults};
use super::inbox::Inbox;
use super::random::{random_hex, random_uuid};
use super::timeline::Timing;
use super::verification::{CheckOutcome, Refusal, Verification};
use super::SmsMessage;
use crate::verify::ApiVersion;
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

#[derive(Default)]
pub(super) struct State {
    clock: Clock,
    /// By request id. Finished requests stay, so a later check says "verified already"
    /// and search still finds them.
    requests: HashMap<String, Verification>,
    inbox: Inbox,
    faults: Faults,
}

/// A valid start request, parsed from the parameters (v1) or the JSON body (v2).
#[derive(Debug)]
pub(super) struct StartRequest {
    /// E.164 digits without the `+`.
    pub(super) number: String,
    pub(super) brand: String,
    pub(super) sender_id: String,
    pub(super) code_length: usize,
    pub(super) timing: Timing,
}

/// The timing parameters of a v1 request.
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
    },
    /// The number already has an active request: this is its id.
    Concurrent {
        request_id: String,
    },
}

/// The control commands: v1's, and v2's DELETE and next_workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Command {
    Cancel,
    TriggerNextEvent,
}

pub(super) enum ControlOutcome {
    Done,
    Refused(Refusal),
    /// Unknown, or no longer in progress.
    NotActive,
}

impl State {
    pub(super) fn advance_clock(&mut self, by: Duration) {
        self.clock.advance(by);
    }

    #[cfg(test)]
    pub(super) fn freeze_clock(&mut self) {
        self.clock.freeze();
    }

    pub(super) fn clock_offset(&self) -> Duration {
        self.clock.offset()
    }

    pub(super) fn inbox_newest_first(&mut self) -> Vec<SmsMessage> {
        self.settle();
        self.inbox.newest_first()
    }

    pub(super) fn inject_fault(&mut self, number: &str, fault: Fault) {
        self.faults.inject(number, fault);
    }

    /// The fault queued for the first of `numbers` that has one, used up.
    pub(super) fn take_fault(&mut self, numbers: &[String]) -> Option<Fault> {
        self.faults.take(numbers.iter().map(String::as_str))
    }

    /// The number a request was for, to find the faults that concern a call about it.
    pub(super) fn number_of(&self, request_id: &str) -> Option<String> {
        self.requests.get(request_id).map(|v| v.number.clone())
    }

    pub(super) fn start(&mut self, request: StartRequest) -> StartOutcome {
        let now = self.settle();
        let api = request.timing.api();
        // A linear scan: a simulator holds a handful of requests, and no index can drift.
        // The lock is per API version: v1 and v2 are separate products at Vonage, and
        // nothing documents one refusing a number because the other is verifying it.
        let active = self
            .requests
            .values()
            .find(|v| v.api == api && v.number == request.number && v.is_active());
        if let Some(active) = active {
            return StartOutcome::Concurrent {
                request_id: active.id.clone(),
            };
        }
        let request_id = match api {
            ApiVersion::V1 => random_hex(16),
            ApiVersion::V2 => random_uuid(),
        };
        tracing::debug!(request_id, timing = ?request.timing, "simulated verification scheduled");
        let verification = Verification::start(request_id.clone(), request, now, &mut self.inbox);
        self.requests.insert(request_id.clone(), verification);
        StartOutcome::Started { request_id }
    }

    pub(super) fn check(&mut self, request_id: &str, code: &str, api: ApiVersion) -> CheckOutcome {
        let now = self.settle();
        match self.requests.get_mut(request_id).filter(|v| v.api == api) {
            Some(verification) => verification.check(code, now),
            None => CheckOutcome::NotFound,
        }
    }

    pub(super) fn control(
        &mut self,
        request_id: &str,
        command: Command,
        api: ApiVersion,
    ) -> ControlOutcome {
        let now = self.settle();
        let found = self.requests.get_mut(request_id);
        let Some(verification) = found.filter(|v| v.api == api && v.is_active()) else {
            return ControlOutcome::NotActive;
        };
        let done = match command {
            Command::Cancel => verification.cancel(now),
            Command::TriggerNextEvent => verification.trigger_next_event(now, &mut self.inbox),
        };
        done.map_or_else(ControlOutcome::Refused, |()| ControlOutcome::Done)
    }

    /// The known v1 requests among `request_ids`, in the order asked, each once (v2 has no
    /// search).
    pub(super) fn search(&mut self, request_ids: &[&str]) -> Vec<&Verification> {
        self.settle();
        let mut found: Vec<&Verification> = Vec::new();
        for id in request_ids {
            match self.requests.get(*id).filter(|v| v.api == ApiVersion::V1) {
                Some(v) if !found.iter().any(|seen| seen.id == v.id) => found.push(v),
                _ => {}
            }
        }
        found
    }

    /// Brings every request up to date with the clock; returns the time it used.
    fn settle(&mut self) -> SystemTime {
        let now = self.clock.now();
        for verification in self.requests.values_mut() {
            verification.settle(now, &mut self.inbox);
        }
        now
    }
}
