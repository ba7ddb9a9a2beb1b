//! The optional parameters of a start, checked here against the ranges the API documents
//! (verify-api.md §1.3, §2.3), as the official SDKs do, so a mistake in our own code is
//! reported at once and costs no call to the provider.

use super::locales::{V1_LOCALES, V2_LOCALES};
use super::VerifyError;
use std::ops::RangeInclusive;

/// How the provider should deliver the code. `None` leaves the provider's default.
///
/// Verify v2 has no workflow ids, no PIN expiry and no per-gap wait (its workflow comes
/// from the client's configuration, its single `channel_timeout` keeps the provider's
/// default), so a v2 client ignores `workflow_id`, `pin_expiry` and `next_event_wait`,
/// unchecked: options written for v1 keep working after a switch to v2. It sends `lg` as
/// v2's `locale`, and refuses one that v2 does not know.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// 1 to 7: the order of SMS and voice calls (verify-api.md §1.9). Default 1.
    pub workflow_id: Option<u8>,
    /// 60 to 3600 seconds a code stays valid. Default 300.
    pub pin_expiry: Option<u32>,
    /// 60 to 900 seconds between two delivery attempts. Default: the workflow's own waits.
    pub next_event_wait: Option<u32>,
    /// The language of the message, one of the 39 locales of the v1 spec (`en-gb`).
    pub lg: Option<String>,
}

const WORKFLOW_IDS: RangeInclusive<u32> = 1..=7;
const PIN_EXPIRY: RangeInclusive<u32> = 60..=3600;
const NEXT_EVENT_WAIT: RangeInclusive<u32> = 60..=900;

impl StartOptions {
    /// The form parameters these options add to a start, or why they cannot be sent.
    pub(super) fn to_params(&self) -> Result<Vec<(&'static str, String)>, VerifyError> {
        let mut params = Vec::new();
        let workflow_id = self.workflow_id.map(u32::from);
        for (name, value, allowed) in [
            ("workflow_id", workflow_id, WORKFLOW_IDS),
            ("pin_expiry", self.pin_expiry, PIN_EXPIRY),
            ("next_event_wait", self.next_event_wait, NEXT_EVENT_WAIT),
        ] {
            let Some(value) = value else { continue };
            if !allowed.contains(&value) {
                return Err(invalid(format!(
                    "{name} must be from {} to {}, not {value}",
                    allowed.start(),
                    allowed.end()
                )));
            }
            params.push((name, value.to_string()));
        }
        // The API would silently shorten pin_expiry to next_event_wait (§1.3). Our own code
        // is the only caller, so a mismatched pair is a defect to report, not to paper over.
        if let (Some(expiry), Some(wait)) = (self.pin_expiry, self.next_event_wait) {
            if expiry % wait != 0 {
                return Err(invalid(format!(
                    "pin_expiry ({expiry}) must be a multiple of next_event_wait ({wait})"
                )));
            }
        }
        if let Some(lg) = &self.lg {
            if !V1_LOCALES.contains(&lg.as_str()) {
                return Err(invalid(format!("lg {lg:?} is not a Verify v1 locale")));
            }
            params.push(("lg", lg.clone()));
        }
        Ok(params)
    }

    /// Whether these options can be sent with `api`: settings are checked once at start-up
    /// rather than on a person's first code.
    pub fn validate_for(&self, api: super::ApiVersion) -> Result<(), VerifyError> {
        match api {
            super::ApiVersion::V1 => self.to_params().map(|_| ()),
            super::ApiVersion::V2 => self.to_v2_locale().map(|_| ()),
        }
    }

    /// v2's `locale` for `lg`, or why v2 cannot honour it. The other options mean nothing
    /// to v2 and are ignored (see [`StartOptions`]).
    pub(super) fn to_v2_locale(&self) -> Result<Option<&str>, VerifyError> {
        match self.lg.as_deref() {
            Some(lg) if !V2_LOCALES.contains(&lg) => {
                Err(invalid(format!("lg {lg:?} is not a Verify v2 locale")))
            }
            lg => Ok(lg),
        }
    }
}

