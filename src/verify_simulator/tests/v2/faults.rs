//! Injected faults on v2 calls: used up by the next call concerning their number, before
//! the credentials, and seen by the v2 client as the failures they stand for.

use super::*;
use crate::domain::PhoneNumber;
use crate::verify::{Unavailable, VerifyError};
use crate::verify_simulator::Fault;

fn number() -> PhoneNumber {
    PhoneNumber::parse("+1 212 555 0142").unwrap()
}

#[tokio::test]
async fn a_status_fault_answers_that_http_status_with_its_problem_once_and_sends_nothing() {
    let app = spawn().await;
    app.simulator
        .inject_fault("+1 212 555 0142", Fault::Status("429".into()));
    let body = problem(app.v2_start(&start_body()).await, 429, "Rate Limit Hit").await;
    assert_eq!(body["detail"], "Please wait, then retry your request");
    assert!(app.simulator.inbox().is_empty());
    app.v2_started().await;
}

#[tokio::test]
async fn a_fault_comes_before_the_credentials() {
    let app = spawn().await;
    app.simulator
        .inject_fault(NUMBER, Fault::Status("500".into()));
    let response = app
        .http
        .post(app.url("/v2/verify"))
        .json(&start_body())
        .send()
        .await;
    let body = problem(response.unwrap(), 500, "Internal error").await;
    assert_eq!(
        body["detail"],
        "There was an error processing your request in the Platform."
    );
}

#[tokio::test]
async fn faults_on_calls_about_a_request_follow_its_number() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    app.simulator.inject_fault(NUMBER, Fault::Http(503));
    let response = app.v2_check(&request_id, &code).await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.text().await.unwrap(), "Simulated HTTP 503");
    app.simulator
        .inject_fault(NUMBER, Fault::Status("404".into()));
    let body = problem(app.v2_next(&request_id).await, 404, "Not Found").await;
    assert_eq!(body["detail"], not_found_detail(&request_id));
    app.simulator.inject_fault(NUMBER, Fault::MalformedJson);
    let response = app.v2_cancel(&request_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert!(serde_json::from_str::<Value>(&response.text().await.unwrap()).is_err());
    assert_eq!(app.deliveries().len(), 1, "the faulty calls did nothing");
    let response = app.v2_check(&request_id, &code).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "no try used, not cancelled"
    );
}

#[tokio::test]
async fn the_v2_client_sees_each_fault_as_the_failure_it_stands_for() {
    let app = spawn().await;
    let client = app.v2_client(SECRET);
    let cases = [
        (Fault::Status("429".into()), VerifyError::Throttled),
        (
            Fault::Status("422".into()),
            VerifyError::NumberNotSupported {
                status: "422".into(),
            },
        ),
        (
            Fault::Status("402".into()),
            VerifyError::Rejected {
                status: "402".into(),
                error_text:
                    "This request could not be performed due to your account balance being low."
                        .into(),
            },
        ),
        (
            Fault::Status("500".into()),
            VerifyError::Unavailable(Unavailable::HttpStatus(500)),
        ),
        (
            Fault::Status("15".into()),
            VerifyError::Unavailable(Unavailable::HttpStatus(500)),
        ),
        (
            Fault::Http(502),
            VerifyError::Unavailable(Unavailable::HttpStatus(502)),
        ),
        (
            Fault::MalformedJson,
            VerifyError::Unavailable(Unavailable::MalformedResponse),
        ),
    ];
    for (fault, expected) in cases {
        app.simulator.inject_fault(NUMBER, fault.clone());
        assert_eq!(client.start(&number()).await, Err(expected), "{fault:?}");
    }
    let request_id = client.start(&number()).await.unwrap();
    app.simulator
        .inject_fault(NUMBER, Fault::Status("409".into()));
    let outcome = client.trigger_next_event(&request_id).await;
    let expected = VerifyError::ControlNotPossible {
        reason: "There are no more events left to trigger.".into(),
    };
    assert_eq!(outcome, Err(expected));
    assert_eq!(app.deliveries().len(), 1);
}

#[tokio::test]
async fn a_delay_longer_than_the_client_timeout_is_a_timeout_and_is_used_up() {
    let app = spawn().await;
    let workflow = V2Channel::DEFAULT_WORKFLOW.to_vec();
    let impatient = app.v2_client_with(SECRET, Duration::from_millis(50), workflow);
    app.simulator
        .inject_fault(NUMBER, Fault::Delay(Duration::from_millis(200)));
    let outcome = impatient.start(&number()).await;
    assert_eq!(outcome, Err(VerifyError::Unavailable(Unavailable::Timeout)));
    let request_id = impatient.start(&number()).await;
    assert!(request_id.is_ok(), "{request_id:?}");
}
