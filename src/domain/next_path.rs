//! `next`: where to send a person after login or verification. Only a path on this site is
//! accepted; anything that a browser could read as another origin falls back to `/`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};

/// A local path: `/` followed by anything but `/` or `\`, printable ASCII only (so it is always
/// a valid `Location` header), and still so after every round of percent-decoding (so
/// `%2F%2F`, `%5C` and double-encoded tricks fail too).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NextPath(String);

impl NextPath {
    const MAX_LEN: usize = 2048;
    /// Enough rounds to unwrap any encoding a browser or proxy might undo on the way.
    const DECODE_ROUNDS: usize = 4;

    /// Parses `raw`, falling back to `/` when it is not a safe local path.
    pub fn parse(raw: &str) -> Self {
        Self::try_parse(raw).unwrap_or_else(Self::root)
    }

    pub fn try_parse(raw: &str) -> Option<Self> {
        if raw.len() > Self::MAX_LEN || !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        let mut stage = raw.to_owned();
        for _ in 0..Self::DECODE_ROUNDS {
            if !is_local_path(stage.as_bytes()) {
                return None;
            }
            let decoded: Vec<u8> = percent_decode_str(&stage).collect();
            if decoded == stage.as_bytes() {
                return Some(Self(raw.to_owned()));
            }
            if decoded.iter().any(u8::is_ascii_control) {
                return None;
            }
            stage = String::from_utf8_lossy(&decoded).into_owned();
        }
        None
    }

    pub fn root() -> Self {
        Self("/".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This path, percent-encoded to be a query parameter's value.
    pub fn encoded(&self) -> String {
        utf8_percent_encode(&self.0, NON_ALPHANUMERIC).to_string()
    }

    /// `path?next=<this, percent-encoded>`, or just `path` when this is `/`.
    pub fn attach_to(&self, path: &str) -> String {
        if self.0 == "/" {
            path.to_owned()
        } else {
            format!(
                "{path}?next={}",
                utf8_percent_encode(&self.0, NON_ALPHANUMERIC)
            )
        }
    }
}

impl Default for NextPath {
    fn default() -> Self {
        Self::root()
    }
}

fn is_local_path(path: &[u8]) -> bool {
    match path {
        [b'/'] => true,
        [b'/', second, ..] => *second != b'/' && *second != b'\\',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_local_paths() {
        for raw in [
            "/",
            "/polls/1",
            "/polls/1/results?x=1#top",
            "/2fa?next=%2Fpolls%2F1",
            "/a%20b",
        ] {
            assert_eq!(NextPath::parse(raw).as_str(), raw);
        }
    }

    #[test]
    fn falls_back_to_root_for_other_origins_and_schemes() {
        let payloads = [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "https:evil.example",
            "\\\\evil.example",
            "%2F%2Fevil.example",
            "/%2Fevil.example",
            "/%5Cevil.example",
            "/%09/evil.example",
            "/%252F/evil.example",
            "/%25252F%25252Fevil.example",
            "/ok\r\nLocation: https://evil.example",
            "/ok%0d%0aSet-Cookie:x=1",
            "/ünïcode",
            "",
            "polls/1",
        ];
        for raw in payloads {
            assert_eq!(
                NextPath::parse(raw),
                NextPath::root(),
                "{raw:?} was accepted"
            );
        }
        assert_eq!(
            NextPath::parse(&format!("/{}", "a".repeat(3000))),
            NextPath::root()
        );
    }

    #[test]
    fn attaches_itself_encoded_as_a_query_parameter() {
        assert_eq!(
            NextPath::parse("/polls/1").attach_to("/login"),
            "/login?next=%2Fpolls%2F1"
        );
        assert_eq!(NextPath::root().attach_to("/login"), "/login");
    }
}
