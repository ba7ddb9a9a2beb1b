//! The calls about one running request, named by the id in the path: check the code
//! (200, or 400, 400 and 410), cancel it (204), or move on to its next channel (200, or
//! 409 when none is left). Unknown and finished requests are 404 (verify-api.md §2.2, §2.4).

use super::super::state::{Command, ControlOutcome};
use super::super::verification::{CheckOutcome, Refusal};
use super::super::Simulator;
use super::call::{Call, Success};
use super::problem::{InvalidParameter, Problem, TRY_LATER};
use crate::verify::ApiVersion;
use serde_json::{json, Value};

pub(super) fn check(simulator: &Simulator, call: &Call) -> Result<Success, Problem> {
    let request_id = call.request_id.as_deref().unwrap_or_default();
    let code = code(&call.body)?;
    match simulator.state().check(request_id, &code, ApiVersion::V2) {
        CheckOutcome::Verified { .. } => Ok(Success::Json(json!({
            "request_id": request_id,
            "status": "completed",
        }))),
        CheckOutcome::WrongCode => Err(Problem::wrong_code()),
        CheckOutcome::TooManyWrongCodes => Err(Problem::too_many_wrong_codes()),
        CheckOutcome::NotFound => Err(Problem::not_found(request_id)),
    }
}

/// `{"code": "…"}`, 4 to 10 letters or digits (§2.4). Anything else is refused without
/// using up one of the three tries. (Silent auth's `token` is not simulated.)
fn code(body: &[u8]) -> Result<String, Problem> {
    let body = serde_json::from_slice::<Value>(body).ok();
    let code = body.as_ref().and_then(|body| body.get("code")?.as_str());
    match code {
        Some(code)
            if (4..=10).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            Ok(code.to_owned())
        }
        _ => {
            let reason = "`code` must be 4 to 10 letters or digits";
            let invalid = vec![InvalidParameter::new("code", reason)];
            Err(Problem::invalid_params(invalid))
        }
    }
}

pub(super) fn cancel(simulator: &Simulator, call: &Call) -> Result<Success, Problem> {
    control(simulator, call, Command::Cancel)
}

pub(super) fn next_workflow(simulator: &Simulator, call: &Call) -> Result<Success, Problem> {
    control(simulator, call, Command::TriggerNextEvent)
}

fn control(simulator: &Simulator, call: &Call, command: Command) -> Result<Success, Problem> {
    let request_id = call.request_id.as_deref().unwrap_or_default();
    match simulator
        .state()
        .control(request_id, command, ApiVersion::V2)
    {
        ControlOutcome::Done => Ok(Success::Empty),
        ControlOutcome::NotActive => Err(Problem::not_found(request_id)),
        ControlOutcome::Refused(Refusal::NoEventsLeft) => Err(Problem::no_more_events()),
        // A v2 cancel is never refused for timing (see `Verification::cancel`); kept for
        // completeness with the spec's other 409 text.
        ControlOutcome::Refused(Refusal::TooEarly | Refusal::TooLate) => {
            Err(Problem::conflict(TRY_LATER))
        }
    }
}
