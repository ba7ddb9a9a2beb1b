//! Which Verify API the client speaks, chosen at run time (from configuration), and the
//! channels a v2 request tries in turn.

/// Verify v1 (the RPC-style legacy API, verify-api.md §1) or v2 (REST with problem+json
/// errors, §2). Both send the same code to the same phone; only the wire differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// The default: what the app has always spoken, and what its tests run against.
    #[default]
    V1,
    V2,
}

impl ApiVersion {
    /// `v1` or `v2`, in any case, with surrounding spaces ignored (it comes from an
    /// environment variable).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "v1" => Some(Self::V1),
            "v2" => Some(Self::V2),
            _ => None,
        }
    }
}

/// One step of a v2 workflow: how the code reaches the phone. Only the two channels a
/// phone number alone can use; WhatsApp, e-mail and silent auth need more than a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum V2Channel {
    Sms,
    Voice,
}

impl V2Channel {
    /// An SMS first, then a voice call reading the code: v1's default workflow, so a
    /// person sees the same thing whichever API the app speaks.
    pub const DEFAULT_WORKFLOW: [Self; 2] = [Self::Sms, Self::Voice];
    /// A v2 workflow has 1 to 3 steps (verify-api.md §2.3).
    pub const MAX_WORKFLOW_LEN: usize = 3;

    /// `sms` or `voice`, in any case.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "sms" => Some(Self::Sms),
            "voice" => Some(Self::Voice),
            _ => None,
        }
    }

    /// A comma-separated workflow such as `sms,voice`: 1 to 3 known channels, no empty
    /// item. `None` for anything else, so a typo in the configuration stops the start-up
    /// instead of quietly texting nobody.
    pub fn parse_workflow(raw: &str) -> Option<Vec<Self>> {
        let channels = raw
            .split(',')
            .map(Self::parse)
            .collect::<Option<Vec<_>>>()?;
        (1..=Self::MAX_WORKFLOW_LEN)
            .contains(&channels.len())
            .then_some(channels)
    }

    /// The wire name of the channel in a v2 workflow item.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Voice => "voice",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions_parse_in_any_case_and_default_to_v1() {
        assert_eq!(ApiVersion::parse("v1"), Some(ApiVersion::V1));
        assert_eq!(ApiVersion::parse(" V2 "), Some(ApiVersion::V2));
        for other in ["", "2", "v3", "version2"] {
            assert_eq!(ApiVersion::parse(other), None, "{other:?}");
        }
        assert_eq!(ApiVersion::default(), ApiVersion::V1);
    }

    #[test]
    fn workflows_parse_from_a_comma_separated_list() {
        assert_eq!(
            V2Channel::parse_workflow("sms,voice"),
            Some(V2Channel::DEFAULT_WORKFLOW.to_vec())
        );
        assert_eq!(
            V2Channel::parse_workflow("Voice"),
            Some(vec![V2Channel::Voice])
        );
        assert_eq!(
            V2Channel::parse_workflow("sms, sms ,voice"),
            Some(vec![V2Channel::Sms, V2Channel::Sms, V2Channel::Voice])
        );
    }

    #[test]
    fn workflows_with_unknown_empty_or_too_many_channels_are_refused() {
        for raw in ["", "sms,", "sms,email", "whatsapp", "sms,voice,sms,voice"] {
            assert_eq!(V2Channel::parse_workflow(raw), None, "{raw:?}");
        }
    }
}
