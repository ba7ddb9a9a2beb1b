//! The delivery attempts of each v1 workflow and the waits between them (verify-api.md
//! §1.9): the guide's default waits, or `next_event_wait` for every gap when it is given.

use super::state::Schedule;
use super::Channel::{self, Sms, Voice};
use std::time::Duration;

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

pub(super) fn steps(schedule: &Schedule) -> Vec<Step> {
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
}
