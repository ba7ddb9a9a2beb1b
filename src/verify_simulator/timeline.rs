//! The delivery attempts of a request and the waits between them: for v1, each workflow's
//! sequence with the guide's default waits, or `next_event_wait` for every gap when it is
//! given (verify-api.md §1.9); for v2, the request's own channels, `channel_timeout` apart
//! (§2.3).

use super::state::Schedule;
use super::Channel::{self, Sms, Voice};
use crate::verify::ApiVersion;
use std::time::Duration;

/// When a request's deliveries happen, in the terms of its API version.
#[derive(Debug, Clone)]
pub(super) enum Timing {
    V1(Schedule),
    /// Each channel in turn, `channel_timeout` apart; the request expires one timeout
    /// after the last.
    V2 {
        channels: Vec<Channel>,
        channel_timeout: Duration,
    },
}

impl Timing {
    pub(super) fn api(&self) -> ApiVersion {
        match self {
            Self::V1(_) => ApiVersion::V1,
            Self::V2 { .. } => ApiVersion::V2,
        }
    }

    pub(super) fn steps(&self) -> Vec<Step> {
        match self {
            Self::V1(schedule) => steps(schedule),
            Self::V2 {
                channels,
                channel_timeout,
            } => channels
                .iter()
                .map(|&channel| Step {
                    channel,
                    wait_after: *channel_timeout,
                })
                .collect(),
        }
    }

    /// How long a code stays valid. v2 keeps one code for the whole request: it lasts as
    /// long as every channel's timeout together, so the request always ends first and no
    /// new code is made. (The reference does not say when v2 makes a new code; one code
    /// across the SMS and the call is what a person who switches to the call expects.)
    pub(super) fn pin_expiry(&self) -> Duration {
        match self {
            Self::V1(schedule) => schedule.pin_expiry,
            Self::V2 {
                channels,
                channel_timeout,
            } => *channel_timeout * u32::try_from(channels.len()).unwrap_or(u32::MAX),
        }
    }
}

/// One delivery attempt and how long the request waits after it: for the next attempt,
/// or, after the last one, before the request expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Step {
    pub(super) channel: Channel,
    pub(super) wait_after: Duration,
}

/// The guide's sequence and default waits for `workflow_id`. An empty list of waits means
/// "expires after `pin_expiry`" (workflows 6 and 7).
fn workflow(workflow_id: u8) -> (&'static [Channel], &'static [u64]) {
    match workflow_id {
        2 => (&[Sms, Sms, Voice], &[125, 180, 300]),
        3 => (&[Voice, Voice], &[150, 150]),
        4 => (&[Sms, Sms], &[120, 180]),
        5 => (&[Sms, Voice], &[120, 180]),
        6 => (&[Sms], &[]),
        7 => (&[Voice], &[]),
        // 1 is the default; the start endpoint refuses anything outside 1..=7.
        _ => (&[Sms, Voice, Voice], &[125, 180, 300]),
    }
}

fn steps(schedule: &Schedule) -> Vec<Step> {
    let (channels, default_waits) = workflow(schedule.workflow_id);
    channels
        .iter()
        .enumerate()
        .map(|(index, &channel)| {
            let wait_after = match (schedule.next_event_wait, default_waits.get(index)) {
                // A single-attempt workflow has no gap for next_event_wait to set.
                (_, None) => schedule.pin_expiry,
                (Some(wait), Some(_)) => wait,
                (None, Some(&default)) => Duration::from_secs(default),
            };
            Step {
                channel,
                wait_after,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(workflow_id: u8, next_event_wait: Option<u64>) -> Vec<(Channel, u64)> {
        let schedule = Schedule {
            workflow_id,
            pin_expiry: Duration::from_secs(240),
            next_event_wait: next_event_wait.map(Duration::from_secs),
        };
        steps(&schedule)
            .into_iter()
            .map(|step| (step.channel, step.wait_after.as_secs()))
            .collect()
    }

    #[test]
    fn each_workflow_has_the_guides_sequence_and_default_waits() {
        let expected: [&[(Channel, u64)]; 7] = [
            &[(Sms, 125), (Voice, 180), (Voice, 300)],
            &[(Sms, 125), (Sms, 180), (Voice, 300)],
            &[(Voice, 150), (Voice, 150)],
            &[(Sms, 120), (Sms, 180)],
            &[(Sms, 120), (Voice, 180)],
            &[(Sms, 240)],
            &[(Voice, 240)],
        ];
        for (workflow_id, expected) in (1..=7).zip(expected) {
            assert_eq!(
                timeline(workflow_id, None),
                expected,
                "workflow {workflow_id}"
            );
        }
    }

    #[test]
    fn next_event_wait_sets_every_gap_but_not_a_single_attempts_pin_expiry() {
        assert_eq!(
            timeline(1, Some(120)),
            [(Sms, 120), (Voice, 120), (Voice, 120)]
        );
        assert_eq!(timeline(3, Some(60)), [(Voice, 60), (Voice, 60)]);
        assert_eq!(timeline(6, Some(120)), [(Sms, 240)]);
    }

    #[test]
    fn a_v2_request_tries_its_channels_a_timeout_apart_with_one_code_throughout() {
        let timing = Timing::V2 {
            channels: vec![Sms, Voice, Sms],
            channel_timeout: Duration::from_secs(180),
        };
        let steps: Vec<_> = timing
            .steps()
            .into_iter()
            .map(|step| (step.channel, step.wait_after.as_secs()))
            .collect();
        assert_eq!(steps, [(Sms, 180), (Voice, 180), (Sms, 180)]);
        assert_eq!(timing.pin_expiry(), Duration::from_secs(540));
        assert_eq!(timing.api(), ApiVersion::V2);
    }
}
