//! What every simulator endpoint does around its own rules: use up the fault a test
//! injected for the number the call concerns, and misbehave as it says; else answer.

use super::faults::Fault;
use super::params::Params;
use super::search::requested_ids;
use super::state::State;
use super::wire::{reply, Endpoint, Failure};
use super::Simulator;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// One endpoint's rules: the parameters in, a v1 success or failure body out.
pub(super) type Rules = fn(&Simulator, &Params) -> Result<Value, Failure>;

pub(super) async fn answer(
    simulator: Simulator,
    endpoint: Endpoint,
    params: Params,
    rules: Rules,
) -> Response {
    let fault = {
        let mut state = simulator.state();
        let numbers = concerned_numbers(&state, endpoint, &params);
        state.take_fault(&numbers)
    };
    if let Some(fault) = &fault {
        tracing::info!(
            ?endpoint,
            ?fault,
            "simulated Verify v1 call with an injected fault"
        );
    }
    match fault {
        None => reply(endpoint, rules(&simulator, &params)).into_response(),
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            reply(endpoint, rules(&simulator, &params)).into_response()
        }
        Some(Fault::Status(status)) => {
            reply(endpoint, Err(Failure::injected(&status))).into_response()
        }
        Some(Fault::Http(code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("Simulated HTTP {code}")).into_response()
        }
        Some(Fault::MalformedJson) => (
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"status":"0","request_id":"#,
        )
            .into_response(),
    }
}

/// Start names its number; check and control name a request, whose number counts; search
/// may name several.
fn concerned_numbers(state: &State, endpoint: Endpoint, params: &Params) -> Vec<String> {
    let request_ids = match endpoint {
        Endpoint::Start => {
            return params
                .get("number")
                .map(str::to_owned)
                .into_iter()
                .collect()
        }
        Endpoint::Check | Endpoint::Control => params.get("request_id").into_iter().collect(),
        Endpoint::Search => requested_ids(params),
    };
    request_ids
        .into_iter()
        .filter_map(|id| state.number_of(id))
        .collect()
}
