//! `/verify/control/json`: cancel between 30 s and the second delivery, trigger the next
//! delivery while one is left, with the exact texts of verify-api.md §1.7.

use super::*;

fn too_early(request_id: &str) -> String {
    format!("Verification request ['{request_id}'] can't be cancelled within the first 30 seconds.")
}

fn too_late(request_id: &str) -> String {
    format!(
        "Verification request  ['{request_id}'] can't be cancelled now. Too many attempts to \
         re-deliver have already been made."
    )
}

fn no_events_left(request_id: &str) -> String {
    format!("No more events are left to execute for the request ['{request_id}']")
}

fn not_active(request_id: &str) -> String {
    format!("The requestId '{request_id}' does not exist or its no longer active.")
}

#[tokio::test]
async fn cancel_in_the_first_30_seconds_answers_19() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    app.advance(29);
    let reply = app.control(&request_id, "cancel").await;
    assert_eq!(failure(&reply), ("19", too_early(&request_id).as_str()));
    assert_eq!(app.search(&[&request_id]).await["status"], "IN PROGRESS");
}

#[tokio::test]
async fn cancel_after_the_second_delivery_answers_19_with_the_double_space() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    app.advance(125);
    let reply = app.control(&request_id, "cancel").await;
    assert_eq!(failure(&reply), ("19", too_late(&request_id).as_str()));
    assert!(failure(&reply).1.starts_with("Verification request  ['"));
}

#[tokio::test]
async fn cancel_between_30_seconds_and_the_second_delivery_ends_the_request_and_frees_the_number() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    app.advance(30);
    let reply = app.control(&request_id, "cancel").await;
    assert_eq!(
        reply,
        serde_json::json!({"status": "0", "command": "cancel"})
    );
    let found = app.search(&[&request_id]).await;
    assert_eq!(found["status"], "CANCELLED");
    assert_eq!(
        seconds_between(
            found["date_submitted"].as_str().unwrap(),
            found["date_finalized"].as_str().unwrap()
        ),
        30
    );
    assert_eq!(failure(&app.check(&request_id, &code).await).0, "6");
    let again = app.control(&request_id, "cancel").await;
    assert_eq!(failure(&again), ("6", not_active(&request_id).as_str()));
    app.advance(600);
    assert_eq!(app.deliveries().len(), 1, "no delivery after cancelling");
    app.started(&[]).await;
}

#[tokio::test]
async fn trigger_next_event_delivers_now_and_the_next_wait_counts_from_then() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    app.advance(10);
    let reply = app.control(&request_id, "trigger_next_event").await;
    assert_eq!(
        reply,
        serde_json::json!({"status": "0", "command": "trigger_next_event"})
    );
    let inbox = app.simulator.inbox();
    assert_eq!(inbox.len(), 2);
    assert_eq!(inbox[0].channel, Channel::Voice);
    assert_eq!(
        inbox[0].code, code,
        "the PIN has not expired, so it is kept"
    );
    assert_eq!(seconds_between(&inbox[1].sent_at, &inbox[0].sent_at), 10);
    app.advance(179);
    assert_eq!(app.deliveries().len(), 2);
    app.advance(1);
    assert_eq!(app.deliveries().len(), 3, "180 s after the triggered call");
}

#[tokio::test]
async fn trigger_next_event_gives_a_new_pin_only_once_pin_expiry_has_passed() {
    let app = spawn().await;
    let (request_id, first) = app.started(&[("pin_expiry", "60")]).await;
    app.advance(61);
    app.control(&request_id, "trigger_next_event").await;
    let second = app.latest_code();
    assert_ne!(second, first);
    assert_eq!(app.check(&request_id, &second).await["status"], "0");
}

