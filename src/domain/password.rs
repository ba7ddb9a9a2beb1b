//! The rules a new password must meet. Existing passwords are only ever compared by argon2.

use super::{InvalidInput, Username};

/// A password that passed the sign-up rules: 8-128 characters, not all digits, not the
/// username. (Whether the person typed it twice alike is the form's business.)
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str, username: &Username) -> Result<Self, InvalidInput> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(InvalidInput::new("A password has at least 8 characters."));
        }
        if chars > Self::MAX_CHARS {
            return Err(InvalidInput::new("A password has at most 128 characters."));
        }
        if raw.chars().all(|c| c.is_ascii_digit()) {
            return Err(InvalidInput::new("A password cannot be only digits."));
        }
        if raw.to_lowercase() == username.key() {
            return Err(InvalidInput::new("A password cannot be the username."));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alice() -> Username {
        Username::parse("alice").unwrap()
    }

    #[test]
    fn accepts_a_reasonable_password() {
        assert!(NewPassword::parse("correct horse", &alice()).is_ok());
    }

    #[test]
    fn refuses_short_long_numeric_and_the_username() {
        let long = "x".repeat(129);
        for raw in ["short", long.as_str(), "12345678"] {
            assert!(
                NewPassword::parse(raw, &alice()).is_err(),
                "{raw:?} was accepted"
            );
        }
        let alice_long = Username::parse("alicealice").unwrap();
        assert!(NewPassword::parse("AliceAlice", &alice_long).is_err());
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = NewPassword::parse("correct horse", &alice()).unwrap();
        assert!(!format!("{password:?}").contains("horse"));
    }
}
