//! `POST /v2/verify` (and `/v2/verify/`): validate the JSON body as the real API does
//! (verify-api.md §2.3), listing every invalid parameter in one 422; then deliver on the
//! first channel, or refuse a second request to a busy number with 409 and its id.
//!
//! The simulator delivers by SMS and voice only, to one number per request: a workflow
//! with another channel, or with different `to`s, is refused as invalid. `code`,
//! `client_ref`, `fraud_check` and `template_id` are accepted and ignored.

use super::super::start::is_e164_digits;
use super::super::state::{StartOutcome, StartRequest};
use super::super::timeline::Timing;
use super::super::{Channel, Simulator};
use super::call::{Call, Success};
use super::problem::{InvalidParameter, Problem};
use crate::verify::locales::V2_LOCALES;
use serde_json::{json, Map, Value};
use std::ops::RangeInclusive;
use std::time::Duration;

const BRAND_LENGTH: RangeInclusive<usize> = 1..=18;
const WORKFLOW_LENGTH: RangeInclusive<usize> = 1..=3;
const CODE_LENGTH: RangeInclusive<u64> = 4..=10;
const CHANNEL_TIMEOUT: RangeInclusive<u64> = 15..=900;
/// The current spec's defaults (the older one said 300 s for the timeout).
const DEFAULT_CODE_LENGTH: u64 = 4;
const DEFAULT_CHANNEL_TIMEOUT: u64 = 180;

pub(super) fn start(simulator: &Simulator, call: &Call) -> Result<Success, Problem> {
    let request = parse(&call.body)?;
    match simulator.state().start(request) {
        StartOutcome::Started { request_id } => {
            Ok(Success::Json(json!({ "request_id": request_id })))
        }
        StartOutcome::Concurrent { request_id } => Err(Problem::concurrent(Some(request_id))),
    }
}

fn parse(body: &[u8]) -> Result<StartRequest, Problem> {
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(body) else {
        let reason = "The request body must be a JSON object";
        return Err(Problem::invalid_params(vec![InvalidParameter::new(
            "body", reason,
        )]));
    };
    let mut invalid = Vec::new();
    let brand = brand(&body, &mut invalid);
    let workflow = workflow(&body, &mut invalid);
    let code_length = whole_number(&body, "code_length", CODE_LENGTH, &mut invalid);
    let channel_timeout = whole_number(&body, "channel_timeout", CHANNEL_TIMEOUT, &mut invalid);
    if let Some(locale) = body.get("locale") {
        if !locale
            .as_str()
            .is_some_and(|locale| V2_LOCALES.contains(&locale))
        {
            let reason = format!("`locale` must be one of {}", V2_LOCALES.join(", "));
            invalid.push(InvalidParameter::new("locale", reason));
        }
    }
    match (brand, workflow) {
        (Some(brand), Some((number, channels))) if invalid.is_empty() => Ok(StartRequest {
            number,
            brand,
            // v2 has no sender id to show: it has no search.
            sender_id: "VERIFY".to_owned(),
            code_length: usize::try_from(code_length.unwrap_or(DEFAULT_CODE_LENGTH))
                .unwrap_or(usize::MAX),
            timing: Timing::V2 {
                channels,
                channel_timeout: Duration::from_secs(
                    channel_timeout.unwrap_or(DEFAULT_CHANNEL_TIMEOUT),
                ),
            },
        }),
        _ => Err(Problem::invalid_params(invalid)),
    }
}

/// 1 to 18 characters, none of `/ { } : $` (the spec's `^[^\/{}:$]*$`).
fn brand(body: &Map<String, Value>, invalid: &mut Vec<InvalidParameter>) -> Option<String> {
    let brand = body.get("brand").and_then(Value::as_str);
    let valid = brand.filter(|brand| {
        BRAND_LENGTH.contains(&brand.chars().count()) && !brand.contains(['/', '{', '}', ':', '$'])
    });
    if valid.is_none() {
        let reason = "`brand` must be 1 to 18 characters, with none of / { } : $";
        invalid.push(InvalidParameter::new("brand", reason));
    }
    valid.map(str::to_owned)
}

/// The number every item goes to, and the channels in order.
fn workflow(
    body: &Map<String, Value>,
    invalid: &mut Vec<InvalidParameter>,
) -> Option<(String, Vec<Channel>)> {
    let items = match body.get("workflow").and_then(Value::as_array) {
        Some(items) if WORKFLOW_LENGTH.contains(&items.len()) => items,
        _ => {
            let reason = "`workflow` must be a list of 1 to 3 channels";
            invalid.push(InvalidParameter::new("workflow", reason));
            return None;
        }
    };
    let before = invalid.len();
    let mut channels = Vec::new();
    let mut numbers = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let name = format!("workflow[{index}]");
        let text = |field: &str| item.get(field).and_then(Value::as_str);
        match text("channel") {
            Some("sms") => channels.push(Channel::Sms),
            Some("voice") => channels.push(Channel::Voice),
            _ => {
                let reason =
                    "`channel` must be sms or voice (the only ones the simulator delivers)";
                invalid.push(InvalidParameter::new(&name, reason));
            }
        }
        match text("to").filter(|to| is_e164_digits(to)) {
            Some(to) => numbers.push(to),
            None => invalid.push(InvalidParameter::new(&name, "`to` Phone number is invalid")),
        }
    }
    if numbers.windows(2).any(|pair| pair[0] != pair[1]) {
        let reason = "every `to` must be the same number (the simulator verifies one per request)";
        invalid.push(InvalidParameter::new("workflow", reason));
    }
    let number = numbers.first().map(|number| (*number).to_owned());
    number
        .filter(|_| invalid.len() == before)
        .map(|number| (number, channels))
}

/// An optional whole number (a JSON integer, not a string) in `allowed`.
fn whole_number(
    body: &Map<String, Value>,
    name: &str,
    allowed: RangeInclusive<u64>,
    invalid: &mut Vec<InvalidParameter>,
) -> Option<u64> {
    let value = body.get(name)?;
    let valid = value.as_u64().filter(|value| allowed.contains(value));
    if valid.is_none() {
        let reason = format!(
            "`{name}` must be a whole number from {} to {}",
            allowed.start(),
            allowed.end()
        );
        invalid.push(InvalidParameter::new(name, reason));
    }
    valid
}
