//! `/verify/search/json` for one request: a GET with the credentials in the query, as the
//! spec documents it, read into a [`VerificationStatus`] (verify-api.md §1.6).

use super::super::{
    EventKind, RequestId, VerificationState, VerificationStatus, VerifyError, VerifySettings,
};
use super::outcome::{interpret, log_outcome, Operation};
use super::transport::{get, malformed, parse_reply};
use serde_json::{Map, Value};
use std::time::Instant;
use tracing::field::Empty;

#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(operation = "search", request_id = %request_id, cause = Empty)
)]
pub(in crate::verify) async fn search(
    http: &reqwest::Client,
    settings: &VerifySettings,
    request_id: &RequestId,
) -> Result<VerificationStatus, VerifyError> {
    let started = Instant::now();
    let params = [("request_id", request_id.as_str())];
    let outcome = match get(http, settings, "/verify/search/json", &params).await {
        Ok(body) => read(&body, request_id),
        Err(error) => Err(error),
    };
    log_outcome(Operation::Search, &outcome, started);
    outcome
}

/// A result is an object whose `status` is a request state (`IN PROGRESS` …); a numeric
/// status is an error reply. Several results come wrapped in `verification_requests`.
fn read(body: &[u8], request_id: &RequestId) -> Result<VerificationStatus, VerifyError> {
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) else {
        return Err(malformed("not a Verify JSON object"));
    };
    let object = match object.get("verification_requests") {
        Some(Value::Array(results)) => results
            .iter()
            .filter_map(Value::as_object)
            .find(|result| names(result, request_id))
            .ok_or_else(|| malformed("a search result for other requests"))?,
        Some(_) => return Err(malformed("verification_requests is not a list")),
        None => &object,
    };
    let status = object.get("status").and_then(Value::as_str);
    match status.map(|status| (status, VerificationState::from_wire(status))) {
        Some((_, Some(state))) if names(object, request_id) => summary(state, object),
        Some((_, Some(_))) => Err(malformed("a search result for another or no request_id")),
        // Error statuses are numbers; other words would be a request state we do not know.
        Some((word, None)) if !word.bytes().all(|b| b.is_ascii_digit()) => {
            Err(malformed("an unknown request status"))
        }
        _ => {
            interpret(Operation::Search, parse_reply(body)?)?;
            // A "0" with no request state is no search result.
            Err(malformed("a search success without a request status"))
        }
    }
}

fn names(result: &Map<String, Value>, request_id: &RequestId) -> bool {
    result.get("request_id").and_then(Value::as_str) == Some(request_id.as_str())
}

/// `events` and `checks` may be absent (the Node SDK's FAILED fixture has neither).
fn summary(
    state: VerificationState,
    result: &Map<String, Value>,
) -> Result<VerificationStatus, VerifyError> {
    let list = |name: &str| match result.get(name) {
        None | Some(Value::Null) => Ok(&[][..]),
        Some(Value::Array(items)) => Ok(items.as_slice()),
        Some(_) => Err(malformed(&format!("{name} is not a list"))),
    };
    let events = list("events")?
        .iter()
        .map(|event| {
            event
                .get("type")
                .and_then(Value::as_str)
                .and_then(EventKind::from_wire)
                .ok_or_else(|| malformed("an event of no known type"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let checks = u32::try_from(list("checks")?.len()).unwrap_or(u32::MAX);
    Ok(VerificationStatus {
        state,
        events,
        checks,
    })
}
