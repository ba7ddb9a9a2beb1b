//! `/verify/control/json`: cancel a running request, or have the provider make its next
//! delivery attempt now (verify-api.md §1.7).

use super::super::{RequestId, VerifyError, VerifySettings};
use super::outcome::{interpret, log_outcome, Operation};
use super::transport::{malformed, parse_reply, post};
use std::time::Instant;
use tracing::field::Empty;

/// The two v1 control commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::verify) enum Command {
    Cancel,
    TriggerNextEvent,
}

impl Command {
    fn as_str(self) -> &'static str {
        match self {
            Self::Cancel => "cancel",
            Self::TriggerNextEvent => "trigger_next_event",
        }
    }
}

#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(operation = command.as_str(), request_id = %request_id, cause = Empty)
)]
pub(in crate::verify) async fn control(
    http: &reqwest::Client,
    settings: &VerifySettings,
    request_id: &RequestId,
    command: Command,
) -> Result<(), VerifyError> {
    let started = Instant::now();
    let params = [
        ("request_id", request_id.as_str()),
        ("cmd", command.as_str()),
    ];
    let outcome = match post(http, settings, "/verify/control/json", &params).await {
        Ok(body) => parse_reply(&body).and_then(|reply| {
            // The success names the command it carried out; another one is no answer to
            // ours. (It names no request, so there is nothing else to compare.)
            let echoed = reply.command.clone();
            interpret(Operation::Control, reply)?;
            match echoed.as_deref() {
                Some(done) if done != command.as_str() => {
                    Err(malformed("a success for another command"))
                }
                _ => Ok(()),
            }
        }),
        Err(error) => Err(error),
    };
    log_outcome(&outcome, started);
    outcome
}
