//! Injected faults on v2 calls, on the wire: used up by the next call concerning their
//! number, before the credentials. (What the client sees of them: `tests::client`.)

use super::*;
use crate::verify_simulator::Fault;

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
