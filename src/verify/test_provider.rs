//! (test) A fake Verify provider for the client's tests, either API version: a local server
//! that answers every call with one canned reply and records what it got, down to the
//! Authorization header and the raw body. The v1 and v2 tests add only their own wire forms.

use super::{
    ApiVersion, RequestId, StartOptions, Unavailable, V2Channel, VerifyClient, VerifyError,
    VerifySettings,
};
use crate::domain::{PhoneNumber, VerificationCode};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::Router;
use serde_json::Value;
use std::fmt::Display;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub(super) const SECRET: &str = "s3cr3t-value-77";
/// A v1 request id: 32 lowercase hex digits.
pub(super) const V1_ID: &str = "abcdef0123456789abcdef0123456789";
/// A v2 request id: a UUID.
pub(super) const V2_ID: &str = "c11236f4-00bf-4b89-84ba-88b25df97315";

/// The id `api`'s fake answers name.
pub(super) fn id(api: ApiVersion) -> &'static str {
    match api {
        ApiVersion::V1 => V1_ID,
        ApiVersion::V2 => V2_ID,
    }
}

pub(super) fn request_id(api: ApiVersion) -> RequestId {
    RequestId::parse(id(api)).unwrap()
}

pub(super) fn number() -> PhoneNumber {
    PhoneNumber::parse("+1 212 555 0142").unwrap()
}

pub(super) fn code() -> VerificationCode {
    VerificationCode::parse("918273").unwrap()
}

pub(super) struct Canned {
    pub(super) http_status: StatusCode,
    pub(super) content_type: &'static str,
    pub(super) body: String,
    pub(super) delay: Duration,
}

impl Canned {
    pub(super) fn new(http_status: u16, content_type: &'static str, body: &str) -> Self {
        Self {
            http_status: StatusCode::from_u16(http_status).unwrap(),
            content_type,
            body: body.to_owned(),
            delay: Duration::ZERO,
        }
    }

    /// `body` (a `&str` or a `serde_json::Value`) as `application/json`.
    pub(super) fn json(http_status: u16, body: impl Display) -> Self {
        Self::new(http_status, "application/json", &body.to_string())
    }
}

/// A start success in `api`'s wire form, naming [`id`].
pub(super) fn accepted(api: ApiVersion) -> Canned {
    match api {
        ApiVersion::V1 => Canned::json(200, format!(r#"{{"request_id":"{V1_ID}","status":"0"}}"#)),
        ApiVersion::V2 => Canned::json(202, format!(r#"{{"request_id":"{V2_ID}"}}"#)),
    }
}

#[derive(Debug, Clone)]
pub(super) struct Received {
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) content_type: Option<String>,
    pub(super) authorization: Option<String>,
    pub(super) body: Bytes,
}

impl Received {
    pub(super) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }

    /// The form body's pairs, in the order sent.
    pub(super) fn form(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_bytes(&self.body).expect("a form body")
    }
}

#[derive(Clone)]
pub(super) struct FakeProvider {
    canned: Arc<Canned>,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeProvider {
    /// The one request the client made.
    pub(super) fn only_request(&self) -> Received {
        let received = self.received.lock().unwrap().clone();
        assert_eq!(received.len(), 1, "{received:?}");
        received[0].clone()
    }

    pub(super) fn calls(&self) -> usize {
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

/// What every test's client has unless it says otherwise: SMS then voice for v2, and a
/// timeout no local answer comes near.
pub(super) fn settings(api: ApiVersion, base_url: String) -> VerifySettings {
    VerifySettings {
        base_url,
        api_key: "key123".to_owned(),
        api_secret: SECRET.into(),
        brand: "Pollstr".to_owned(),
        timeout: Duration::from_secs(5),
        api,
        v2_workflow: V2Channel::DEFAULT_WORKFLOW.to_vec(),
    }
}

/// Serves `canned` on 127.0.0.1:0; returns an `api` client for it, with the [`settings`]
/// as `adjust` leaves them, and the record of what it received.
pub(super) async fn spawn_with(
    api: ApiVersion,
    canned: Canned,
    adjust: impl FnOnce(&mut VerifySettings),
) -> (VerifyClient, FakeProvider) {
    let provider = FakeProvider {
        canned: Arc::new(canned),
        received: Arc::default(),
    };
    let router = Router::new().fallback(answer).with_state(provider.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    // The trailing slash is one the client must tolerate.
    let mut settings = settings(api, format!("http://{}/", listener.local_addr().unwrap()));
    adjust(&mut settings);
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (VerifyClient::new(settings), provider)
}

pub(super) async fn spawn(api: ApiVersion, canned: Canned) -> (VerifyClient, FakeProvider) {
    spawn_with(api, canned, |_| {}).await
}

/// A start for [`number`] with the default options.
pub(super) async fn start(client: &VerifyClient) -> Result<RequestId, VerifyError> {
    client.start_with(&number(), &StartOptions::default()).await
}

pub(super) async fn start_answered(
    api: ApiVersion,
    canned: Canned,
) -> Result<RequestId, VerifyError> {
    start(&spawn(api, canned).await.0).await
}

pub(super) async fn check_answered(api: ApiVersion, canned: Canned) -> Result<(), VerifyError> {
    let client = spawn(api, canned).await.0;
    client.check(&request_id(api), &code()).await
}

pub(super) fn rejected(status: &str, error_text: &str) -> VerifyError {
    VerifyError::Rejected {
        status: status.to_owned(),
        error_text: error_text.to_owned(),
    }
}

pub(super) fn unavailable(why: Unavailable) -> VerifyError {
    VerifyError::Unavailable(why)
}