#[tokio::test]
async fn trigger_next_event_with_no_delivery_left_answers_19_then_6_once_expired() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[("workflow_id", "4")]).await;
    assert_eq!(
        app.control(&request_id, "trigger_next_event").await["status"],
        "0"
    );
    let reply = app.control(&request_id, "trigger_next_event").await;
    assert_eq!(
        failure(&reply),
        ("19", no_events_left(&request_id).as_str())
    );
    app.advance(180);
    assert_eq!(app.search(&[&request_id]).await["status"], "EXPIRED");
    let reply = app.control(&request_id, "trigger_next_event").await;
    assert_eq!(failure(&reply), ("6", not_active(&request_id).as_str()));
}

#[tokio::test]
async fn control_on_an_unknown_or_verified_request_answers_6() {
    let app = spawn().await;
    let unknown = "abcdef0123456789abcdef0123456789";
    for cmd in ["cancel", "trigger_next_event"] {
        let reply = app.control(unknown, cmd).await;
        assert_eq!(failure(&reply), ("6", not_active(unknown).as_str()));
    }
    let (request_id, code) = app.started(&[]).await;
    assert_eq!(app.check(&request_id, &code).await["status"], "0");
    let reply = app.control(&request_id, "trigger_next_event").await;
    assert_eq!(failure(&reply), ("6", not_active(&request_id).as_str()));
}

async fn assert_control_refused(app: &Running, form: &[(&str, &str)], expected: (&str, &str)) {
    let reply = app.post_form("/verify/control/json", form).await;
    assert_eq!(failure(&reply), expected, "{form:?}");
}

#[tokio::test]
async fn control_refuses_bad_credentials_missing_and_invalid_parameters() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    let id = request_id.as_str();
    let missing = "Your request is incomplete and missing the mandatory parameter:";
    let (creds, bad_creds) = (
        [("api_key", KEY), ("api_secret", SECRET)],
        [("api_key", KEY), ("api_secret", "nope")],
    );

    let form = [&bad_creds[..], &[("request_id", id), ("cmd", "cancel")]].concat();
    assert_control_refused(&app, &form, ("4", "Bad credentials")).await;
    let form = [&creds[..], &[("cmd", "cancel")]].concat();
    assert_control_refused(&app, &form, ("2", &format!("{missing} request_id"))).await;
    let form = [&creds[..], &[("request_id", id)]].concat();
    assert_control_refused(&app, &form, ("2", &format!("{missing} cmd"))).await;
    let form = [&creds[..], &[("request_id", id), ("cmd", "pause")]].concat();
    assert_control_refused(&app, &form, ("3", "Invalid value for cmd")).await;
    let form = [&creds[..], &[("request_id", "x'; DROP"), ("cmd", "cancel")]].concat();
    let invalid_id = ("3", "Invalid value for param: request_id");
    assert_control_refused(&app, &form, invalid_id).await;
    assert_eq!(app.deliveries().len(), 1, "nothing was triggered");
}

#[tokio::test]
async fn control_takes_get_queries_json_bodies_and_basic_auth() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    let query = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("request_id", request_id.as_str()),
        ("cmd", "trigger_next_event"),
    ];
    let url = app.url("/verify/control/json");
    let response = app.http.get(&url).query(&query).send().await.unwrap();
    assert_eq!(json_of(response).await["command"], "trigger_next_event");
    let body = serde_json::json!({
        "api_key": KEY, "api_secret": SECRET, "request_id": request_id, "cmd": "trigger_next_event"
    });
    let response = app.http.post(&url).json(&body).send().await.unwrap();
    assert_eq!(json_of(response).await["status"], "0");
    let response = app
        .http
        .post(&url)
        .basic_auth(KEY, Some(SECRET))
        .form(&[
            ("request_id", request_id.as_str()),
            ("cmd", "trigger_next_event"),
        ])
        .send()
        .await
        .unwrap();
    let reply = json_of(response).await;
    assert_eq!(failure(&reply).0, "19", "basic auth got through: {reply}");
    assert_eq!(app.deliveries().len(), 3);
}
