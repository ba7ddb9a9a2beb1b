//! The simulator driven over real HTTP on 127.0.0.1:0, with raw requests (to see the exact
//! bodies: v1's helpers here, v2's in `v2`) and through the app's [`VerifyClient`] for
//! either version (to prove the two agree). A scenario both versions share is written once
//! and run over [`BOTH`].

mod check;
mod client;
mod client_control;
mod control;
mod dev_clock;
mod faults;
mod inbox;
mod pins;
mod search;
mod start;
mod transport;
mod v2;
mod workflows;

use super::{inbox_router, Channel, Simulator, SimulatorCredentials};
use crate::domain::{PhoneNumber, VerificationCode};
use crate::verify::{
    ApiVersion, RequestId, StartOptions, V2Channel, VerifyClient, VerifyError, VerifySettings,
};
use axum::http::{header, StatusCode};
use serde_json::Value;
use std::time::Duration;

const KEY: &str = "simkey";
const SECRET: &str = "simsecret-42";
const NUMBER: &str = "12125550142";
/// The versions a test written once over the API version runs against.
const BOTH: [ApiVersion; 2] = [ApiVersion::V1, ApiVersion::V2];

struct Running {
    base: String,
    simulator: Simulator,
    http: reqwest::Client,
}

/// The API and the inbox on one listener, as the app's dev setup has them (on two), with
/// a clock that moves only when the test advances it.
async fn spawn() -> Running {
    let simulator = Simulator::new(SimulatorCredentials {
        api_key: KEY.to_owned(),
        api_secret: SECRET.into(),
    });
    simulator.freeze_clock();
    let router = simulator.router().merge(inbox_router(
        simulator.clone(),
        Some("/pkg/pollstr.css".into()),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Running {
        base,
        simulator,
        http: reqwest::Client::new(),
    }
}

/// Every v1 reply, errors included, is HTTP 200 `application/json`.
async fn json_of(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/json");
    response.json().await.unwrap()
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Value {
        json_of(
            self.http
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// A start with valid credentials, number and brand, and `extra` parameters that come
    /// first, so they win over those defaults (the first occurrence of a name wins).
    async fn start(&self, extra: &[(&str, &str)]) -> Value {
        let mut form = extra.to_vec();
        form.extend([
            ("api_key", KEY),
            ("api_secret", SECRET),
            ("number", NUMBER),
            ("brand", "Pollstr"),
        ]);
        self.post_form("/verify/json", &form).await
    }

    async fn check(&self, request_id: &str, code: &str) -> Value {
        let form = [
            ("api_key", KEY),
            ("api_secret", SECRET),
            ("request_id", request_id),
            ("code", code),
        ];
        self.post_form("/verify/check/json", &form).await
    }

    /// Starts a request for NUMBER and returns its id and the texted code.
    async fn started(&self, extra: &[(&str, &str)]) -> (String, String) {
        let reply = self.start(extra).await;
        assert_eq!(reply["status"], "0", "{reply}");
        (
            reply["request_id"].as_str().unwrap().to_owned(),
            self.latest_code(),
        )
    }

    /// Cancels or moves on a request, by form POST.
    async fn control(&self, request_id: &str, cmd: &str) -> Value {
        let form = [
            ("api_key", KEY),
            ("api_secret", SECRET),
            ("request_id", request_id),
            ("cmd", cmd),
        ];
        self.post_form("/verify/control/json", &form).await
    }

    /// Searches by GET, as the spec documents it: `request_id` for one id, `request_ids`
    /// repeated for several.
    async fn search(&self, request_ids: &[&str]) -> Value {
        let name = if request_ids.len() == 1 {
            "request_id"
        } else {
            "request_ids"
        };
        let mut query = vec![("api_key", KEY), ("api_secret", SECRET)];
        query.extend(request_ids.iter().map(|id| (name, *id)));
        let url = self.url("/verify/search/json");
        json_of(self.http.get(url).query(&query).send().await.unwrap()).await
    }

    fn advance(&self, secs: u64) {
        self.simulator.advance_clock(Duration::from_secs(secs));
    }

    fn latest_code(&self) -> String {
        self.simulator.inbox()[0].code.clone()
    }

    /// The channel and code of every delivery so far, oldest first.
    fn deliveries(&self) -> Vec<(Channel, String)> {
        let mut inbox = self.simulator.inbox();
        inbox.reverse();
        inbox.into_iter().map(|m| (m.channel, m.code)).collect()
    }

    /// The app's client for `api` with `secret`: the app's brand, a 5 s timeout and (v2)
    /// SMS then voice, as `adjust` leaves them.
    fn client_with(
        &self,
        api: ApiVersion,
        secret: &str,
        adjust: impl FnOnce(&mut VerifySettings),
    ) -> VerifyClient {
        let mut settings = VerifySettings {
            base_url: self.base.clone(),
            api_key: KEY.to_owned(),
            api_secret: secret.into(),
            brand: "Pollstr".to_owned(),
            timeout: Duration::from_secs(5),
            api,
            v2_workflow: V2Channel::DEFAULT_WORKFLOW.to_vec(),
        };
        adjust(&mut settings);
        VerifyClient::new(settings)
    }

    fn client(&self, api: ApiVersion, secret: &str) -> VerifyClient {
        self.client_with(api, secret, |_| {})
    }
}

/// NUMBER, as the app's client takes it.
fn number() -> PhoneNumber {
    PhoneNumber::parse("+1 212 555 0142").unwrap()
}

fn code(raw: &str) -> VerificationCode {
    VerificationCode::parse(raw).unwrap()
}

/// A start for NUMBER with the default options, as the app's first step makes it.
async fn start(client: &VerifyClient) -> Result<RequestId, VerifyError> {
    client.start_with(&number(), &StartOptions::default()).await
}

/// A code that is not `code`, of the same length.
fn other_than(code: &str) -> String {
    code.chars()
        .map(|c| if c == '0' { '1' } else { '0' })
        .collect()
}

fn is_lowercase_hex(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups.iter().all(|group| is_lowercase_hex(group))
        && groups[2].starts_with('4')
}

/// Status and error_text of a failure reply.
fn failure(reply: &Value) -> (&str, &str) {
    (
        reply["status"].as_str().unwrap(),
        reply["error_text"].as_str().unwrap_or("<no error_text>"),
    )
}

/// Seconds from `earlier` to `later`, both `YYYY-MM-DD HH:MM:SS` as v1 writes dates.
fn seconds_between(earlier: &str, later: &str) -> i64 {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let parse = |date: &str| time::PrimitiveDateTime::parse(date, format).unwrap();
    (parse(later) - parse(earlier)).whole_seconds()
}
