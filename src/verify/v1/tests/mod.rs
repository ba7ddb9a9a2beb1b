//! The v1 client against the shared fake provider ([`test_provider`]): v1's form bodies
//! out, its `{"status": "…"}` replies (all HTTP 200) back.
//!
//! [`test_provider`]: crate::verify::test_provider

mod control;
mod failures;
mod options;
mod requests;
mod statuses;

use crate::verify::test_provider::{
    self, code, number, rejected, start, unavailable, Canned, FakeProvider, SECRET, V1_ID as ID,
};
use crate::verify::{ApiVersion, RequestId, Unavailable, VerifyClient, VerifyError};
use axum::http::Method;

const API: ApiVersion = ApiVersion::V1;

/// What every start sends after the credentials.
const START_PARAMS: [(&str, &str); 3] = [
    ("number", "12125550142"),
    ("brand", "Pollstr"),
    ("code_length", "6"),
];

/// A v1 reply: every one, errors included, is HTTP 200 JSON.
fn reply(body: &str) -> Canned {
    Canned::json(200, body)
}

fn accepted() -> Canned {
    test_provider::accepted(API)
}

async fn spawn(canned: Canned) -> (VerifyClient, FakeProvider) {
    test_provider::spawn(API, canned).await
}

fn request_id() -> RequestId {
    test_provider::request_id(API)
}

async fn start_answered(canned: Canned) -> Result<RequestId, VerifyError> {
    test_provider::start_answered(API, canned).await
}

async fn check_answered(canned: Canned) -> Result<(), VerifyError> {
    test_provider::check_answered(API, canned).await
}

/// Asserts the one request the client made was a form POST to `path` carrying the
/// credentials and then `params`, in that order.
fn assert_form_posted(provider: &FakeProvider, path: &str, params: &[(&str, &str)]) {
    let received = provider.only_request();
    assert_eq!(received.method, Method::POST);
    assert_eq!(received.path, path);
    assert_eq!(
        received.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    let mut expected = vec![("api_key", "key123"), ("api_secret", SECRET)];
    expected.extend_from_slice(params);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    assert_eq!(received.form(), expected);
}
