//! What the client does alike whichever API version it speaks: it never follows a
//! redirect, it gives up at its timeout, it tells a dead provider from a slow one, and it
//! logs each call without a secret, a code or a full number. Each test runs both versions.

use super::test_logs::CapturedLogs;
use super::test_provider::{
    accepted, code, id, request_id, settings, spawn, spawn_with, start, unavailable, Canned, SECRET,
};
use super::{ApiVersion, Unavailable, VerifyClient, VerifyError};
use std::time::Duration;

const BOTH: [ApiVersion; 2] = [ApiVersion::V1, ApiVersion::V2];

/// `Basic base64("key123:s3cr3t-value-77")` without its scheme, worked out by hand so the
/// test does not share the encoder it checks.
const BASIC_CREDENTIALS: &str = "a2V5MTIzOnMzY3IzdC12YWx1ZS03Nw==";

#[tokio::test]
async fn a_redirect_is_not_followed_so_the_credentials_go_nowhere_else() {
    for api in BOTH {
        let (client, provider) = spawn(api, Canned::new(307, "text/plain", "")).await;
        let outcome = start(&client).await;
        assert_eq!(
            outcome,
            Err(unavailable(Unavailable::HttpStatus(307))),
            "{api:?}"
        );
        assert_eq!(provider.calls(), 1, "{api:?}");
    }
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_a_timeout_and_logged_as_one() {
    for api in BOTH {
        let (logs, _guard) = CapturedLogs::start();
        let mut canned = accepted(api);
        canned.delay = Duration::from_secs(5);
        let short = |settings: &mut super::VerifySettings| {
            settings.timeout = Duration::from_millis(200);
        };
        let (client, _provider) = spawn_with(api, canned, short).await;
        let outcome = start(&client).await;
        assert_eq!(outcome, Err(unavailable(Unavailable::Timeout)), "{api:?}");
        let logs = logs.text();
        for wanted in ["outcome=timeout", "cause="] {
            assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
        }
        if api == ApiVersion::V2 {
            assert!(logs.contains("api=\"v2\""), "{logs}");
        }
    }
}

#[tokio::test]
async fn nothing_listening_is_a_connection_error() {
    for api in BOTH {
        // Bind then drop, so the port is (almost certainly) free with nothing behind it.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let client = VerifyClient::new(settings(api, base_url));
        let expected = Err(unavailable(Unavailable::Connection));
        assert_eq!(start(&client).await.map(drop), expected, "{api:?}");
        let checked = client.check(&request_id(api), &code()).await;
        assert_eq!(checked, expected, "{api:?}");
    }
}

/// A wrong-code answer in `api`'s wire form, and the outcome its log line names.
fn wrong_code(api: ApiVersion) -> (Canned, &'static str) {
    match api {
        ApiVersion::V1 => {
            let body = format!(
                r#"{{"request_id":"{}","status":"16","error_text":"The code provided does not match the expected value"}}"#,
                id(api)
            );
            (Canned::json(200, body), "status 16")
        }
        ApiVersion::V2 => {
            let body = serde_json::json!({
                "title": "Invalid Code",
                "detail": "The code you provided does not match the expected value.",
            });
            let canned = Canned::new(400, "application/problem+json", &body.to_string());
            (canned, "http 400")
        }
    }
}

#[tokio::test]
async fn logs_name_the_call_and_its_outcome_but_never_the_secret_the_code_or_the_full_number() {
    for api in BOTH {
        let (logs, _guard) = CapturedLogs::start();
        let (canned, outcome) = wrong_code(api);
        let (client, _provider) = spawn(api, canned).await;
        assert_eq!(
            client.check(&request_id(api), &code()).await,
            Err(VerifyError::WrongCode)
        );
        assert!(start(&client).await.is_err());
        let logs = logs.text();
        for wanted in [
            "operation=\"check\"",
            "operation=\"start\"",
            id(api),
            outcome,
            "elapsed_ms",
            "+1 •••• ••0142",
        ] {
            assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
        }
        if api == ApiVersion::V2 {
            assert!(logs.contains("api=\"v2\""), "{logs}");
        }
        for secret in [SECRET, "918273", "2125550142", BASIC_CREDENTIALS] {
            assert!(!logs.contains(secret), "{secret:?} leaked into {logs}");
        }
    }
}
