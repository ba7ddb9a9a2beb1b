//! Cancel (`DELETE /v2/verify/{id}`) and next_workflow (`POST …/{id}/next_workflow`):
//! verify-api.md §2.2. Both answer a success with no body worth reading (204, or 200 with
//! an empty body), so any 2xx is a success.

use super::super::{RequestId, VerifyError, VerifySettings};
use super::outcome::{failure, log_outcome, Operation};
use super::transport::{request, send};
use std::time::Instant;
use tracing::field::Empty;

#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(api = "v2", operation = "cancel", request_id = %request_id, cause = Empty)
)]
pub(in crate::verify) async fn cancel(
    http: &reqwest::Client,
    settings: &VerifySettings,
    request_id: &RequestId,
) -> Result<(), VerifyError> {
    let path = format!("/v2/verify/{request_id}");
    let delete = request(http, settings, reqwest::Method::DELETE, &path);
    call(Operation::Cancel, delete).await
}

#[tracing::instrument(
    name = "verify",
    skip_all,
    fields(api = "v2", operation = "next_workflow", request_id = %request_id, cause = Empty)
)]
pub(in crate::verify) async fn next_workflow(
    http: &reqwest::Client,
    settings: &VerifySettings,
    request_id: &RequestId,
) -> Result<(), VerifyError> {
    let path = format!("/v2/verify/{request_id}/next_workflow");
    let post = request(http, settings, reqwest::Method::POST, &path);
    call(Operation::NextWorkflow, post).await
}

async fn call(operation: Operation, request: reqwest::RequestBuilder) -> Result<(), VerifyError> {
    let started = Instant::now();
    let (outcome, http_status) = match send(request).await {
        Ok(answer) if answer.is_success() => (Ok(()), Some(answer.status)),
        Ok(answer) => (Err(failure(operation, &answer)), Some(answer.status)),
        Err(error) => (Err(error), None),
    };
    log_outcome(&outcome, http_status, started);
    outcome
}
