//! One v2 call on the wire: HTTP Basic credentials and a JSON body out, the status, whether
//! the answer says it is JSON, and the body back. Unlike v1, every HTTP status is an answer
//! here; only no answer at all (a timeout, no connection) is a failure of the transport.

use super::super::failure::transport_failure;
use super::super::{VerifyError, VerifySettings};
use reqwest::header;
use secrecy::ExposeSecret;
use serde_json::{Map, Value};

/// What came back: any status, success or problem.
pub(super) struct Answer {
    pub(super) status: u16,
    /// `application/json`, `application/problem+json` or another `+json` type.
    is_json: bool,
    body: Vec<u8>,
}

impl Answer {
    pub(super) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as a JSON object, if the answer says it is JSON and it is an object.
    /// Anything else (an HTML page from a proxy, a cut-off body) is `None`.
    pub(super) fn object(&self) -> Option<Map<String, Value>> {
        if !self.is_json {
            return None;
        }
        match serde_json::from_slice(&self.body) {
            Ok(Value::Object(object)) => Some(object),
            _ => None,
        }
    }
}

/// A request to `path` under the base URL, authenticated the way v2 documents for
/// server-to-server calls (verify-api.md §2.1).
pub(super) fn request(
    http: &reqwest::Client,
    settings: &VerifySettings,
    method: reqwest::Method,
    path: &str,
) -> reqwest::RequestBuilder {
    // The only place the secret is exposed: into the Authorization header of a request to
    // the provider, which reqwest marks as sensitive so it is never printed.
    http.request(method, format!("{}{path}", settings.base_url))
        .basic_auth(&settings.api_key, Some(settings.api_secret.expose_secret()))
}

pub(super) async fn send(request: reqwest::RequestBuilder) -> Result<Answer, VerifyError> {
    let response = request.send().await.map_err(transport_failure)?;
    let status = response.status().as_u16();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(is_json_mime);
    let body = response.bytes().await.map_err(transport_failure)?;
    Ok(Answer {
        status,
        is_json,
        body: body.to_vec(),
    })
}

/// `application/json` or any `application/…+json` (RFC 7807's `problem+json`), with or
/// without parameters such as `; charset=utf-8`.
fn is_json_mime(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_problem_json_are_json_and_other_types_are_not() {
        for json in [
            "application/json",
            "application/problem+json",
            "Application/JSON; charset=utf-8",
        ] {
            assert!(is_json_mime(json), "{json}");
        }
        for other in ["text/html", "text/json+plain", "application/jsonp", ""] {
            assert!(!is_json_mime(other), "{other}");
        }
    }
}
