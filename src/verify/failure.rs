//! How a failed call is recorded, the same way for both API versions: the cause goes on the
//! call's span (so the one log line per call carries it), and the caller gets an
//! [`Unavailable`] saying nothing more than what the person-facing flow needs.

use super::{Unavailable, VerifyError};

/// No answer at all: a timeout, or no connection.
pub(super) fn transport_failure(error: reqwest::Error) -> VerifyError {
    // reqwest puts the URL in its messages; dropping it keeps the cause free of anything a
    // URL could carry (v1 also takes the credentials in a query string).
    let error = error.without_url();
    record_cause(&crate::error::error_chain(&error));
    if error.is_timeout() {
        VerifyError::Unavailable(Unavailable::Timeout)
    } else {
        VerifyError::Unavailable(Unavailable::Connection)
    }
}

/// An answer that is not the one the API documents.
pub(super) fn malformed(why: &str) -> VerifyError {
    record_cause(why);
    VerifyError::Unavailable(Unavailable::MalformedResponse)
}

pub(super) fn record_cause(cause: &str) {
    tracing::Span::current().record("cause", cause);
}
