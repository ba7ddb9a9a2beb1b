//! Verify v2 on the simulator over real HTTP: raw requests (to see the exact statuses and
//! problem bodies), and the v2 client against it (to prove the two agree).

mod check;
mod client;
mod control;
mod faults;
mod start;

use super::*;
use reqwest::Method;
use serde_json::json;

/// A valid start: the app's brand, SMS then voice to NUMBER.
fn start_body() -> Value {
    json!({
        "brand": "Pollstr",
        "workflow": [
            { "channel": "sms", "to": NUMBER },
            { "channel": "voice", "to": NUMBER },
        ],
    })
}

impl Running {
    /// A v2 request with the simulator's credentials as Basic auth.
    fn v2(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, self.url(path))
            .basic_auth(KEY, Some(SECRET))
    }

    async fn v2_start(&self, body: &Value) -> reqwest::Response {
        let request = self.v2(Method::POST, "/v2/verify").json(body);
        request.send().await.unwrap()
    }

    /// Starts a request for NUMBER and returns its id and the texted code.
    async fn v2_started(&self) -> (String, String) {
        let response = self.v2_start(&start_body()).await;
        assert_eq!(response.status(), StatusCode::ACCEPTED);
        let body: Value = response.json().await.unwrap();
        let request_id = body["request_id"].as_str().unwrap().to_owned();
        (request_id, self.latest_code())
    }

    /// Asserts a new start for NUMBER is taken: no request holds the number any more.
    async fn assert_number_free(&self) {
        let response = self.v2_start(&start_body()).await;
        assert_eq!(
            response.status(),
            StatusCode::ACCEPTED,
            "the number is free"
        );
    }

    async fn v2_check(&self, request_id: &str, code: &str) -> reqwest::Response {
        let path = format!("/v2/verify/{request_id}");
        let request = self.v2(Method::POST, &path).json(&json!({ "code": code }));
        request.send().await.unwrap()
    }

    async fn v2_cancel(&self, request_id: &str) -> reqwest::Response {
        let path = format!("/v2/verify/{request_id}");
        self.v2(Method::DELETE, &path).send().await.unwrap()
    }

    async fn v2_next(&self, request_id: &str) -> reqwest::Response {
        let path = format!("/v2/verify/{request_id}/next_workflow");
        self.v2(Method::POST, &path).send().await.unwrap()
    }
}

/// Asserts a problem+json answer with `status` and `title`, a documented-looking `type` and
/// a UUID trace id as `instance`; returns the body for the rest.
async fn problem(response: reqwest::Response, status: u16, title: &str) -> Value {
    assert_eq!(response.status().as_u16(), status);
    let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["title"], title, "{body}");
    assert!(
        body["type"].as_str().unwrap().starts_with("https://"),
        "{body}"
    );
    assert!(is_uuid_v4(body["instance"].as_str().unwrap()), "{body}");
    body
}

/// The names in a 422's `invalid_parameters`, in order.
fn invalid_names(body: &Value) -> Vec<String> {
    body["invalid_parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|parameter| parameter["name"].as_str().unwrap().to_owned())
        .collect()
}

fn not_found_detail(request_id: &str) -> String {
    format!("Request '{request_id}' was not found or it has been verified already.")
}
