//! The client against a local server that answers canned replies and records what it got.

mod control;
mod failures;
mod options;
mod requests;
mod search;
mod statuses;

use crate::domain::{PhoneNumber, VerificationCode};
use crate::verify::{
    RequestId, Unavailable, VerificationStatus, VerifyClient, VerifyError, VerifySettings,
};
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::{Form, Router};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SECRET: &str = "s3cr3t-value-77";
const ID: &str = "abcdef0123456789abcdef0123456789";

struct Canned {
    http_status: StatusCode,
    content_type: &'static str,
    body: String,
    delay: Duration,
}

impl Canned {
    fn json(body: &str) -> Self {
        Self::with_status(StatusCode::OK, "application/json", body)
    }

    fn with_status(http_status: StatusCode, content_type: &'static str, body: &str) -> Self {
        Self {
            http_status,
            content_type,
            body: body.to_owned(),
            delay: Duration::ZERO,
        }
    }
}

#[derive(Debug, Clone)]
struct Received {
    method: Method,
    path: String,
    content_type: String,
    form: Vec<(String, String)>,
}

#[derive(Clone)]
struct FakeProvider {
    canned: Arc<Canned>,
    received: Arc<Mutex<Vec<Received>>>,
}

async fn answer(
    State(provider): State<FakeProvider>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> impl IntoResponse {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let path = uri.path().to_owned();
    provider.received.lock().unwrap().push(Received {
        method,
        path,
        content_type,
        form,
    });
    let canned = &provider.canned;
    tokio::time::sleep(canned.delay).await;
    (
        canned.http_status,
        // Harmless on a 200; on a 3xx it invites the client to follow (it must not).
        [
            (header::CONTENT_TYPE, canned.content_type),
            (header::LOCATION, "/moved"),
        ],
        canned.body.clone(),
    )
}

/// Serves `canned` on 127.0.0.1:0; returns a client for it (with `timeout`) and the record.
async fn spawn(canned: Canned, timeout: Duration) -> (VerifyClient, FakeProvider) {
    let provider = FakeProvider {
        canned: Arc::new(canned),
        received: Arc::default(),
    };
    let router = Router::new().fallback(answer).with_state(provider.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (client(base_url, timeout), provider)
}

fn client(base_url: String, timeout: Duration) -> VerifyClient {
    VerifyClient::new(VerifySettings {
        base_url,
        api_key: "key123".to_owned(),
        api_secret: SECRET.into(),
        brand: "Pollstr".to_owned(),
        timeout,
    })
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

async fn start_answered(canned: Canned) -> Result<RequestId, VerifyError> {
    spawn(canned, Duration::from_secs(5))
        .await
        .0
        .start(&number())
        .await
}

async fn check_answered(canned: Canned) -> Result<(), VerifyError> {
    spawn(canned, Duration::from_secs(5))
        .await
        .0
        .check(&request_id(), &code())
        .await
}

async fn search_answered(canned: Canned) -> Result<VerificationStatus, VerifyError> {
    spawn(canned, Duration::from_secs(5))
        .await
        .0
        .search(&request_id())
        .await
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn rejected(status: &str, error_text: &str) -> VerifyError {
    VerifyError::Rejected {
        status: status.to_owned(),
        error_text: error_text.to_owned(),
    }
}

fn unavailable(why: Unavailable) -> Result<RequestId, VerifyError> {
    Err(VerifyError::Unavailable(why))
}
