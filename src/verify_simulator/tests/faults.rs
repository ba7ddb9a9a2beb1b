//! Injected faults on v1 calls: each is used up by the next call concerning its number,
//! whichever endpoint. (What the client sees of each, both versions: `tests::client`.)

use super::*;
use crate::verify_simulator::Fault;

#[tokio::test]
async fn a_status_fault_answers_that_status_with_its_text_once_and_sends_nothing() {
    let app = spawn().await;
    app.simulator
        .inject_fault("+12125550142", Fault::Status("15".into()));
    let reply = app.start(&[]).await;
    assert_eq!(
        reply,
        serde_json::json!({"status": "15", "error_text": "The destination number is not in a supported network"})
    );
    assert!(app.simulator.inbox().is_empty());
    app.started(&[]).await;
}

#[tokio::test]
async fn a_status_7_fault_names_the_blocked_network() {
    let app = spawn().await;
    app.simulator
        .inject_fault(NUMBER, Fault::Status("7".into()));
    let reply = app.start(&[]).await;
    assert_eq!(failure(&reply).0, "7");
    assert_eq!(reply["network"], "25503");
}

#[tokio::test]
async fn faults_concern_only_their_number() {
    let app = spawn().await;
    app.simulator.inject_fault("12125550143", Fault::Http(502));
    app.started(&[]).await;
}

#[tokio::test]
async fn check_and_control_faults_follow_the_number_of_the_request() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    app.simulator.inject_fault(NUMBER, Fault::Http(503));
    let url = app.url("/verify/check/json");
    let form = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("request_id", &request_id),
        ("code", &code),
    ];
    let response = app.http.post(&url).form(&form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.text().await.unwrap(), "Simulated HTTP 503");
    app.simulator
        .inject_fault(NUMBER, Fault::Status("5".into()));
    let reply = app.control(&request_id, "trigger_next_event").await;
    assert_eq!(failure(&reply), ("5", "Internal Error"));
    assert_eq!(app.deliveries().len(), 1, "the faulty calls did nothing");
    assert_eq!(
        app.check(&request_id, &code).await["status"],
        "0",
        "no try used"
    );
}

#[tokio::test]
async fn a_delay_is_followed_by_the_usual_answer() {
    let app = spawn().await;
    let (request_id, sent) = app.started(&[]).await;
    app.simulator
        .inject_fault(NUMBER, Fault::Delay(Duration::from_millis(50)));
    let client = app.client(ApiVersion::V1, SECRET);
    let request_id = RequestId::parse(&request_id).unwrap();
    assert_eq!(client.check(&request_id, &code(&sent)).await, Ok(()));
}

#[tokio::test]
async fn search_faults_follow_the_numbers_of_the_requests_searched() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    app.simulator.inject_fault(NUMBER, Fault::Http(429));
    let url = app.url("/verify/search/json");
    let query = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("request_id", &request_id),
    ];
    let response = app.http.get(&url).query(&query).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.search(&[&request_id]).await["status"], "IN PROGRESS");
}
