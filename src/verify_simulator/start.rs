//! `/verify/json`: validate the parameters as the real API does (verify-api.md §1.3), then
//! "text" a code or refuse a second request to a busy number.

use super::call::answer;
use super::params::Params;
use super::state::{Schedule, StartOutcome, StartRequest};
use super::timeline::Timing;
use super::wire::{Endpoint, Failure};
use super::Simulator;
use crate::verify::locales::V1_LOCALES;
use axum::extract::State;
use axum::response::Response;
use serde_json::{json, Value};
use std::ops::RangeInclusive;
use std::time::Duration;

pub(super) async fn handle(State(simulator): State<Simulator>, params: Params) -> Response {
    answer(simulator, Endpoint::Start, params, start).await
}

fn start(simulator: &Simulator, params: &Params) -> Result<Value, Failure> {
    params.authenticate(simulator.credentials(), Endpoint::Start)?;
    let request = parse(params)?;
    match simulator.state().start(request) {
        StartOutcome::Started { request_id } => {
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
    if params.get("lg").is_some_and(|lg| !V1_LOCALES.contains(&lg)) {
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
        // The spec's default; the search object shows it.
        sender_id: params.get("sender_id").unwrap_or("VERIFY").to_owned(),
        code_length: code_length as usize,
        timing: Timing::V1(Schedule {
            workflow_id: workflow_id as u8,
            pin_expiry: Duration::from_secs(pin_expiry),
            next_event_wait: next_event_wait.map(Duration::from_secs),
        }),
    })
}

/// `^[1-9]\d{6,14}$`: E.164 without the `+`, as the SDKs validate it (v1's `number`, v2's
/// `to`).
pub(super) fn is_e164_digits(number: &str) -> bool {
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
