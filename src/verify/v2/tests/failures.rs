//! The provider failing to answer in v2's terms: 5xx, and bodies that are no v2 answer.
//! (Redirects, timeouts and dead ports: `verify::tests`, both versions.)

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
