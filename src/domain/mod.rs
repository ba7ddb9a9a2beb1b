//! Pure value types shared by the server and the browser build. Each one is parsed from raw
//! input at the edge (a form field, a query parameter) and is valid from then on, so nothing
//! past the edge re-checks it. No I/O here.

mod code;
mod ids;
#[cfg(feature = "ssr")]
pub mod new_poll;
mod next_path;
mod password;
#[cfg(feature = "ssr")]
mod phone;
pub mod poll_limits;
#[cfg(test)]
mod properties;
mod username;
#[cfg(feature = "ssr")]
pub mod utc;

pub use code::VerificationCode;
pub use ids::{ChoiceId, NotAnId, PollId};
pub use next_path::NextPath;
pub use password::NewPassword;
#[cfg(feature = "ssr")]
pub use phone::PhoneNumber;
pub use username::Username;

/// Why a raw value was refused, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidInput(pub String);

impl InvalidInput {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}
