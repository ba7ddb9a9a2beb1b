//! Faults a test can inject to see the client cope with a provider that misbehaves. Each
//! one is queued for a number and used up by the next call that concerns it.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// How the next call concerning a number goes wrong. Nothing else happens on a faulty
/// call (no SMS, no try used), except after a [`Fault::Delay`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The provider refusing the call. On v1: an HTTP 200 failure with this status (e.g.
    /// `"15"`) and its documented `error_text`. On v2: this HTTP status (e.g. `"429"`) with
    /// the problem+json body Verify sends with it (verify-api.md §2.5); a `"409"` is the
    /// conflict of the endpoint hit, and a `"422"` names the workflow's `to`, standing for
    /// a number the provider refuses. A value that is no HTTP error status on v2 (a v1
    /// status such as `"15"`) answers 500 "Internal error".
    Status(String),
    /// This HTTP status with a plain-text body, as a proxy in the way would answer.
    Http(u16),
    /// Sleeps this long, then answers as usual (if the caller is still waiting).
    Delay(Duration),
    /// `application/json` with a body cut off mid-object: with HTTP 200 on v1; on v2 with
    /// the endpoint's success status (202 for a start; 200 for a cancel, whose 204 cannot
    /// carry a body).
    MalformedJson,
}

#[derive(Debug, Default)]
pub(super) struct Faults(HashMap<String, VecDeque<Fault>>);

impl Faults {
    pub(super) fn inject(&mut self, number: &str, fault: Fault) {
        self.0.entry(digits(number)).or_default().push_back(fault);
    }

    /// The first fault queued for any of `numbers`, used up.
    pub(super) fn take<'a>(&mut self, numbers: impl IntoIterator<Item = &'a str>) -> Option<Fault> {
        numbers
            .into_iter()
            .find_map(|number| self.0.get_mut(&digits(number))?.pop_front())
    }
}

/// `+1 212 555 0142` and `12125550142` name the same number.
fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order_per_number_whatever_its_spelling() {
        let mut faults = Faults::default();
        faults.inject("+1 212 555 0142", Fault::Http(502));
        faults.inject("12125550142", Fault::MalformedJson);
        assert_eq!(faults.take(["12125550143"]), None);
        assert_eq!(
            faults.take(["12125550143", "12125550142"]),
            Some(Fault::Http(502))
        );
        assert_eq!(faults.take(["+12125550142"]), Some(Fault::MalformedJson));
        assert_eq!(faults.take(["12125550142"]), None);
    }
}
