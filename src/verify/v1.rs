//! Verify v1 on the wire: a form body out, a `{"status": "…"}` JSON object back, and the
//! mapping from that status to [`VerifyError`]. v1 reports every outcome as HTTP 200 with a
//! string status, so anything else is the provider (or a proxy) failing, not an answer.

use super::{RequestId, Unavailable, VerifyError, VerifySettings};
use crate::domain::{PhoneNumber, VerificationCode};
use secrecy::ExposeSecret;
use serde::Deserialize;
use std::time::Instant;
use tracing::field::Empty;

/// v1 defaults to 4 digits; 6 makes guessing within the 3 allowed tries 100 times harder.
const CODE_LENGTH: &str = "6";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Operation {
    Start,
    Check,
}

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
) -> Result<RequestId, VerifyError> {
    let started = Instant::now();
    let params = [
        ("number", number.digits()),
        ("brand", settings.brand.as_str()),
        ("code_length", CODE_LENGTH),
    ];
    let outcome = match post(http, settings, "/verify/json", &params).await {
        Ok(reply) => interpret(Operation::Start, reply).and_then(|echoed| {
            echoed.ok_or_else(|| malformed("a success without a usable request_id"))
        }),
        Err(error) => Err(error),
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
        Ok(reply) => match interpret(Operation::Check, reply) {
            Ok(Some(echoed)) if echoed == *request_id => Ok(()),
            Ok(_) => Err(malformed("a success for another or no request_id")),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    };
    log_outcome(&outcome, started);
    outcome
}

/// The parts of a v1 reply we read. All values are strings on the wire.
struct Reply {
    status: String,
    error_text: Option<String>,
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct WireReply {
    status: Option<WireStatus>,
    error_text: Option<String>,
    request_id: Option<String>,
}

/// The documented status is a string ("16"); a number is tolerated in case a proxy or a
/// future version re-encodes it.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireStatus {
    Text(String),
    Number(u64),
}

async fn post(
    http: &reqwest::Client,
    settings: &VerifySettings,
    path: &str,
    params: &[(&str, &str)],
) -> Result<Reply, VerifyError> {
    // The only place the secret is exposed: straight into the body of a TLS request.
    let mut form = vec![
        ("api_key", settings.api_key.as_str()),
        ("api_secret", settings.api_secret.expose_secret()),
    ];
    form.extend_from_slice(params);
    let response = http
        .post(format!("{}{path}", settings.base_url))
        .form(&form)
        .send()
        .await
        .map_err(transport_failure)?;
    let status = response.status();
    if !status.is_success() {
        record_cause(&format!("HTTP {status}"));
        return Err(VerifyError::Unavailable(Unavailable::HttpStatus(
            status.as_u16(),
        )));
    }
    let body = response.bytes().await.map_err(transport_failure)?;
    parse_reply(&body)
}

fn parse_reply(body: &[u8]) -> Result<Reply, VerifyError> {
    let wire: WireReply = serde_json::from_slice(body)
        .map_err(|error| malformed(&format!("not a Verify JSON object: {error}")))?;
    let status = match wire.status {
        Some(WireStatus::Text(status)) => status,
        Some(WireStatus::Number(status)) => status.to_string(),
        None => return Err(malformed("no status")),
    };
    Ok(Reply {
        status,
        error_text: wire.error_text,
        request_id: wire.request_id,
    })
}

/// `Ok` carries the echoed request id of a success (status "0"), checked by the caller.
fn interpret(operation: Operation, reply: Reply) -> Result<Option<RequestId>, VerifyError> {
    let echoed = reply.request_id.as_deref().and_then(RequestId::parse);
    let error_text = reply.error_text.unwrap_or_default();
    let status = reply.status;
    let error = match status.as_str() {
        "0" => return Ok(echoed),
        "1" => VerifyError::Throttled,
        // The person typed a number the provider will not take: theirs to change, not ours.
        "3" if operation == Operation::Start && names_the_number(&error_text) => {
            VerifyError::NumberNotSupported { status }
        }
        "5" => VerifyError::Unavailable(Unavailable::ProviderError),
        // On start, 6 is a generic "unable to process", not a finished request.
        "6" if operation == Operation::Check => VerifyError::RequestNotFound,
        "7" | "15" | "29" => VerifyError::NumberNotSupported { status },
        "10" => VerifyError::ConcurrentRequest { request_id: echoed },
        "16" => VerifyError::WrongCode,
        "17" => VerifyError::TooManyWrongCodes,
        _ => VerifyError::Rejected { status, error_text },
    };
    Err(error)
}

/// "Invalid value for number" (or "…parameter number", "…param: number").
fn names_the_number(error_text: &str) -> bool {
    error_text.trim_end_matches('.').rsplit([' ', ':']).next() == Some("number")
}

fn transport_failure(error: reqwest::Error) -> VerifyError {
    record_cause(&error_chain(&error));
    if error.is_timeout() {
        VerifyError::Unavailable(Unavailable::Timeout)
    } else {
        VerifyError::Unavailable(Unavailable::Connection)
    }
}

fn malformed(why: &str) -> VerifyError {
    record_cause(why);
    VerifyError::Unavailable(Unavailable::MalformedResponse)
}

/// The cause goes on the call's span, so the one log line per call carries it.
fn record_cause(cause: &str) {
    tracing::Span::current().record("cause", cause);
}

/// reqwest's own message is "error sending request"; the reason is down the chain.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

/// One line per call. Our mistakes are errors, the provider's are warnings, and what a
/// person caused (a wrong code, an unsupported number) is ordinary information.
fn log_outcome<T>(outcome: &Result<T, VerifyError>, started: Instant) {
    let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    match outcome {
        Ok(_) => tracing::info!(outcome = "status 0", elapsed_ms, "verify call succeeded"),
        Err(error @ VerifyError::Rejected { .. }) => {
            tracing::error!(outcome = %error.log_label(), elapsed_ms, %error, "verify call rejected");
        }
        Err(error @ VerifyError::Unavailable(_)) => {
            tracing::warn!(outcome = %error.log_label(), elapsed_ms, "verify call failed");
        }
        Err(error) => {
            tracing::info!(outcome = %error.log_label(), elapsed_ms, "verify call refused")
        }
    }
}

#[cfg(test)]
mod tests;
