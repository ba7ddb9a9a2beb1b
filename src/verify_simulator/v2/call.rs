//! What every v2 endpoint does around its own rules: use up the fault a test injected for
//! the number the call concerns and misbehave as it says, or check the Basic credentials
//! (the only kind the simulator takes for v2) and run the rules; then answer and log.

use super::super::basic_auth::{self, BasicAuth};
use super::super::faults::Fault;
use super::super::Simulator;
use super::injected::injected;
use super::problem::Problem;
use axum::body::Bytes;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Endpoint {
    Start,
    Check,
    Cancel,
    NextWorkflow,
}

impl Endpoint {
    /// What the endpoint answers when all goes well (verify-api.md §2.2).
    fn success_status(self) -> StatusCode {
        match self {
            Self::Start => StatusCode::ACCEPTED,
            Self::Check | Self::NextWorkflow => StatusCode::OK,
            Self::Cancel => StatusCode::NO_CONTENT,
        }
    }
}

/// One v2 call: the headers, the raw body (only start and check read it), and the
/// request id from the path.
pub(super) struct Call {
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) request_id: Option<String>,
}

/// A success: the endpoint's own status, with a JSON body for start and check.
pub(super) enum Success {
    Json(Value),
    Empty,
}

/// One endpoint's rules, once the credentials are known to be right.
pub(super) type Rules = fn(&Simulator, &Call) -> Result<Success, Problem>;

pub(super) async fn answer(
    simulator: Simulator,
    endpoint: Endpoint,
    call: Call,
    rules: Rules,
) -> Response {
    let fault = {
        let mut state = simulator.state();
        let numbers = match (endpoint, &call.request_id) {
            (Endpoint::Start, _) => numbers_in_workflow(&call.body),
            (_, Some(request_id)) => state.number_of(request_id).into_iter().collect(),
            (_, None) => Vec::new(),
        };
        state.take_fault(&numbers)
    };
    if let Some(fault) = &fault {
        tracing::info!(
            ?endpoint,
            ?fault,
            "simulated Verify v2 call with an injected fault"
        );
    }
    let outcome =
        || authenticate(&simulator, &call.headers).and_then(|()| rules(&simulator, &call));
    match fault {
        None => reply(endpoint, outcome()),
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            reply(endpoint, outcome())
        }
        Some(Fault::Status(status)) => {
            let on_start = endpoint == Endpoint::Start;
            let problem = injected(&status, on_start, call.request_id.as_deref());
            reply(endpoint, Err(problem))
        }
        Some(Fault::Http(code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("Simulated HTTP {code}")).into_response()
        }
        Some(Fault::MalformedJson) => {
            // A 204 cannot carry a body, so a cancel gets its cut-off body with a 200.
            let status = match endpoint.success_status() {
                StatusCode::NO_CONTENT => StatusCode::OK,
                other => other,
            };
            let content_type = [(header::CONTENT_TYPE, "application/json")];
            (status, content_type, r#"{"request_id":"#).into_response()
        }
    }
}

/// Basic auth only: v2's other scheme, a Bearer JWT, needs an application the simulator
/// does not model, so it is refused like wrong credentials.
fn authenticate(simulator: &Simulator, headers: &HeaderMap) -> Result<(), Problem> {
    match basic_auth::read(headers) {
        BasicAuth::Given { key, secret }
            if basic_auth::matches(simulator.credentials(), &key, &secret) =>
        {
            Ok(())
        }
        _ => Err(Problem::unauthorized()),
    }
}

/// Every `to` of a start body's workflow, to find the faults injected for them; nothing if
/// the body is unreadable (validation then refuses it).
fn numbers_in_workflow(body: &[u8]) -> Vec<String> {
    let Ok(body) = serde_json::from_slice::<Value>(body) else {
        return Vec::new();
    };
    let items = body.get("workflow").and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .filter_map(|item| item.get("to")?.as_str())
        .map(str::to_owned)
        .collect()
}

/// Renders the outcome and logs it: the simulator's log is how a developer sees what the
/// app asked for.
fn reply(endpoint: Endpoint, outcome: Result<Success, Problem>) -> Response {
    let status = endpoint.success_status();
    match outcome {
        Ok(success) => {
            tracing::info!(
                ?endpoint,
                http_status = status.as_u16(),
                "simulated Verify v2 call"
            );
            match success {
                Success::Json(body) => (status, Json(body)).into_response(),
                Success::Empty => status.into_response(),
            }
        }
        Err(problem) => {
            tracing::info!(
                ?endpoint,
                http_status = problem.status.as_u16(),
                title = problem.title,
                detail = %problem.detail,
                "simulated Verify v2 call refused"
            );
            problem.into_response()
        }
    }
}
