//! `/verify/control/json`: `cancel` (from 30 s after the start until the second delivery)
//! and `trigger_next_event` (while a delivery is left), with the exact status 19 and 6
//! texts of verify-api.md §1.7.

use super::call::answer;
use super::check::is_plausible_request_id;
use super::params::Params;
use super::state::{Command, ControlOutcome};
use super::verification::Refusal;
use super::wire::{Endpoint, Failure};
use super::Simulator;
use crate::verify::ApiVersion;
use axum::extract::State;
use axum::response::Response;
use serde_json::{json, Value};

pub(super) async fn handle(State(simulator): State<Simulator>, params: Params) -> Response {
    answer(simulator, Endpoint::Control, params, control).await
}

fn control(simulator: &Simulator, params: &Params) -> Result<Value, Failure> {
    params.authenticate(simulator.credentials(), Endpoint::Control)?;
    let request_id = params
        .get("request_id")
        .ok_or_else(|| Failure::missing("request_id"))?;
    let cmd = params.get("cmd").ok_or_else(|| Failure::missing("cmd"))?;
    if !is_plausible_request_id(request_id) {
        return Err(Failure::invalid_request_id());
    }
    let command = match cmd {
        "cancel" => Command::Cancel,
        "trigger_next_event" => Command::TriggerNextEvent,
        _ => return Err(Failure::invalid("cmd")),
    };
    match simulator
        .state()
        .control(request_id, command, ApiVersion::V1)
    {
        ControlOutcome::Done => Ok(json!({ "status": "0", "command": cmd })),
        ControlOutcome::NotActive => Err(Failure::not_active(request_id)),
        ControlOutcome::Refused(Refusal::TooEarly) => Err(Failure::cancel_too_early(request_id)),
        ControlOutcome::Refused(Refusal::TooLate) => Err(Failure::cancel_too_late(request_id)),
        ControlOutcome::Refused(Refusal::NoEventsLeft) => Err(Failure::no_events_left(request_id)),
    }
}
