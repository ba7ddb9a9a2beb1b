//! `Authorization: Basic base64(key:secret)`, decoded by hand: the crate has no base64
//! dependency, and this is the only place that needs one. And the comparison of what a
//! caller gave with the simulator's own credentials, for every endpoint of both versions.

use super::SimulatorCredentials;
use axum::http::{header, HeaderMap};
use secrecy::ExposeSecret;

/// What a Basic header says, if the request has one.
pub(super) enum BasicAuth {
    Absent,
    /// The header is there but is not valid Basic credentials: the caller meant to
    /// authenticate and failed, which is "bad credentials", not "missing".
    Unreadable,
    Given {
        key: String,
        secret: String,
    },
}

pub(super) fn read(headers: &HeaderMap) -> BasicAuth {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return BasicAuth::Absent;
    };
    let decoded = value
        .to_str()
        .ok()
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("basic"))
        .and_then(|(_, encoded)| decode_base64(encoded.trim()))
        .and_then(|bytes| String::from_utf8(bytes).ok());
    match decoded.as_deref().and_then(|pair| pair.split_once(':')) {
        Some((key, secret)) => BasicAuth::Given {
            key: key.to_owned(),
            secret: secret.to_owned(),
        },
        None => BasicAuth::Unreadable,
    }
}

/// Whether `key` and `secret` are the simulator's.
pub(super) fn matches(expected: &SimulatorCredentials, key: &str, secret: &str) -> bool {
    let right_key = same(key, &expected.api_key);
    let right_secret = same(secret, expected.api_secret.expose_secret());
    right_key && right_secret
}

/// Compares without stopping at the first difference: the simulator may listen on a
/// shared network, so it does not leak its secret through timing either.
fn same(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |differences, (a, b)| differences | (a ^ b))
            == 0
}

/// Standard alphabet; padding optional. `None` on any other character.
fn decode_base64(encoded: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(encoded.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for c in encoded.trim_end_matches('=').bytes() {
        let sextet = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(authorization: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(authorization).unwrap(),
        );
        headers
    }

    #[test]
    fn decodes_base64_with_and_without_padding() {
        assert_eq!(decode_base64("a2V5OnNlY3JldA==").unwrap(), b"key:secret");
        assert_eq!(decode_base64("a2V5OnNlY3JldA").unwrap(), b"key:secret");
        assert_eq!(decode_base64("YWJj").unwrap(), b"abc");
        assert_eq!(decode_base64("Pz8+Pw==").unwrap(), b"??>?");
        assert!(decode_base64("a2V5*").is_none());
    }

    #[test]
    fn reads_key_and_secret_and_keeps_colons_in_the_secret() {
        // base64("abc:s3:cret")
        match read(&headers("Basic YWJjOnMzOmNyZXQ=")) {
            BasicAuth::Given { key, secret } => {
                assert_eq!((key.as_str(), secret.as_str()), ("abc", "s3:cret"))
            }
            _ => panic!("not read"),
        }
    }

    #[test]
    fn other_schemes_and_garbage_are_unreadable_and_no_header_is_absent() {
        for value in ["Bearer abc", "Basic !!!", "Basic YWJj", "Basic"] {
            assert!(
                matches!(read(&headers(value)), BasicAuth::Unreadable),
                "{value}"
            );
        }
        assert!(matches!(read(&HeaderMap::new()), BasicAuth::Absent));
    }

    #[test]
    fn comparison_needs_equal_length_and_bytes() {
        assert!(same("secret", "secret"));
        assert!(!same("secret", "secreT"));
        assert!(!same("secret", "secrets"));
        assert!(!same("", "secret"));
    }
}
