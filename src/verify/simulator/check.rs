//! `/verify/check/json`: the code a person typed against a running request
//! (verify-api.md §1.5): 16, 16, then 17 and FAILED; 0 and SUCCESS on the right code;
//! 6 for anything no longer in progress.

use super::params::Params;
use super::state::CheckOutcome;
use super::wire::{reply, Endpoint, Failure};
use super::Simulator;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

pub(super) async fn handle(
    State(simulator): State<Simulator>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Json<Value> {
    let params = Params::gather(&headers, query.as_deref(), &body);
    reply(Endpoint::Check, check(&simulator, &params))
}

fn check(simulator: &Simulator, params: &Params) -> Result<Value, Failure> {
    params.authenticate(simulator.credentials(), Endpoint::Check)?;
    let request_id = params
        .get("request_id")
        .ok_or_else(|| Failure::missing("request_id"))?;
    let code = params.get("code").ok_or_else(|| Failure::missing("code"))?;
    // v1 ids are at most 32 characters; anything else cannot name a request.
    if request_id.len() > 32 || !request_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Failure::invalid_request_id());
    }
    // 4 to 10: v1 codes have 4 or 6 digits, custom PINs up to 10 characters. A code of
    // another length is refused without using up one of the three tries.
    if !(4..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Failure::invalid("code"));
    }
    match simulator.state().check(request_id, code) {
        CheckOutcome::Verified { event_id } => Ok(json!({
            "request_id": request_id,
            "event_id": event_id,
            "status": "0",
            "price": "0.10000000",
            "currency": "EUR",
        })),
        CheckOutcome::WrongCode => Err(Failure::wrong_code(request_id)),
        CheckOutcome::TooManyWrongCodes => Err(Failure::too_many_wrong_codes()),
        CheckOutcome::NotFound => Err(Failure::not_found(request_id)),
    }
}
