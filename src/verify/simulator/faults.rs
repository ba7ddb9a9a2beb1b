//! Faults a test can inject to see the client cope with a provider that misbehaves. Each
//! one is queued for a number and used up by the next call that concerns it.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// How the next call concerning a number goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// An HTTP 200 v1 failure with this status (e.g. `"15"`) and its documented
    /// `error_text`; nothing else happens (no SMS, no attempt used).
    Status(String),
    /// This HTTP status with a plain-text body, as a proxy in the way would answer.
    Http(u16),
    /// Sleeps this long, then answers as usual (if the caller is still waiting).
    Delay(Duration),
    /// HTTP 200 `application/json` with a body cut off mid-object.
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
