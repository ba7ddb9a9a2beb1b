//! Verify v1 on the wire: a form body out, a `{"status": "…"}` JSON object back, and the
//! mapping from that status to [`VerifyError`].
//!
//! Every call is one `verify` span with only what may be logged (operation, masked number
//! or request id, and a `cause` when the transport fails) and ends with one log line
//! ([`outcome::log_outcome`]) naming the outcome and the time it took.

mod control;
mod outcome;
mod transport;

use super::{RequestId, StartOptions, VerifyError, VerifySettings};
use crate::domain::{PhoneNumber, VerificationCode};
use outcome::{interpret, log_outcome, Operation};
use std::time::Instant;
use tracing::field::Empty;
use transport::{malformed, parse_reply, post};

pub(super) use control::{control, Command};

/// v1 defaults to 4 digits; 6 makes guessing within the 3 allowed tries 100 times harder.
const CODE_LENGTH: &str = "6";

// `skip_all`: the arguments hold the secret, the code and the full number. The span carries
// only what may be logged; `cause` is filled in when the transport fails.
#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(operation = "start", number = %number.masked(), cause = Empty)
)]
pub(super) async fn start(
    http: &reqwest::Client,
    settings: &VerifySettings,
    number: &PhoneNumber,
    options: &StartOptions,
) -> Result<RequestId, VerifyError> {
    let started = Instant::now();
    let outcome = match options.to_params() {
        Ok(extra) => {
            let mut params = vec![
                ("number", number.digits()),
                ("brand", settings.brand.as_str()),
                ("code_length", CODE_LENGTH),
            ];
            params.extend(extra.iter().map(|(name, value)| (*name, value.as_str())));
            match post(http, settings, "/verify/json", &params).await {
                Ok(body) => parse_reply(&body)
                    .and_then(|reply| interpret(Operation::Start, reply))
                    .and_then(|echoed| {
                        echoed.ok_or_else(|| malformed("a success without a usable request_id"))
                    }),
                Err(error) => Err(error),
            }
        }
        Err(invalid) => Err(invalid),
    };
    log_outcome(&outcome, started);
    outcome
}

#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(operation = "check", request_id = %request_id, cause = Empty)
)]
pub(super) async fn check(
    http: &reqwest::Client,
    settings: &VerifySettings,
    request_id: &RequestId,
    code: &VerificationCode,
) -> Result<(), VerifyError> {
    let started = Instant::now();
    let params = [("request_id", request_id.as_str()), ("code", code.as_str())];
    let outcome = match post(http, settings, "/verify/check/json", &params).await {
        // A success that does not name our request is not an answer to our question.
        Ok(body) => match parse_reply(&body).and_then(|reply| interpret(Operation::Check, reply)) {
            Ok(Some(echoed)) if echoed == *request_id => Ok(()),
            Ok(_) => Err(malformed("a success for another or no request_id")),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    };
    log_outcome(&outcome, started);
    outcome
}

#[cfg(test)]
mod tests;
