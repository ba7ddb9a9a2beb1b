//! The code a person types from the SMS.

use super::InvalidInput;

/// A verification code: 4 to 10 digits (Verify v1 sends 4 or 6; custom PINs go up to 10).
/// Spaces and dashes people type for readability are dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct VerificationCode(String);

impl VerificationCode {
    pub const MIN_LEN: usize = 4;
    pub const MAX_LEN: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        if raw.len() > 64 {
            return Err(InvalidInput::new("That code is too long."));
        }
        let code: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if code.is_empty() {
            return Err(InvalidInput::new("Please type the code from the SMS."));
        }
        if !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(InvalidInput::new("The code is made of digits only."));
        }
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&code.len()) {
            return Err(InvalidInput::new(
                "The code has between 4 and 10 digits: please check the SMS.",
            ));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never print the code itself: it is a secret until it is used.
impl std::fmt::Debug for VerificationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VerificationCode(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_digits_with_spaces_and_dashes() {
        assert_eq!(
            VerificationCode::parse(" 123 456 ").unwrap().as_str(),
            "123456"
        );
        assert_eq!(
            VerificationCode::parse("123-456").unwrap().as_str(),
            "123456"
        );
    }

    #[test]
    fn refuses_empty_letters_short_and_long_codes() {
        for raw in [
            "",
            "   ",
            "12a456",
            "123",
            "12345678901",
            "١٢٣٤٥٦",
            &"1".repeat(100),
        ] {
            assert!(
                VerificationCode::parse(raw).is_err(),
                "{raw:?} was accepted"
            );
        }
    }

    #[test]
    fn debug_output_hides_the_code() {
        let code = VerificationCode::parse("123456").unwrap();
        assert!(!format!("{code:?}").contains("123456"));
    }
}
