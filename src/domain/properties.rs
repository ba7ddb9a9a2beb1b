//! Property tests: every parser at the edge takes any string without panicking, and what it
//! accepts keeps its promise.

use super::{NewPassword, NextPath, Username, VerificationCode};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn next_path_is_always_a_local_path(raw in "\\PC*|[/\\\\%a-zA-Z0-9:.\\t\\r\\n]{0,40}") {
        let next = NextPath::parse(&raw);
        let path = next.as_str();
        prop_assert!(path.starts_with('/'));
        prop_assert!(!path.starts_with("//") && !path.starts_with("/\\\\"));
        prop_assert!(path.bytes().all(|b| b.is_ascii_graphic()));
    }

    #[test]
    fn usernames_parse_or_refuse_without_panicking(raw in "\\PC*") {
        if let Ok(name) = Username::parse(&raw) {
            prop_assert!(!name.as_str().is_empty() && name.as_str().chars().count() <= 150);
            let _ = name.skeleton();
        }
    }

    #[test]
    fn passwords_parse_or_refuse_without_panicking(raw in "\\PC*") {
        let username = Username::parse("alice").unwrap();
        if let Ok(password) = NewPassword::parse(&raw, &username) {
            prop_assert!((8..=128).contains(&password.expose().chars().count()));
        }
    }

    #[test]
    fn codes_are_only_ever_4_to_10_digits(raw in "\\PC*|[0-9 -]{0,20}") {
        if let Ok(code) = VerificationCode::parse(&raw) {
            prop_assert!((4..=10).contains(&code.as_str().len()));
            prop_assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
        }
    }
}

#[cfg(feature = "ssr")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn phone_numbers_parse_into_e164_or_refuse_without_panicking(raw in "\\PC*|[+0-9 ().-]{0,30}") {
        if let Ok(number) = super::PhoneNumber::parse(&raw) {
            let e164 = number.e164();
            prop_assert!(e164.starts_with('+'));
            prop_assert!(e164[1..].bytes().all(|b| b.is_ascii_digit()));
            prop_assert!((8..=16).contains(&e164.len()));
        }
    }
}
