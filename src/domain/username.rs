//! Usernames, limited like Django's: 1-150 letters, digits and `@.+-_`, normalised with
//! NFKC so that look-alike spellings (full-width letters, ligatures) are one name.

use super::InvalidInput;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub const MAX_CHARS: usize = 150;

    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        if raw.len() > Self::MAX_CHARS * 4 {
            return Err(InvalidInput::new("A username has at most 150 characters."));
        }
        let normalised: String = raw.nfkc().collect();
        let name = normalised.trim();
        if name.is_empty() {
            return Err(InvalidInput::new("Please choose a username."));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(InvalidInput::new("A username has at most 150 characters."));
        }
        if !name.chars().all(is_allowed) {
            return Err(InvalidInput::new(
                "A username may contain only letters, digits and @ . + - _",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two usernames are compared in: uniqueness ignores case, as people expect
    /// ("Alice" and "alice" are one account), after NFKC; lower-casing can itself produce
    /// text NFKC would change, so it is applied again.
    pub fn key(&self) -> String {
        self.0.to_lowercase().nfkc().collect()
    }

    /// What the name looks like, by Unicode TR39: "pаul" with a Cyrillic "а", "bi11" and
    /// "bill" share a skeleton. No two accounts share one, so nobody can pose as another by a
    /// look-alike name. It is only a comparison form: people log in by `key`. The skeleton is
    /// taken of the name as people see it, capitals included (a Cyrillic "Т" looks like a "T",
    /// its lower case "т" like no "t"), and lower-cased afterwards, so case still does not count.
    #[cfg(feature = "ssr")]
    pub fn skeleton(&self) -> String {
        unicode_security::skeleton(&self.0)
            .collect::<String>()
            .to_lowercase()
    }
}

fn is_allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '@' | '.' | '+' | '-' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_django_style_names() {
        for raw in [
            "alice",
            "a",
            "bob.smith+polls@example-1_x",
            "Zoë",
            &"x".repeat(150),
        ] {
            assert!(Username::parse(raw).is_ok(), "{raw:?} was refused");
        }
    }

    #[test]
    fn refuses_empty_long_and_odd_characters() {
        for raw in [
            "",
            "  ",
            &"x".repeat(151),
            "with space",
            "semi;colon",
            "tab\tname",
            "new\nline",
            "<script>",
        ] {
            assert!(Username::parse(raw).is_err(), "{raw:?} was accepted");
        }
    }

    #[test]
    fn look_alike_spellings_are_one_name() {
        let key = |raw: &str| Username::parse(raw).unwrap().key();
        assert_eq!(key("ｂｏｂ"), key("bob"), "full-width letters");
        assert_eq!(key("ﬁona"), key("fiona"), "a ligature");
        assert_eq!(key("BOB"), key("bob"));
        assert_eq!(Username::parse("ｂｏｂ").unwrap().as_str(), "bob");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn names_that_look_alike_across_scripts_share_a_skeleton() {
        let skeleton = |raw: &str| Username::parse(raw).unwrap().skeleton();
        assert_eq!(skeleton("p\u{430}ul"), skeleton("paul"), "Cyrillic a");
        assert_eq!(
            skeleton("\u{440}\u{430}\u{443}"),
            skeleton("pay"),
            "all Cyrillic"
        );
        assert_eq!(skeleton("bi11"), skeleton("Bill"), "digits for letters");
        assert_eq!(skeleton("B0B"), skeleton("bob"));
        assert_eq!(
            skeleton("\u{422}\u{43e}m"),
            skeleton("Tom"),
            "a Cyrillic capital"
        );
        assert_eq!(skeleton("BiII"), skeleton("bill"), "capital I for l");
        assert_ne!(skeleton("paul"), skeleton("saul"));
        assert_ne!(
            Username::parse("p\u{430}ul").unwrap().key(),
            Username::parse("paul").unwrap().key(),
            "logging in still takes the name as typed"
        );
    }

    #[test]
    fn key_ignores_case() {
        assert_eq!(
            Username::parse("Alice").unwrap().key(),
            Username::parse("aLICE").unwrap().key()
        );
    }
}
