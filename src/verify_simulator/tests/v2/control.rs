//! The life of a v2 request on the clock: the next channel after `channel_timeout` or on
//! next_workflow, expiry one timeout after the last channel, and DELETE.

use super::*;

#[tokio::test]
async fn next_workflow_calls_now_with_the_same_code_then_is_409_with_no_channel_left() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    let response = app.v2_next(&request_id).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "");
    let expected = [(Channel::Sms, code.clone()), (Channel::Voice, code.clone())];
    assert_eq!(app.deliveries(), expected);
    let call = &app.simulator.inbox()[0];
    assert_eq!(
        call.text,
        format!("Voice call: your Pollstr code is {code}")
    );
    let body = problem(app.v2_next(&request_id).await, 409, "Conflict").await;
    assert_eq!(body["detail"], "There are no more events left to trigger.");
    assert_eq!(app.deliveries().len(), 2);
    let response = app.v2_check(&request_id, &code).await;
    assert_eq!(response.status(), StatusCode::OK, "the request still runs");
}

#[tokio::test]
async fn the_next_channel_comes_after_the_default_180_s_timeout() {
    let app = spawn().await;
    let (_, code) = app.v2_started().await;
    app.advance(179);
    assert_eq!(app.deliveries().len(), 1);
    app.advance(1);
    let expected = [(Channel::Sms, code.clone()), (Channel::Voice, code)];
    assert_eq!(app.deliveries(), expected);
    let inbox = app.simulator.inbox();
    assert_eq!(seconds_between(&inbox[1].sent_at, &inbox[0].sent_at), 180);
}

#[tokio::test]
async fn the_request_expires_one_timeout_after_its_last_channel() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    app.advance(359);
    let response = app.v2_check(&request_id, &other_than(&code)).await;
    problem(response, 400, "Invalid Code").await;
    app.advance(1);
    let body = problem(app.v2_check(&request_id, &code).await, 404, "Not Found").await;
    assert_eq!(body["detail"], not_found_detail(&request_id));
    app.assert_number_free().await;
}

#[tokio::test]
async fn a_custom_channel_timeout_sets_every_gap_and_the_expiry() {
    let app = spawn().await;
    let body = json!({
        "brand": "Pollstr",
        "channel_timeout": 60,
        "workflow": [
            { "channel": "voice", "to": NUMBER },
            { "channel": "sms", "to": NUMBER },
            { "channel": "voice", "to": NUMBER },
        ],
    });
    let response = app.v2_start(&body).await;
    let reply: Value = response.json().await.unwrap();
    let request_id = reply["request_id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.deliveries()[0].0,
        Channel::Voice,
        "voice first, at once"
    );
    app.advance(120);
    let channels: Vec<Channel> = app.deliveries().into_iter().map(|(c, _)| c).collect();
    assert_eq!(channels, [Channel::Voice, Channel::Sms, Channel::Voice]);
    problem(app.v2_next(&request_id).await, 409, "Conflict").await;
    app.advance(60);
    let code = app.latest_code();
    problem(app.v2_check(&request_id, &code).await, 404, "Not Found").await;
}

#[tokio::test]
async fn delete_is_204_and_ends_the_request_so_every_later_call_is_404() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    let response = app.v2_cancel(&request_id).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(response.text().await.unwrap(), "");
    problem(app.v2_check(&request_id, &code).await, 404, "Not Found").await;
    problem(app.v2_cancel(&request_id).await, 404, "Not Found").await;
    problem(app.v2_next(&request_id).await, 404, "Not Found").await;
    app.assert_number_free().await;
}

#[tokio::test]
async fn control_calls_need_the_credentials_too() {
    let app = spawn().await;
    let (request_id, _) = app.v2_started().await;
    let url = app.url(&format!("/v2/verify/{request_id}"));
    let response = app.http.delete(&url).send().await.unwrap();
    problem(response, 401, "Unauthorized").await;
    let url = app.url(&format!("/v2/verify/{request_id}/next_workflow"));
    let response = app.http.post(&url).send().await.unwrap();
    problem(response, 401, "Unauthorized").await;
    assert_eq!(app.deliveries().len(), 1, "no call was made");
    let response = app.v2_cancel(&request_id).await;
    assert_eq!(
        response.status(),
        StatusCode::NO_CONTENT,
        "it was still running"
    );
}
