//! Verify v2 on the wire (verify-api.md §2): JSON bodies with HTTP Basic auth out; real HTTP
//! statuses and RFC 7807 problem bodies back; and the mapping from those onto the same
//! [`VerifyError`] variants v1 gives, so the caller cannot tell the versions apart.
//!
//! Every call is one `verify` span with only what may be logged (the API version, the
//! operation, the masked number or the request id, and a `cause` when the answer is no
//! answer) and ends with one log line ([`outcome::log_outcome`]) naming the HTTP status
//! received and the time it took.

mod control;
mod outcome;
mod transport;

use super::failure::malformed;
use super::{RequestId, StartOptions, VerifyError, VerifySettings};
use crate::domain::{PhoneNumber, VerificationCode};
use outcome::{failure, log_outcome, Operation};
use serde::Serialize;
use serde_json::Value;
use std::time::Instant;
use tracing::field::Empty;
use transport::{request, send, Answer};

pub(super) use control::{cancel, next_workflow};

/// v2 defaults to 4 digits; 6 makes guessing within the 3 allowed tries 100 times harder,
/// and matches what the v1 client asks for.
const CODE_LENGTH: u8 = 6;

#[derive(Serialize)]
struct StartBody<'a> {
    brand: &'a str,
    code_length: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    locale: Option<&'a str>,
    workflow: Vec<WorkflowItem<'a>>,
}

#[derive(Serialize)]
struct WorkflowItem<'a> {
    channel: &'static str,
    /// E.164 digits without the `+`.
    to: &'a str,
}

#[derive(Serialize)]
struct CheckBody<'a> {
    code: &'a str,
}

/// The start body, or why it cannot be sent: an unknown locale, or a configured workflow
/// the API would refuse (it takes 1 to 3 channels).
fn start_body<'a>(
    settings: &'a VerifySettings,
    number: &'a PhoneNumber,
    options: &'a StartOptions,
) -> Result<StartBody<'a>, VerifyError> {
    let channels = &settings.v2_workflow;
    if !(1..=super::V2Channel::MAX_WORKFLOW_LEN).contains(&channels.len()) {
        return Err(VerifyError::InvalidOptions(format!(
            "the v2 workflow must have 1 to 3 channels, not {}",
            channels.len()
        )));
    }
    Ok(StartBody {
        brand: &settings.brand,
        code_length: CODE_LENGTH,
        locale: options.to_v2_locale()?,
        workflow: channels
            .iter()
            .map(|channel| WorkflowItem {
                channel: channel.as_str(),
                to: number.digits(),
            })
            .collect(),
    })
}

// `skip_all`: the arguments hold the secret, the code and the full number. The span carries
// only what may be logged; `cause` is filled in when no usable answer comes back.
#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(api = "v2", operation = "start", number = %number.masked(), cause = Empty)
)]
pub(super) async fn start(
    http: &reqwest::Client,
    settings: &VerifySettings,
    number: &PhoneNumber,
    options: &StartOptions,
) -> Result<RequestId, VerifyError> {
    let started = Instant::now();
    let mut http_status = None;
    let outcome = match start_body(settings, number, options) {
        Ok(body) => {
            let post = request(http, settings, reqwest::Method::POST, "/v2/verify");
            match send(post.json(&body)).await {
                Ok(answer) => {
                    http_status = Some(answer.status);
                    read_start(&answer)
                }
                Err(error) => Err(error),
            }
        }
        Err(invalid) => Err(invalid),
    };
    log_outcome(&outcome, http_status, started);
    outcome
}

fn read_start(answer: &Answer) -> Result<RequestId, VerifyError> {
    if !answer.is_success() {
        return Err(failure(Operation::Start, answer));
    }
    answer
        .object()
        .and_then(|object| {
            object
                .get("request_id")?
                .as_str()
                .and_then(RequestId::parse)
        })
        .ok_or_else(|| malformed("a start success without a usable request_id"))
}

#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(api = "v2", operation = "check", request_id = %request_id, cause = Empty)
)]
pub(super) async fn check(
    http: &reqwest::Client,
    settings: &VerifySettings,
    request_id: &RequestId,
    code: &VerificationCode,
) -> Result<(), VerifyError> {
    let started = Instant::now();
    let path = format!("/v2/verify/{request_id}");
    let post = request(http, settings, reqwest::Method::POST, &path);
    let body = CheckBody {
        code: code.as_str(),
    };
    let (outcome, http_status) = match send(post.json(&body)).await {
        Ok(answer) => (read_check(&answer, request_id), Some(answer.status)),
        Err(error) => (Err(error), None),
    };
    log_outcome(&outcome, http_status, started);
    outcome
}

/// A success must be `completed` and name our request: anything else is no answer to our
/// question, and must never let a person through.
fn read_check(answer: &Answer, request_id: &RequestId) -> Result<(), VerifyError> {
    if !answer.is_success() {
        return Err(failure(Operation::Check, answer));
    }
    let object = answer
        .object()
        .ok_or_else(|| malformed("a check success that is not a JSON object"))?;
    let text = |name: &str| object.get(name).and_then(Value::as_str);
    match (text("request_id"), text("status")) {
        (Some(echoed), Some("completed")) if echoed == request_id.as_str() => Ok(()),
        (Some(echoed), _) if echoed != request_id.as_str() => {
            Err(malformed("a check success for another request"))
        }
        _ => Err(malformed("a check success that is not `completed`")),
    }
}

#[cfg(test)]
mod tests;
