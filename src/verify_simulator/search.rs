//! `/verify/search/json`: where requests stand (verify-api.md §1.6). One id gives the flat
//! search object, several give `{"verification_requests": […]}`; more than 10 give 18, and
//! no known id 101. Unknown ids among known ones are left out.

use super::call::answer;
use super::check::is_plausible_request_id;
use super::clock::format_utc;
use super::params::Params;
use super::records::{Event, Status};
use super::verification::Verification;
use super::wire::{Endpoint, Failure};
use super::{Channel, Simulator};
use axum::extract::State;
use axum::response::Response;
use serde_json::{json, Value};

/// The most ids one search may name.
const MAX_REQUEST_IDS: usize = 10;
/// v1 charges for a verification that succeeded; this is the simulator's price list.
const PRICE_OF_SUCCESS: &str = "0.10000000";
/// The estimated cost of one delivery, in ten-thousandths of a euro (0.0333 EUR).
const DELIVERY_COST_TEN_THOUSANDTHS: usize = 333;

pub(super) async fn handle(State(simulator): State<Simulator>, params: Params) -> Response {
    answer(simulator, Endpoint::Search, params, search).await
}

/// Every id asked for: `request_ids` (repeated) then `request_id`.
pub(super) fn requested_ids(params: &Params) -> Vec<&str> {
    let mut ids = params.all("request_ids");
    ids.extend(params.all("request_id"));
    ids
}

fn search(simulator: &Simulator, params: &Params) -> Result<Value, Failure> {
    params.authenticate(simulator.credentials(), Endpoint::Search)?;
    let ids = requested_ids(params);
    if ids.is_empty() {
        return Err(Failure::missing("request_id"));
    }
    if ids.len() > MAX_REQUEST_IDS {
        return Err(Failure::too_many_request_ids());
    }
    if !ids.iter().all(|id| is_plausible_request_id(id)) {
        return Err(Failure::invalid_request_id());
    }
    // The real account id is the API key.
    let account_id = simulator.credentials().api_key.as_str();
    let mut state = simulator.state();
    let mut found: Vec<Value> = state
        .search(&ids)
        .into_iter()
        .map(|verification| render(verification, account_id))
        .collect();
    match found.len() {
        0 => Err(Failure::no_response_found()),
        _ if ids.len() == 1 => Ok(found.remove(0)),
        _ => Ok(json!({ "verification_requests": found })),
    }
}

fn render(verification: &Verification, account_id: &str) -> Value {
    let checks: Vec<Value> = verification
        .checks
        .iter()
        .map(|check| {
            json!({
                "date_received": format_utc(check.at),
                "code": check.code,
                "status": if check.valid { "VALID" } else { "INVALID" },
                "ip_address": "",
            })
        })
        .collect();
    let events: Vec<Value> = verification
        .events
        .iter()
        .map(|event| {
            let kind = match event.channel {
                Channel::Sms => "sms",
                Channel::Voice => "tts",
            };
            json!({ "id": event.id, "type": kind })
        })
        .collect();
    let event_date = |event: Option<&Event>| event.map(|e| format_utc(e.at)).unwrap_or_default();
    let price = if verification.status == Status::Success {
        PRICE_OF_SUCCESS
    } else {
        "0"
    };
    json!({
        "request_id": verification.id,
        "account_id": account_id,
        "number": verification.number,
        "sender_id": verification.sender_id,
        "date_submitted": format_utc(verification.submitted_at),
        // "" while the request is in progress, as the real API shows it.
        "date_finalized": verification.finalized_at.map(format_utc).unwrap_or_default(),
        "checks": checks,
        "first_event_date": event_date(verification.events.first()),
        "last_event_date": event_date(verification.events.last()),
        "price": price,
        "currency": "EUR",
        "status": verification.status.as_wire(),
        "estimated_price_messages_sent": euros(verification.events.len() * DELIVERY_COST_TEN_THOUSANDTHS),
        "events": events,
    })
}

/// `0.06660000` from 666 ten-thousandths: in whole numbers, so no float rounding shows.
fn euros(ten_thousandths: usize) -> String {
    format!(
        "{}.{:08}",
        ten_thousandths / 10_000,
        ten_thousandths % 10_000 * 10_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_have_eight_decimals_like_the_real_api() {
        assert_eq!(euros(0), "0.00000000");
        assert_eq!(euros(333), "0.03330000");
        assert_eq!(euros(999), "0.09990000");
        assert_eq!(euros(12_345), "1.23450000");
    }
}
