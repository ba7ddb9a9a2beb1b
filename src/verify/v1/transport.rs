//! One v1 call on the wire: credentials and parameters out, the body of an HTTP 200 back,
//! read as the `{"status": "…"}` object every v1 reply is. Transport failures become
//! [`Unavailable`], with their cause on the call's span.

use super::super::failure::{record_cause, transport_failure};
use super::super::{Unavailable, VerifyError, VerifySettings};
use secrecy::ExposeSecret;
use serde::Deserialize;

pub(super) use super::super::failure::malformed;

/// The parts of a v1 reply we read. All values are strings on the wire.
pub(super) struct Reply {
    pub(super) status: String,
    pub(super) error_text: Option<String>,
    pub(super) request_id: Option<String>,
    /// Control echoes the command it carried out.
    pub(super) command: Option<String>,
}

#[derive(Deserialize)]
struct WireReply {
    status: Option<WireStatus>,
    error_text: Option<String>,
    request_id: Option<String>,
    command: Option<String>,
}

/// The documented status is a string ("16"); a number is tolerated in case a proxy or a
/// future version re-encodes it.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum WireStatus {
    Text(String),
    Number(u64),
}

impl WireStatus {
    pub(super) fn into_text(self) -> String {
        match self {
            Self::Text(status) => status,
            Self::Number(status) => status.to_string(),
        }
    }
}

/// POSTs a form: the way the spec documents every call the client makes.
pub(super) async fn post(
    http: &reqwest::Client,
    settings: &VerifySettings,
    path: &str,
    params: &[(&str, &str)],
) -> Result<Vec<u8>, VerifyError> {
    let request = http.post(format!("{}{path}", settings.base_url));
    // The only places the secret is exposed: straight into a request to the provider.
    send(request.form(&with_credentials(settings, params))).await
}

fn with_credentials<'a>(
    settings: &'a VerifySettings,
    params: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut all = vec![
        ("api_key", settings.api_key.as_str()),
        ("api_secret", settings.api_secret.expose_secret()),
    ];
    all.extend_from_slice(params);
    all
}

/// v1 reports every outcome as HTTP 200, so any other status is the provider (or a proxy)
/// failing, not an answer.
async fn send(request: reqwest::RequestBuilder) -> Result<Vec<u8>, VerifyError> {
    let response = request.send().await.map_err(transport_failure)?;
    let status = response.status();
    if !status.is_success() {
        record_cause(&format!("HTTP {status}"));
        return Err(VerifyError::Unavailable(Unavailable::HttpStatus(
            status.as_u16(),
        )));
    }
    let body = response.bytes().await.map_err(transport_failure)?;
    Ok(body.to_vec())
}

pub(super) fn parse_reply(body: &[u8]) -> Result<Reply, VerifyError> {
    let wire: WireReply = serde_json::from_slice(body)
        .map_err(|error| malformed(&format!("not a Verify JSON object: {error}")))?;
    let Some(status) = wire.status else {
        return Err(malformed("no status"));
    };
    Ok(Reply {
        status: status.into_text(),
        error_text: wire.error_text,
        request_id: wire.request_id,
        command: wire.command,
    })
}
