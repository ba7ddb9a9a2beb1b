//! Phone numbers, parsed with libphonenumber's metadata into E.164. Server-only: the browser
//! build never parses numbers (the server is the one that must be right), so it does not pay
//! for the metadata.

use super::InvalidInput;
use phonenumber::{metadata::DATABASE, Mode, Type};
use unicode_normalization::UnicodeNormalization;

const EXAMPLE: &str = "Please type it in international format, like +1 212 555 0142.";

/// A phone number that can receive an SMS, in E.164 (`+12125550142`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    e164: String,
    country_code: u16,
}

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        if raw.len() > 200 {
            return Err(InvalidInput::new("That phone number is too long."));
        }
        // Full-width digits and signs (from some phone keyboards) become ASCII.
        let normalised: String = raw.nfkc().collect();
        let raw = normalised.trim();
        if raw.is_empty() {
            return Err(InvalidInput::new("Please type your mobile phone number."));
        }
        if raw.chars().count() > 40 {
            return Err(InvalidInput::new("That phone number is too long."));
        }
        if !raw
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
        {
            return Err(InvalidInput::new(format!(
                "A phone number has only digits, spaces and + - . ( ). {EXAMPLE}"
            )));
        }
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        // E.164 allows at most 15 digits; fewer than 7 is no subscriber number anywhere.
        if digits.len() < 7 {
            return Err(InvalidInput::new(format!(
                "That phone number is too short. {EXAMPLE}"
            )));
        }
        if digits.len() > 15 + 2 {
            return Err(InvalidInput::new("That phone number is too long."));
        }
        // Parsing with no default region needs the leading `+`; `00` is the common
        // international prefix people type instead.
        let international = match digits.strip_prefix("00") {
            Some(rest) if !raw.starts_with('+') => format!("+{rest}"),
            _ => format!("+{digits}"),
        };
        let number = phonenumber::parse(None, &international).map_err(|_| {
            InvalidInput::new(format!("That is not a phone number we know. {EXAMPLE}"))
        })?;
        if !number.is_valid() {
            return Err(InvalidInput::new(format!(
                "That is not a valid phone number. {EXAMPLE}"
            )));
        }
        match number.number_type(&DATABASE) {
            Type::Mobile | Type::FixedLineOrMobile | Type::FixedLine => {}
            Type::PremiumRate | Type::SharedCost | Type::TollFree | Type::Uan => {
                return Err(InvalidInput::new(
                    "Premium-rate, toll-free and shared-cost numbers cannot receive codes. Please use your mobile number.",
                ))
            }
            _ => {
                return Err(InvalidInput::new(
                    "That number cannot receive an SMS. Please use your mobile number.",
                ))
            }
        }
        Ok(Self {
            e164: number.format().mode(Mode::E164).to_string(),
            country_code: number.code().value(),
        })
    }

    /// Rebuilds a number the database stored after it was parsed once.
    pub fn from_trusted_e164(e164: &str) -> Result<Self, InvalidInput> {
        Self::parse(e164)
    }

    /// `+12125550142`
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The E.164 digits without the `+`, as the Verify API wants them.
    pub fn digits(&self) -> &str {
        &self.e164[1..]
    }

    /// `+1 •••• ••0142`: enough for a person to recognise their number, and the only form
    /// that may appear in a page for someone else's eyes or in a log.
    pub fn masked(&self) -> String {
        let last_four = &self.e164[self.e164.len() - 4..];
        format!("+{} •••• ••{last_four}", self.country_code)
    }
}

/// Stored (in a session) as its E.164 text, and parsed again when read back, so a value that
/// deserializes is a number as valid as one typed.
impl serde::Serialize for PhoneNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164)
    }
}

impl<'de> serde::Deserialize<'de> for PhoneNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let e164 = String::deserialize(deserializer)?;
        Self::from_trusted_e164(&e164).map_err(serde::de::Error::custom)
    }
}

/// Logs and debug output get the masked form only.
impl std::fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhoneNumber({})", self.masked())
    }
}

impl std::fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_international_formats() {
        for raw in [
            "+1 212 555 0142",
            "+1 (212) 555-0142",
            "1.212.555.0142",
            "12125550142",
            "001 212 555 0142",
            "+1-212-555-0142",
            "＋１ ２１２ ５５５ ０１４２",
        ] {
            let number = PhoneNumber::parse(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
            assert_eq!(number.e164(), "+12125550142");
            assert_eq!(number.digits(), "12125550142");
        }
    }

    #[test]
    fn accepts_a_uk_mobile() {
        assert_eq!(
            PhoneNumber::parse("+44 7911 123456").unwrap().e164(),
            "+447911123456"
        );
    }

    #[test]
    fn refuses_letters_short_long_and_garbage() {
        for raw in [
            "",
            "call me",
            "+1 212 555 O142",
            "12345",
            "+1234567890123456789",
            "+999 1234567",
            "+1 212\n555 0142",
            &"1".repeat(41),
        ] {
            assert!(PhoneNumber::parse(raw).is_err(), "{raw:?} was accepted");
        }
    }

    #[test]
    fn refuses_premium_rate_and_toll_free() {
        let premium = PhoneNumber::parse("+61 1900 123 456").unwrap_err();
        assert!(premium.0.contains("Premium-rate"), "{premium}");
        assert!(PhoneNumber::parse("+800 1234 5678").is_err());
    }

    #[test]
    fn stores_as_e164_and_reads_back_only_a_valid_number() {
        let number = PhoneNumber::parse("+44 7911 123456").unwrap();
        let stored = serde_json::to_string(&number).unwrap();
        assert_eq!(stored, r#""+447911123456""#);
        assert_eq!(
            serde_json::from_str::<PhoneNumber>(&stored).unwrap(),
            number
        );
        assert!(serde_json::from_str::<PhoneNumber>(r#""+1 900 call me""#).is_err());
    }

    #[test]
    fn masks_all_but_the_country_and_last_four_digits() {
        let number = PhoneNumber::parse("+44 7911 123456").unwrap();
        assert_eq!(number.masked(), "+44 •••• ••3456");
        assert!(!format!("{number:?}").contains("7911"));
        assert!(!number.to_string().contains("7911"));
    }
}
