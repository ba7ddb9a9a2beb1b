//! The parameters of one v1 call, from wherever the client put them: the query string, an
//! urlencoded form or a JSON object body, and the credentials from those or a Basic header.
//! Real clients use every one of these (verify-api.md §1.2).

use super::basic_auth::{self, BasicAuth};
use super::wire::{Endpoint, Failure};
use super::SimulatorCredentials;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde_json::Value;

pub(super) struct Params {
    /// In order: the body's, then the query's.
    values: Vec<(String, String)>,
    basic: BasicAuth,
}

/// Any method, any of the three encodings: what every simulator endpoint takes.
impl<S: Send + Sync> FromRequest<S> for Params {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = request.headers().clone();
        let query = request.uri().query().map(str::to_owned);
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self::gather(&headers, query.as_deref(), &body))
    }
}

impl Params {
    /// The body wins over the query, and within one source the first occurrence wins.
    pub(super) fn gather(headers: &HeaderMap, query: Option<&str>, body: &[u8]) -> Self {
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"));
        let from_body = if body.is_empty() {
            Vec::new()
        } else if is_json {
            json_object(body)
        } else {
            urlencoded(&String::from_utf8_lossy(body))
        };
        let from_query = query.map(urlencoded).unwrap_or_default();
        Self {
            values: from_body.into_iter().chain(from_query).collect(),
            basic: basic_auth::read(headers),
        }
    }

    /// The first value given for `name`. An empty value counts as missing, as in a form
    /// with a blank field.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(given, _)| given == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    }

    /// Every non-empty value given for a repeated parameter (`request_ids=a&request_ids=b`,
    /// or a JSON list), in order.
    pub(super) fn all(&self, name: &str) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(given, value)| given == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// Status 2 for missing credentials, 4 for wrong ones. A Basic header, when present,
    /// is what the caller meant to authenticate with, so it is the one compared.
    pub(super) fn authenticate(
        &self,
        expected: &SimulatorCredentials,
        endpoint: Endpoint,
    ) -> Result<(), Failure> {
        let (key, secret) = match &self.basic {
            BasicAuth::Given { key, secret } => (key.as_str(), secret.as_str()),
            BasicAuth::Unreadable => return Err(Failure::bad_credentials(endpoint)),
            BasicAuth::Absent => (
                self.get("api_key")
                    .ok_or_else(|| Failure::missing("api_key"))?,
                self.get("api_secret")
                    .ok_or_else(|| Failure::missing("api_secret"))?,
            ),
        };
        if basic_auth::matches(expected, key, secret) {
            Ok(())
        } else {
            Err(Failure::bad_credentials(endpoint))
        }
    }
}

fn urlencoded(input: &str) -> Vec<(String, String)> {
    let decode = |part: &str| {
        percent_decode_str(&part.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    input
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Strings as they are, numbers and booleans as text (`"code_length": 6` is fine), a list
/// as the parameter repeated (`"request_ids": ["a", "b"]`); objects are no v1 parameter.
/// A body that is not a JSON object gives no parameters, so the call then fails on the
/// first missing one, as a real client would see.
fn json_object(body: &[u8]) -> Vec<(String, String)> {
    let Ok(Value::Object(object)) = serde_json::from_slice(body) else {
        tracing::warn!("simulated Verify v1 call with a body that is not a JSON object");
        return Vec::new();
    };
    let mut values = Vec::new();
    for (name, value) in object {
        let items = match value {
            Value::Array(items) => items,
            single => vec![single],
        };
        values.extend(items.iter().filter_map(scalar).map(|v| (name.clone(), v)));
    }
    values
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn json_headers() -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        headers
    }

    #[test]
    fn decodes_plus_and_percent_escapes_in_forms_and_queries() {
        let params = Params::gather(&HeaderMap::new(), Some("brand=Poll+str%21&x"), b"");
        assert_eq!(params.get("brand"), Some("Poll str!"));
        assert_eq!(params.get("x"), None);
    }

    #[test]
    fn the_body_wins_over_the_query_and_the_first_occurrence_wins() {
        let params = Params::gather(
            &HeaderMap::new(),
            Some("brand=query"),
            b"brand=form&brand=again",
        );
        assert_eq!(params.get("brand"), Some("form"));
    }

    #[test]
    fn json_numbers_and_strings_become_parameters_and_nested_values_do_not() {
        let body = br#"{"code_length":6,"brand":"Pollstr","nested":{"a":1},"none":null}"#;
        let params = Params::gather(&json_headers(), None, body);
        assert_eq!(params.get("code_length"), Some("6"));
        assert_eq!(params.get("brand"), Some("Pollstr"));
        assert_eq!(params.get("nested"), None);
        assert_eq!(params.get("none"), None);
    }

    #[test]
    fn repeated_parameters_and_json_lists_give_every_value_in_order() {
        let params = Params::gather(&HeaderMap::new(), Some("id=c"), b"id=a&id=&id=b");
        assert_eq!(params.all("id"), ["a", "b", "c"]);
        assert_eq!(params.get("id"), Some("a"));
        let body = br#"{"request_ids":["a","b",3,{"x":1}],"request_id":"z"}"#;
        let params = Params::gather(&json_headers(), None, body);
        assert_eq!(params.all("request_ids"), ["a", "b", "3"]);
        assert_eq!(params.all("request_id"), ["z"]);
    }

    #[test]
    fn a_body_that_is_not_a_json_object_gives_no_parameters() {
        assert_eq!(
            Params::gather(&json_headers(), None, b"[1,2]").values.len(),
            0
        );
        assert_eq!(
            Params::gather(&json_headers(), None, b"{oops").values.len(),
            0
        );
    }
}
