//! The v2 client against a local server that answers one canned reply and records what it
//! got, down to the Authorization header and the raw JSON body.

mod failures;
mod requests;
mod statuses;

use crate::domain::{PhoneNumber, VerificationCode};
use crate::verify::{
    ApiVersion, RequestId, Unavailable, V2Channel, VerifyClient, VerifyError, VerifySettings,
};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::Router;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SECRET: &str = "s3cr3t-value-77";
/// `Basic base64("key123:s3cr3t-value-77")`, worked out by hand so the test does not
/// share the encoder it checks.
const BASIC: &str = "Basic a2V5MTIzOnMzY3IzdC12YWx1ZS03Nw==";
const ID: &str = "c11236f4-00bf-4b89-84ba-88b25df97315";
const PROBLEM: &str = "application/problem+json";

struct Canned {
    http_status: StatusCode,
    content_type: &'static str,
    body: String,
    delay: Duration,
}

impl Canned {
    fn new(http_status: u16, content_type: &'static str, body: &str) -> Self {
        Self {
            http_status: StatusCode::from_u16(http_status).unwrap(),
            content_type,
            body: body.to_owned(),
            delay: Duration::ZERO,
        }
    }

    fn json(http_status: u16, body: &Value) -> Self {
        Self::new(http_status, "application/json", &body.to_string())
    }

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

#[derive(Debug, Clone)]
struct Received {
    method: Method,
    path: String,
    content_type: Option<String>,
    authorization: Option<String>,
    body: Bytes,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

#[derive(Clone)]
struct FakeProvider {
    canned: Arc<Canned>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeProvider {
    /// The one request the client made.
    fn only_request(&self) -> Received {
        let received = self.received.lock().unwrap().clone();
        assert_eq!(received.len(), 1, "{received:?}");
        received[0].clone()
    }

    fn calls(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

async fn answer(
    State(provider): State<FakeProvider>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    let header_text = |name| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    provider.received.lock().unwrap().push(Received {
        method,
        path: uri.path().to_owned(),
        content_type: header_text(header::CONTENT_TYPE),
        authorization: header_text(header::AUTHORIZATION),
        body,
    });
    let canned = &provider.canned;
    tokio::time::sleep(canned.delay).await;
    (
        canned.http_status,
        // Harmless on a 2xx; on a 3xx it invites the client to follow (it must not).
        [
            (header::CONTENT_TYPE, canned.content_type),
            (header::LOCATION, "/moved"),
        ],
        canned.body.clone(),
    )
}

/// Serves `canned` on 127.0.0.1:0; returns a v2 client for it (with `timeout` and
/// `workflow`) and the record of what it received.
async fn spawn(
    canned: Canned,
    timeout: Duration,
    workflow: Vec<V2Channel>,
) -> (VerifyClient, FakeProvider) {
    let provider = FakeProvider {
        canned: Arc::new(canned),
        received: Arc::default(),
    };
    let router = Router::new().fallback(answer).with_state(provider.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (client(base_url, timeout, workflow), provider)
}

fn client(base_url: String, timeout: Duration, workflow: Vec<V2Channel>) -> VerifyClient {
    let settings = VerifySettings {
        base_url,
        api_key: "key123".to_owned(),
        api_secret: SECRET.into(),
        brand: "Pollstr".to_owned(),
        timeout,
    };
    VerifyClient::new(settings.with_api(ApiVersion::V2, workflow))
}

/// SMS then voice, and a timeout no local answer comes near.
async fn spawn_default(canned: Canned) -> (VerifyClient, FakeProvider) {
    let workflow = V2Channel::DEFAULT_WORKFLOW.to_vec();
    spawn(canned, Duration::from_secs(5), workflow).await
}

fn number() -> PhoneNumber {
    PhoneNumber::parse("+1 212 555 0142").unwrap()
}

fn code() -> VerificationCode {
    VerificationCode::parse("918273").unwrap()
}

fn request_id() -> RequestId {
    RequestId::parse(ID).unwrap()
}

fn accepted() -> Canned {
    Canned::json(202, &serde_json::json!({ "request_id": ID }))
}

fn completed() -> Canned {
    Canned::json(
        200,
        &serde_json::json!({ "request_id": ID, "status": "completed" }),
    )
}

async fn start_answered(canned: Canned) -> Result<RequestId, VerifyError> {
    spawn_default(canned).await.0.start(&number()).await
}

async fn check_answered(canned: Canned) -> Result<(), VerifyError> {
    spawn_default(canned)
        .await
        .0
        .check(&request_id(), &code())
        .await
}

async fn cancel_answered(canned: Canned) -> Result<(), VerifyError> {
    spawn_default(canned).await.0.cancel(&request_id()).await
}

async fn next_answered(canned: Canned) -> Result<(), VerifyError> {
    let client = spawn_default(canned).await.0;
    client.trigger_next_event(&request_id()).await
}

fn rejected(status: &str, error_text: &str) -> VerifyError {
    VerifyError::Rejected {
        status: status.to_owned(),
        error_text: error_text.to_owned(),
    }
}

fn unavailable(why: Unavailable) -> VerifyError {
    VerifyError::Unavailable(why)
}
