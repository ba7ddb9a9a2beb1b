//! The v2 client against the shared fake provider ([`test_provider`]): JSON bodies with
//! Basic auth out; real HTTP statuses and RFC 7807 problem bodies back.
//!
//! [`test_provider`]: crate::verify::test_provider

mod failures;
mod requests;
mod statuses;

use crate::verify::test_provider::{
    self, code, number, rejected, start, unavailable, Canned, FakeProvider, V2_ID as ID,
};
use crate::verify::{ApiVersion, RequestId, Unavailable, V2Channel, VerifyClient, VerifyError};
use axum::http::Method;
use serde_json::Value;

const API: ApiVersion = ApiVersion::V2;
/// `Basic base64("key123:s3cr3t-value-77")`, worked out by hand so the test does not
/// share the encoder it checks.
const BASIC: &str = "Basic a2V5MTIzOnMzY3IzdC12YWx1ZS03Nw==";
const PROBLEM: &str = "application/problem+json";

impl Canned {
    /// A problem+json body shaped like Verify's (verify-api.md §2.5); `extra` members
    /// (`request_id`, `invalid_parameters`) are merged in.
    fn problem(http_status: u16, title: &str, detail: &str, extra: Value) -> Self {
        let mut body = serde_json::json!({
            "type": "https://developer.nexmo.com/api-errors#test",
            "title": title,
            "detail": detail,
            "instance": "bf0ca0bf927b3b52e3cb03217e1a1ddf",
        });
        if let (Value::Object(body), Value::Object(extra)) = (&mut body, extra) {
            body.extend(extra);
        }
        Self::new(http_status, PROBLEM, &body.to_string())
    }
}

/// A client with SMS then voice.
async fn spawn(canned: Canned) -> (VerifyClient, FakeProvider) {
    test_provider::spawn(API, canned).await
}

/// A client that sends `workflow` instead.
async fn spawn_with_workflow(
    canned: Canned,
    workflow: Vec<V2Channel>,
) -> (VerifyClient, FakeProvider) {
    let configure = |settings: &mut crate::verify::VerifySettings| settings.v2_workflow = workflow;
    test_provider::spawn_with(API, canned, configure).await
}

fn request_id() -> RequestId {
    test_provider::request_id(API)
}

fn accepted() -> Canned {
    test_provider::accepted(API)
}

fn completed() -> Canned {
    Canned::json(
        200,
        serde_json::json!({ "request_id": ID, "status": "completed" }),
    )
}

async fn start_answered(canned: Canned) -> Result<RequestId, VerifyError> {
    test_provider::start_answered(API, canned).await
}

async fn check_answered(canned: Canned) -> Result<(), VerifyError> {
    test_provider::check_answered(API, canned).await
}

async fn cancel_answered(canned: Canned) -> Result<(), VerifyError> {
    spawn(canned).await.0.cancel(&request_id()).await
}

async fn next_answered(canned: Canned) -> Result<(), VerifyError> {
    let client = spawn(canned).await.0;
    client.trigger_next_event(&request_id()).await
}
