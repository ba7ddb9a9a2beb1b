//! The provider's id for one running verification.

use serde::{Deserialize, Serialize};

/// A Verify request id: 32 lowercase hex characters in v1, a UUID in v2. Kept in the session
/// between "send code" and "check code", so it is checked again when it comes back from
/// storage (`try_from`), not trusted as any string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct RequestId(String);

impl RequestId {
    const MAX_LEN: usize = 64;

    /// 1 to 64 characters of `[0-9A-Za-z-]`: wide enough for both API versions, narrow
    /// enough that the id is safe to log and to put in a form body.
    pub fn parse(raw: &str) -> Option<Self> {
        let plausible = (1..=Self::MAX_LEN).contains(&raw.len())
            && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        plausible.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RequestId {
    type Error = InvalidRequestId;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw).ok_or(InvalidRequestId)
    }
}

/// Not a secret: the id is useless without the code, so logs may carry it.
impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("not a Verify request id")]
pub struct InvalidRequestId;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_v1_hex_ids_and_v2_uuids() {
        for raw in [
            "abcdef0123456789abcdef0123456789",
            "c11236f4-00bf-4b89-84ba-88b25df97315",
            "A",
        ] {
            assert_eq!(RequestId::parse(raw).map(|id| id.0), Some(raw.to_owned()));
        }
    }

    #[test]
    fn refuses_empty_long_and_odd_characters() {
        let too_long = "a".repeat(65);
        for raw in ["", too_long.as_str(), "abc def", "abc'", "abc/../x", "é"] {
            assert_eq!(RequestId::parse(raw), None, "{raw:?} was accepted");
        }
    }

    #[test]
    fn deserializing_checks_the_id_again() {
        let ok: RequestId = serde_json::from_str("\"abcdef0123456789\"").unwrap();
        assert_eq!(ok.as_str(), "abcdef0123456789");
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"abcdef0123456789\"");
        assert!(serde_json::from_str::<RequestId>("\"<script>\"").is_err());
    }
}
