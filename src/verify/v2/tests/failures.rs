//! The provider failing to answer: 5xx, redirects, bodies that are no v2 answer, timeouts.

use super::*;
use serde_json::json;

#[tokio::test]
async fn server_errors_are_unavailable_with_their_status_whatever_the_body() {
    let internal = json!({
        "title": "Internal error",
        "detail": "There was an error processing your request in the Platform.",
    });
    let cases = [
        Canned::new(500, PROBLEM, &internal.to_string()),
        Canned::new(502, "text/html", "<h1>Bad Gateway</h1>"),
        Canned::new(503, "text/plain", ""),
    ];
    for canned in cases {
        let status = canned.http_status.as_u16();
        let expected = unavailable(Unavailable::HttpStatus(status));
        assert_eq!(start_answered(canned).await, Err(expected.clone()));
        let canned = Canned::new(status, "text/plain", "");
        assert_eq!(check_answered(canned).await, Err(expected.clone()));
        let canned = Canned::new(status, "text/plain", "");
        assert_eq!(cancel_answered(canned).await, Err(expected));
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed_so_the_credentials_go_nowhere_else() {
    let canned = Canned::new(307, "text/plain", "");
    let (client, provider) = spawn_default(canned).await;
    let outcome = client.start(&number()).await;
    assert_eq!(outcome, Err(unavailable(Unavailable::HttpStatus(307))));
    assert_eq!(provider.calls(), 1);
}

#[tokio::test]
async fn start_answers_that_are_not_a_v2_success_are_malformed() {
    let cases = [
        Canned::new(202, "application/json", "{\"request_id\":"),
        Canned::new(202, "application/json", ""),
        Canned::new(202, "application/json", r#"{"check_url":"x"}"#),
        Canned::new(202, "application/json", r#"{"request_id":"not an id!"}"#),
        Canned::new(202, "application/json", &format!(r#"["{ID}"]"#)),
        // Right body, wrong content: not what the API documents.
        Canned::new(202, "text/html", &format!(r#"{{"request_id":"{ID}"}}"#)),
    ];
    for canned in cases {
        let body = canned.body.clone();
        assert_eq!(
            start_answered(canned).await,
            Err(unavailable(Unavailable::MalformedResponse)),
            "{body}"
        );
    }
}

#[tokio::test]
async fn statuses_about_the_request_need_verifys_problem_body_to_be_believed() {
    // A proxy's page with a 400 must not tell a person their code was wrong.
    let cases = [
        (400, "text/html", "<h1>Bad Request</h1>"),
        (404, "text/plain", "Not Found"),
        (410, "application/json", r#"{"message":"gone"}"#),
        (409, "application/problem+json", "{\"title\":"),
    ];
    for (status, content_type, body) in cases {
        assert_eq!(
            check_answered(Canned::new(status, content_type, body)).await,
            Err(unavailable(Unavailable::MalformedResponse)),
            "{status} {body}"
        );
    }
    let bare_409 = Canned::new(409, "text/plain", "Conflict");
    assert_eq!(
        start_answered(bare_409).await,
        Err(unavailable(Unavailable::MalformedResponse))
    );
}

#[tokio::test]
async fn an_answer_slower_than_the_timeout_is_a_timeout_and_logged_as_one() {
    let (logs, _guard) = crate::verify::test_logs::CapturedLogs::start();
    let mut canned = accepted();
    canned.delay = Duration::from_secs(5);
    let workflow = V2Channel::DEFAULT_WORKFLOW.to_vec();
    let (client, _provider) = spawn(canned, Duration::from_millis(200), workflow).await;
    assert_eq!(
        client.start(&number()).await,
        Err(unavailable(Unavailable::Timeout))
    );
    let logs = logs.text();
    for wanted in ["api=\"v2\"", "outcome=timeout", "cause="] {
        assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
    }
}

#[tokio::test]
async fn nothing_listening_is_a_connection_error() {
    // Bind then drop, so the port is (almost certainly) free with nothing behind it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let workflow = V2Channel::DEFAULT_WORKFLOW.to_vec();
    let client = client(base_url, Duration::from_secs(5), workflow);
    assert_eq!(
        client.check(&request_id(), &code()).await,
        Err(unavailable(Unavailable::Connection))
    );
}
