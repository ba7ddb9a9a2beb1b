//! `/verify/json`: validate the parameters as the real API does (verify-api.md §1.3), then
//! "text" a code or refuse a second request to a busy number.

use super::params::Params;
use super::state::{Schedule, StartOutcome, StartRequest};
use super::wire::{reply, Endpoint, Failure};
use super::Simulator;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};
use std::ops::RangeInclusive;
use std::time::Duration;

/// The locales v1 accepts in `lg` (the current spec's enum).
const LOCALES: [&str; 39] = [
    "ar-xa", "cs-cz", "cy-cy", "cy-gb", "da-dk", "de-de", "el-gr", "en-au", "en-gb", "en-in",
    "en-us", "es-es", "es-mx", "es-us", "fi-fi", "fil-ph", "fr-ca", "fr-fr", "hi-in", "hu-hu",
    "id-id", "is-is", "it-it", "ja-jp", "ko-kr", "nb-no", "nl-nl", "pl-pl", "pt-br", "pt-pt",
    "ro-ro", "ru-ru", "sv-se", "th-th", "tr-tr", "vi-vn", "yue-cn", "zh-cn", "zh-tw",
];

pub(super) async fn handle(
    State(simulator): State<Simulator>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Json<Value> {
    let params = Params::gather(&headers, query.as_deref(), &body);
    reply(Endpoint::Start, start(&simulator, &params))
}

fn start(simulator: &Simulator, params: &Params) -> Result<Value, Failure> {
    params.authenticate(simulator.credentials(), Endpoint::Start)?;
    let request = parse(params)?;
    let masked = mask(&request.number);
    match simulator.state().start(request) {
        StartOutcome::Started { request_id, code } => {
            // Dev only: the code in the log is the point, so it is there on purpose.
            tracing::info!(number = %masked, %code, request_id, "simulated SMS sent");
            Ok(json!({ "request_id": request_id, "status": "0" }))
        }
        StartOutcome::Concurrent { request_id } => Err(Failure::concurrent(request_id)),
    }
}

fn parse(params: &Params) -> Result<StartRequest, Failure> {
    let number = params
        .get("number")
        .ok_or_else(|| Failure::missing("number"))?;
    let brand = params
        .get("brand")
        .ok_or_else(|| Failure::missing("brand"))?;
    if params.get("pin_code").is_some() {
        return Err(Failure::pin_code_not_enabled());
    }
    if !is_e164_digits(number) {
        return Err(Failure::invalid("number"));
    }
    check_length(params, "brand", 1..=18)?;
    check_length(params, "sender_id", 1..=11)?;
    if params.get("country").is_some_and(|country| {
        country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic())
    }) {
        return Err(Failure::invalid("country"));
    }
    if params.get("lg").is_some_and(|lg| !LOCALES.contains(&lg)) {
        return Err(Failure::invalid("lg"));
    }
    let code_length = match number_in(params, "code_length", 4..=6)? {
        None => 4,
        Some(length @ (4 | 6)) => length,
        Some(_) => return Err(Failure::invalid("code_length")),
    };
    let workflow_id = number_in(params, "workflow_id", 1..=7)?.unwrap_or(1);
    let next_event_wait = number_in(params, "next_event_wait", 60..=900)?;
    let pin_expiry = match (number_in(params, "pin_expiry", 60..=3600)?, next_event_wait) {
        // §1.3: when both are given, pin_expiry must be a multiple of next_event_wait, or
        // it is silently set to next_event_wait.
        (Some(expiry), Some(wait)) if expiry % wait != 0 => wait,
        (expiry, _) => expiry.unwrap_or(300),
    };
    Ok(StartRequest {
        number: number.to_owned(),
        brand: brand.to_owned(),
        code_length: code_length as usize,
        schedule: Schedule {
            workflow_id: workflow_id as u8,
            pin_expiry: Duration::from_secs(pin_expiry),
            next_event_wait: next_event_wait.map(Duration::from_secs),
        },
    })
}

/// `^[1-9]\d{6,14}$`: E.164 without the `+`, as the SDKs validate it.
fn is_e164_digits(number: &str) -> bool {
    (7..=15).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && !number.starts_with('0')
}

/// An optional text parameter whose length in characters must lie in `allowed`.
fn check_length(
    params: &Params,
    name: &str,
    allowed: RangeInclusive<usize>,
) -> Result<(), Failure> {
    match params.get(name) {
        Some(value) if !allowed.contains(&value.chars().count()) => Err(Failure::invalid(name)),
        _ => Ok(()),
    }
}

/// An optional whole-number parameter that must lie in `allowed`.
fn number_in(
    params: &Params,
    name: &str,
    allowed: RangeInclusive<u64>,
) -> Result<Option<u64>, Failure> {
    let Some(raw) = params.get(name) else {
        return Ok(None);
    };
    match raw.parse::<u64>() {
        Ok(value) if allowed.contains(&value) => Ok(Some(value)),
        _ => Err(Failure::invalid(name)),
    }
}

/// `+•••••••0142`: the simulator sees raw digits, not a parsed number, so it cannot split
/// off the country code; the last four digits are enough to tell numbers apart in a log.
fn mask(digits: &str) -> String {
    let last_four = &digits[digits.len().saturating_sub(4)..];
    format!("+•••••••{last_four}")
}
