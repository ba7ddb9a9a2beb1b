//! Poll and choice ids: positive whole numbers, typed so that a choice id can never be passed
//! where a poll id belongs. On the wire they are plain numbers.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! positive_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "i64", into = "i64")]
        pub struct $name(i64);

        impl $name {
            /// From a URL or a form field: surrounding spaces allowed, nothing else.
            pub fn parse(raw: &str) -> Option<Self> {
                raw.trim().parse::<i64>().ok().and_then(|id| Self::try_from(id).ok())
            }

            /// The number the database stores.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl TryFrom<i64> for $name {
            type Error = NotAnId;

            fn try_from(id: i64) -> Result<Self, NotAnId> {
                if id > 0 {
                    Ok(Self(id))
                } else {
                    Err(NotAnId(id))
                }
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

positive_id!(
    /// A poll's id, as in `/polls/12`.
    PollId
);
positive_id!(
    /// One answer's id, unique across all polls.
    ChoiceId
);

/// A number that no poll or choice can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0} is not an id (ids are positive)")]
pub struct NotAnId(i64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_whole_numbers() {
        assert_eq!(PollId::parse(" 12 ").map(PollId::get), Some(12));
        for raw in [
            "",
            "0",
            "-1",
            "abc",
            "99999999999999999999999",
            "1.5",
            "1e3",
        ] {
            assert_eq!(PollId::parse(raw), None, "{raw:?}");
            assert_eq!(ChoiceId::parse(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn on_the_wire_an_id_is_a_number_and_a_bad_one_does_not_deserialize() {
        let id = ChoiceId::parse("7").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "7");
        assert_eq!(serde_json::from_str::<ChoiceId>("7").unwrap(), id);
        assert!(serde_json::from_str::<PollId>("0").is_err());
        assert_eq!(id.to_string(), "7");
    }
}
