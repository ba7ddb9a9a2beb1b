//! `AppError`: the one error type that crosses the wire between server functions and pages.
//!
//! Expected failures (a wrong code, a taken username) are variants a form can show. Anything
//! unexpected (database, transport) is logged once on the server with its cause and reaches
//! the person as `Internal`: never driver text, never a secret.

#[cfg(feature = "ssr")]
mod internal;
#[cfg(feature = "ssr")]
pub use internal::{error_chain, internal_error, OrInternal, RETRY_AFTER};

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// The form field an `Invalid` error belongs to, so the page can show it next to that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Username,
    Password,
    PasswordAgain,
    PhoneNumber,
    Code,
    RecoveryCode,
    Choice,
    Question,
    Choices,
    Closes,
    ResultsShown,
    Confirm,
    Search,
    Answers,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{message}")]
    Invalid { field: Field, message: String },
    #[error("Please log in first.")]
    NotLoggedIn,
    #[error("Please confirm this browser with a code sent to your phone first.")]
    NotVerified,
    #[error("Invalid username or password.")]
    InvalidCredentials,
    #[error(
        "That username is taken, or looks too much like one that is. Please choose another one."
    )]
    UsernameTaken,
    #[error(
        "That phone number is already confirmed on another account. Please use your own number."
    )]
    PhoneTaken,
    #[error("That code is not right. Please check the SMS and try again.")]
    WrongCode,
    #[error("That code was wrong too many times. Please start again and ask for a new code.")]
    TooManyWrongCodes,
    #[error("That code has expired or was already used. Please ask for a new code.")]
    CodeExpired,
    #[error("No code is on its way for this browser yet. Please ask for one first.")]
    NoCodeRequested,
    #[error("You can ask for a new code in {retry_after_secs} seconds.")]
    TooSoon { retry_after_secs: i64 },
    #[error("This code cannot be sent or called again. Please ask for a new code.")]
    NoMoreDeliveries,
    #[error("A code is already on its way to that number. Please wait a few minutes before asking for another.")]
    CodeAlreadySent,
    /// A code for this number is on its way for another account: its tries are not ours.
    #[error("A code was just sent to this number. Please try again in a few minutes.")]
    NumberBusy,
    /// The pending request was made before the account's number was set or changed.
    #[error("This account's phone number changed after that code was asked for, so it no longer counts. Please start again.")]
    StaleRequest,
    #[error("We cannot send codes to that number. Please use another mobile number.")]
    NumberNotSupported,
    #[error("{}", throttled_message(*retry_after_secs))]
    Throttled { retry_after_secs: i64 },
    #[error("The SMS service is not available right now. Please try again in a few minutes.")]
    VerifyUnavailable,
    #[error("That poll does not exist.")]
    PollNotFound,
    #[error("Please choose one of the poll's answers.")]
    InvalidChoice,
    #[error("This poll is closed: it takes no more votes.")]
    PollClosed,
    #[error("Only the person who made this poll can do that.")]
    NotYourPoll,
    #[error("A moderator has hidden this poll: it takes no votes.")]
    PollHidden,
    #[error("Only a moderator can do that.")]
    NotModerator,
    #[error("This poll has votes now, so it can no longer be changed.")]
    PollHasVotes,
    /// The poll shows its results only to people who voted.
    #[error("The results show once you have voted.")]
    ResultsAfterVote,
    /// The poll shows its results once it has closed, at `closes_at` (as the page writes it).
    #[error("The results show when the poll closes, on {closes_at}.")]
    ResultsAfterClose { closes_at: String },
    #[error("The site is busy right now. Please try again in a few seconds.")]
    Busy,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The form sent more than any form of this app does (the body limit).
    #[error(
        "That is more than this form takes, so nothing was saved. Please shorten it and try again."
    )]
    TooLarge,
    /// The request itself could not be carried out (network down, malformed form post).
    #[error("The request could not be completed. Please check your connection and try again.")]
    Request,
}

impl AppError {
    pub fn invalid(field: Field, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }

    /// The sentence a page shows for this error.
    pub fn user_message(&self) -> String {
        self.to_string()
    }

    /// The HTTP status a JavaScript call of a server function answers with. Expected
    /// failures are the client's (4xx), so the session changes they make (a used-up code
    /// forgotten) are still saved; tower-sessions saves nothing on a 5xx.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::NotLoggedIn => 401,
            Self::NotVerified => 403,
            Self::PollNotFound => 404,
            Self::ResultsAfterVote
            | Self::ResultsAfterClose { .. }
            | Self::NotYourPoll
            | Self::NotModerator => 403,
            Self::PollClosed | Self::PollHidden | Self::PollHasVotes => 409,
            Self::UsernameTaken | Self::PhoneTaken | Self::CodeAlreadySent | Self::NumberBusy => {
                409
            }
            Self::TooManyWrongCodes
            | Self::CodeExpired
            | Self::NoCodeRequested
            | Self::StaleRequest => 410,
            Self::Throttled { .. } | Self::TooSoon { .. } => 429,
            Self::NoMoreDeliveries => 409,
            Self::VerifyUnavailable | Self::Busy => 503,
            Self::Internal => 500,
            Self::TooLarge => 413,
            Self::Invalid { .. }
            | Self::InvalidCredentials
            | Self::WrongCode
            | Self::NumberNotSupported
            | Self::InvalidChoice
            | Self::Request => 400,
        }
    }

    /// The message for `field`, when this error is about that field.
    pub fn message_for(&self, field: Field) -> Option<String> {
        match self {
            Self::Invalid { field: f, message } if *f == field => Some(message.clone()),
            _ => None,
        }
    }
}

/// "Too many attempts. Please try again in 4 minutes."
fn throttled_message(retry_after_secs: i64) -> String {
    let wait = match retry_after_secs {
        ..=60 => "a minute".to_owned(),
        61..=5400 => format!("{} minutes", (retry_after_secs + 59) / 60),
        _ => format!("{} hours", (retry_after_secs + 3599) / 3600),
    };
    format!("Too many attempts. Please try again in {wait}.")
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // A body that is not a form of the right fields (missing ones, wrong types, not
            // even UTF-8), or no answer at all: the request's fault, and worth a retry.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
            | ServerFnErrorErr::Request(_) => Self::Request,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_throttled_person_is_told_when_to_come_back() {
        let wait = |secs| {
            AppError::Throttled {
                retry_after_secs: secs,
            }
            .user_message()
        };
        assert_eq!(wait(30), "Too many attempts. Please try again in a minute.");
        assert_eq!(
            wait(61),
            "Too many attempts. Please try again in 2 minutes."
        );
        assert_eq!(
            wait(600),
            "Too many attempts. Please try again in 10 minutes."
        );
        assert_eq!(
            wait(7200),
            "Too many attempts. Please try again in 2 hours."
        );
    }
}
