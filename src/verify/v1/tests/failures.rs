//! The provider failing to answer: HTTP errors, bodies that are no reply, timeouts.

use super::*;

#[tokio::test]
async fn http_errors_are_unavailable_with_their_status() {
    for code in [
        StatusCode::INTERNAL_SERVER_ERROR,
        StatusCode::BAD_GATEWAY,
        StatusCode::UNAUTHORIZED,
    ] {
        let canned = Canned::with_status(code, "application/json", r#"{"status":"0"}"#);
        assert_eq!(
            start_answered(canned).await,
            unavailable(Unavailable::HttpStatus(code.as_u16()))
        );
    }
}

#[tokio::test]
async fn a_redirect_is_not_followed_so_the_form_with_the_secret_goes_nowhere_else() {
    let canned = Canned::with_status(StatusCode::TEMPORARY_REDIRECT, "text/plain", "");
    let (client, provider) = spawn(canned, Duration::from_secs(5)).await;
    let outcome = client.start(&number()).await;
    assert_eq!(outcome, unavailable(Unavailable::HttpStatus(307)));
    assert_eq!(provider.received.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn bodies_that_are_not_a_verify_reply_are_malformed() {
    let bodies = [
        ("application/json", "{\"status\":"),
        (
            "application/json",
            r#"{"request_id":"abc","error_text":"no status"}"#,
        ),
        ("application/json", r#"["0"]"#),
        ("application/json", ""),
        (
            "text/html",
            "<html><body><h1>Bad Gateway</h1></body></html>",
        ),
    ];
    for (content_type, body) in bodies {
        let canned = Canned::with_status(StatusCode::OK, content_type, body);
        assert_eq!(
            start_answered(canned).await,
            unavailable(Unavailable::MalformedResponse),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_reply_slower_than_the_timeout_is_a_timeout() {
    let mut canned = Canned::json(&format!(r#"{{"request_id":"{ID}","status":"0"}}"#));
    canned.delay = Duration::from_secs(5);
    let (client, _provider) = spawn(canned, Duration::from_millis(200)).await;
    assert_eq!(
        client.start(&number()).await,
        unavailable(Unavailable::Timeout)
    );
}

#[tokio::test]
async fn nothing_listening_is_a_connection_error() {
    // Bind then drop, so the port is (almost certainly) free with nothing behind it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let outcome = client(base_url, Duration::from_secs(5))
        .start(&number())
        .await;
    assert_eq!(outcome, unavailable(Unavailable::Connection));
}
