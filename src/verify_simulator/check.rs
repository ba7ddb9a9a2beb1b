//! `/verify/check/json`: the code a person typed against a running request
//! (verify-api.md §1.5): 16, 16, then 17 and FAILED; 0 and SUCCESS on the right code;
//! 6 for anything no longer in progress, or whose PIN expired with no new one yet.

use super::call::answer;
use super::params::Params;
use super::verification::CheckOutcome;
use super::wire::{Endpoint, Failure};
use super::Simulator;
use crate::verify::ApiVersion;
use axum::extract::State;
use axum::response::Response;
use serde_json::{json, Value};

pub(super) async fn handle(State(simulator): State<Simulator>, params: Params) -> Response {
    answer(simulator, Endpoint::Check, params, check).await
}

fn check(simulator: &Simulator, params: &Params) -> Result<Value, Failure> {
    params.authenticate(simulator.credentials(), Endpoint::Check)?;
    let request_id = params
        .get("request_id")
        .ok_or_else(|| Failure::missing("request_id"))?;
    let code = params.get("code").ok_or_else(|| Failure::missing("code"))?;
    if !is_plausible_request_id(request_id) {
        return Err(Failure::invalid_request_id());
    }
    // 4 to 10: v1 codes have 4 or 6 digits, custom PINs up to 10 characters. A code of
    // another length is refused without using up one of the three tries.
    if !(4..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Failure::invalid("code"));
    }
    match simulator.state().check(request_id, code, ApiVersion::V1) {
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

/// v1 ids are at most 32 characters; anything else cannot name a request.
pub(super) fn is_plausible_request_id(request_id: &str) -> bool {
    request_id.len() <= 32 && request_id.bytes().all(|b| b.is_ascii_alphanumeric())
}
