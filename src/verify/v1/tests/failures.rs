//! The provider failing to answer in v1's terms: any HTTP status but 200, and bodies that
//! are no v1 reply. (Redirects, timeouts and dead ports: `verify::tests`, both versions.)

use super::*;

#[tokio::test]
async fn http_errors_are_unavailable_with_their_status() {
    for code in [500, 502, 401] {
        let canned = Canned::new(code, "application/json", r#"{"status":"0"}"#);
        assert_eq!(
            start_answered(canned).await,
            Err(unavailable(Unavailable::HttpStatus(code)))
        );
    }
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
        let canned = Canned::new(200, content_type, body);
        assert_eq!(
            start_answered(canned).await,
            Err(unavailable(Unavailable::MalformedResponse)),
            "{body}"
        );
    }
}
