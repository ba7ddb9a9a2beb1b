//! How an attempt ended, the one place that spells it: in the log's terms (what the audit
//! table stores and the log lines say: our own reasons, or the Verify provider's answer in the
//! words of the API version that gave it), and in plain words for the account page.

use crate::verify::{ApiVersion, VerifyError};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A code already on its way to this account's number: the request goes on with it.
    Resumed,
    /// The next delivery (a call) was asked for.
    NextEvent,
    Throttled,
    /// "Send a new code" before the countdown ended.
    TooSoon,
    InvalidNumber,
    NumberTaken,
    OnItsWayForAnotherAccount,
    StaleRequest,
    NoLongerVerified,
    WrongRecoveryCode,
    /// The provider refused or failed, in its own terms (`VerifyError::log_label`).
    Provider(String),
}

/// Our own outcomes: the log's term and the plain words, side by side.
const OURS: [(Outcome, &str, &str); 11] = [
    (Outcome::Done, "ok", "done"),
    (Outcome::Resumed, "resumed", "done (the code on its way)"),
    (Outcome::NextEvent, "next event", "call on its way"),
    (
        Outcome::Throttled,
        "throttled",
        "refused: too many attempts",
    ),
    (Outcome::TooSoon, "too soon", "refused: too soon"),
    (
        Outcome::InvalidNumber,
        "invalid number",
        "refused: not a valid number",
    ),
    (
        Outcome::NumberTaken,
        "number taken",
        "refused: the number is on another account",
    ),
    (
        Outcome::OnItsWayForAnotherAccount,
        "on its way for another account",
        "refused: a code was just sent to that number",
    ),
    (
        Outcome::StaleRequest,
        "stale request",
        "refused: asked for before the number changed",
    ),
    (
        Outcome::NoLongerVerified,
        "no longer verified",
        "refused: this browser was no longer verified",
    ),
    (
        Outcome::WrongRecoveryCode,
        "wrong recovery code",
        "wrong code",
    ),
];

impl Outcome {
    /// The provider's answer to a call made with `api`.
    pub fn provider(error: &VerifyError, api: ApiVersion) -> Self {
        Self::Provider(error.log_label(api))
    }

    /// What the audit table stores and log lines say.
    pub fn log_term(&self) -> Cow<'static, str> {
        match self {
            Self::Provider(label) => Cow::Owned(label.clone()),
            ours => Cow::Borrowed(
                OURS.iter()
                    .find(|(outcome, ..)| outcome == ours)
                    .map_or("unknown", |(_, term, _)| term),
            ),
        }
    }

    /// Reads back a stored term; anything not ours is the provider's.
    pub fn from_log_term(term: &str) -> Self {
        OURS.iter().find(|(_, ours, _)| *ours == term).map_or_else(
            || Self::Provider(term.to_owned()),
            |(outcome, ..)| outcome.clone(),
        )
    }

    /// For the person whose account it is: "wrong code", never "status 16".
    pub fn in_plain_words(&self) -> &'static str {
        match self {
            Self::Provider(label) => provider_in_plain_words(label),
            ours => OURS
                .iter()
                .find(|(outcome, ..)| outcome == ours)
                .map_or("failed", |(.., plain)| plain),
        }
    }
}

/// The provider's terms, both versions (`VerifyError::log_label`), in plain words.
fn provider_in_plain_words(label: &str) -> &'static str {
    match label {
        "status 16" | "http 400 invalid code" => "wrong code",
        "status 17" | "http 410 invalid code" => "wrong code, too many times",
        "status 6" | "http 404 not found" => "code expired or already used",
        "status 10" | "http 409 concurrent request" => "a code was already on its way",
        "status 19" | "http 409 conflict" => "too late to change",
        "status 1" | "http 429 rate limit hit" => "refused by the SMS service: too many requests",
        "status 3" | "status 7" | "status 15" | "status 29" | "http 422 invalid number" => {
            "the SMS service cannot reach that number"
        }
        "timeout" | "connection" | "malformed response" | "status 5" => {
            "the SMS service did not answer"
        }
        unavailable if unavailable.starts_with("http 5") => "the SMS service did not answer",
        _ => "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Unavailable;

    #[test]
    fn our_outcomes_read_back_as_they_were_written() {
        for (outcome, term, _) in OURS {
            assert_eq!(outcome.log_term(), term);
            assert_eq!(Outcome::from_log_term(term), outcome);
        }
    }

    #[test]
    fn the_providers_answers_read_plainly_in_both_versions_words() {
        let cases = [
            (VerifyError::WrongCode, "wrong code"),
            (VerifyError::TooManyWrongCodes, "wrong code, too many times"),
            (VerifyError::RequestNotFound, "code expired or already used"),
            (
                VerifyError::ConcurrentRequest { request_id: None },
                "a code was already on its way",
            ),
            (
                VerifyError::ControlNotPossible {
                    reason: "too soon".into(),
                },
                "too late to change",
            ),
            (
                VerifyError::Throttled,
                "refused by the SMS service: too many requests",
            ),
            (
                VerifyError::Unavailable(Unavailable::Timeout),
                "the SMS service did not answer",
            ),
            (
                VerifyError::Unavailable(Unavailable::HttpStatus(502)),
                "the SMS service did not answer",
            ),
        ];
        for api in [ApiVersion::V1, ApiVersion::V2] {
            for (error, plain) in &cases {
                let stored = Outcome::provider(error, api).log_term();
                let read = Outcome::from_log_term(&stored);
                assert_eq!(
                    read.in_plain_words(),
                    *plain,
                    "{api:?} {error:?} as {stored}"
                );
            }
        }
        let unreachable_v1 = VerifyError::NumberNotSupported { status: "7".into() };
        let unreachable_v2 = VerifyError::NumberNotSupported {
            status: "422".into(),
        };
        for (error, api) in [
            (unreachable_v1, ApiVersion::V1),
            (unreachable_v2, ApiVersion::V2),
        ] {
            let plain = Outcome::provider(&error, api).in_plain_words();
            assert_eq!(plain, "the SMS service cannot reach that number");
        }
    }

    #[test]
    fn v2_answers_are_written_in_v2_words() {
        let v2 = Outcome::provider(&VerifyError::WrongCode, ApiVersion::V2).log_term();
        assert_eq!(v2, "http 400 invalid code");
        let v1 = Outcome::provider(&VerifyError::WrongCode, ApiVersion::V1).log_term();
        assert_eq!(v1, "status 16");
    }

    #[test]
    fn nothing_in_the_logs_terms_reaches_the_page() {
        for term in [
            "status 16",
            "status 6",
            "status 19",
            "timeout",
            "http 401 rejected",
            "new",
        ] {
            let plain = Outcome::from_log_term(term).in_plain_words();
            assert!(
                !plain.contains("status") && !plain.contains("http"),
                "{term}: {plain}"
            );
        }
    }
}