fn invalid(why: String) -> VerifyError {
    VerifyError::InvalidOptions(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(options: StartOptions) -> String {
        match options.to_params() {
            Err(VerifyError::InvalidOptions(why)) => why,
            other => panic!("{options:?} gave {other:?}"),
        }
    }

    #[test]
    fn defaults_add_no_parameter() {
        assert_eq!(StartOptions::default().to_params(), Ok(Vec::new()));
    }

    #[test]
    fn the_bounds_of_each_range_are_accepted_in_spec_order() {
        let low = StartOptions {
            workflow_id: Some(1),
            pin_expiry: Some(60),
            next_event_wait: Some(60),
            lg: Some("en-gb".to_owned()),
        };
        let expected = [
            ("workflow_id", "1"),
            ("pin_expiry", "60"),
            ("next_event_wait", "60"),
            ("lg", "en-gb"),
        ]
        .map(|(name, value)| (name, value.to_owned()));
        assert_eq!(low.to_params(), Ok(expected.to_vec()));
        let high = StartOptions {
            workflow_id: Some(7),
            pin_expiry: Some(3600),
            next_event_wait: Some(900),
            lg: Some("zh-tw".to_owned()),
        };
        assert!(high.to_params().is_ok());
    }

    #[test]
    fn values_out_of_range_are_refused_naming_the_parameter() {
        let cases = [
            (
                StartOptions {
                    workflow_id: Some(0),
                    ..Default::default()
                },
                "workflow_id must be from 1 to 7, not 0",
            ),
            (
                StartOptions {
                    workflow_id: Some(8),
                    ..Default::default()
                },
                "workflow_id must be from 1 to 7, not 8",
            ),
            (
                StartOptions {
                    pin_expiry: Some(59),
                    ..Default::default()
                },
                "pin_expiry must be from 60 to 3600, not 59",
            ),
            (
                StartOptions {
                    pin_expiry: Some(3601),
                    ..Default::default()
                },
                "pin_expiry must be from 60 to 3600, not 3601",
            ),
            (
                StartOptions {
                    next_event_wait: Some(59),
                    ..Default::default()
                },
                "next_event_wait must be from 60 to 900, not 59",
            ),
            (
                StartOptions {
                    next_event_wait: Some(901),
                    ..Default::default()
                },
                "next_event_wait must be from 60 to 900, not 901",
            ),
            (
                StartOptions {
                    lg: Some("EN-GB".to_owned()),
                    ..Default::default()
                },
                "lg \"EN-GB\" is not a Verify v1 locale",
            ),
        ];
        for (options, expected) in cases {
            assert_eq!(refusal(options), expected);
        }
    }

    #[test]
    fn a_pin_expiry_that_is_no_multiple_of_next_event_wait_is_refused() {
        let options = StartOptions {
            pin_expiry: Some(240),
            next_event_wait: Some(90),
            ..Default::default()
        };
        assert_eq!(
            refusal(options),
            "pin_expiry (240) must be a multiple of next_event_wait (90)"
        );
    }

    #[test]
    fn v2_takes_lg_as_its_locale_when_v2_knows_it_and_ignores_the_v1_timings() {
        let options = StartOptions {
            workflow_id: Some(99),
            pin_expiry: Some(1),
            next_event_wait: Some(1),
            lg: Some("es-mx".to_owned()),
        };
        assert_eq!(options.to_v2_locale(), Ok(Some("es-mx")));
        assert_eq!(StartOptions::default().to_v2_locale(), Ok(None));
    }

    #[test]
    fn v2_refuses_a_v1_locale_it_does_not_know() {
        let options = StartOptions {
            lg: Some("ja-jp".to_owned()),
            ..Default::default()
        };
        let expected = VerifyError::InvalidOptions("lg \"ja-jp\" is not a Verify v2 locale".into());
        assert_eq!(options.to_v2_locale(), Err(expected));
    }
}
