//! `POST /v2/verify`: credentials, validation with every invalid parameter named, the
//! first delivery, and one running request per number.

use super::*;

const INVALID: &str = "The value of one or more parameters is invalid";

#[tokio::test]
async fn a_start_answers_202_with_a_uuid_and_texts_the_first_channel_at_once() {
    let app = spawn().await;
    let response = app.v2_start(&start_body()).await;
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let body: Value = response.json().await.unwrap();
    let request_id = body["request_id"].as_str().unwrap();
    assert!(is_uuid_v4(request_id), "{body}");
    assert_eq!(body.as_object().unwrap().len(), 1, "only the id: {body}");
    let inbox = app.simulator.inbox();
    assert_eq!(inbox.len(), 1, "{inbox:?}");
    assert_eq!(inbox[0].number, "+12125550142");
    assert_eq!(inbox[0].channel, Channel::Sms);
    assert_eq!(inbox[0].code.len(), 4, "v2's default code length");
    let text = format!("Your Pollstr verification code is {}", inbox[0].code);
    assert_eq!(inbox[0].text, text);
}

#[tokio::test]
async fn a_trailing_slash_starts_too_and_code_length_is_honoured() {
    let app = spawn().await;
    let mut body = start_body();
    body["code_length"] = json!(10);
    let request = app.v2(Method::POST, "/v2/verify/").json(&body);
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    assert_eq!(app.latest_code().len(), 10);
}

#[tokio::test]
async fn missing_or_wrong_credentials_are_401_and_send_nothing() {
    let app = spawn().await;
    let url = app.url("/v2/verify");
    let with_v1_style_credentials = {
        let mut body = start_body();
        body["api_key"] = json!(KEY);
        body["api_secret"] = json!(SECRET);
        body
    };
    let attempts = [
        app.http.post(&url).json(&start_body()),
        app.http.post(&url).json(&with_v1_style_credentials),
        app.http
            .post(&url)
            .basic_auth(KEY, Some("not-the-secret"))
            .json(&start_body()),
        app.http
            .post(&url)
            .bearer_auth("eyJhbGciOi.x.y")
            .json(&start_body()),
    ];
    for attempt in attempts {
        let body = problem(attempt.send().await.unwrap(), 401, "Unauthorized").await;
        assert_eq!(body["detail"], "You did not provide correct credentials");
    }
    assert!(app.simulator.inbox().is_empty());
}

#[tokio::test]
async fn invalid_bodies_are_422_naming_every_invalid_parameter_and_send_nothing() {
    let app = spawn().await;
    let with = |name: &str, value: Value| {
        let mut body = start_body();
        body[name] = value;
        body
    };
    let item = |channel: &str, to: &str| json!({ "channel": channel, "to": to });
    let cases = [
        (with("brand", json!("A brand of 19 chars")), vec!["brand"]),
        (with("brand", json!("")), vec!["brand"]),
        (with("brand", json!("Poll/str")), vec!["brand"]),
        (with("brand", json!("{Pollstr}")), vec!["brand"]),
        (with("brand", json!("Poll:str")), vec!["brand"]),
        (with("brand", json!("$Pollstr")), vec!["brand"]),
        (with("brand", json!(42)), vec!["brand"]),
        (with("workflow", json!([])), vec!["workflow"]),
        (
            with("workflow", json!(vec![item("sms", NUMBER); 4])),
            vec!["workflow"],
        ),
        (with("workflow", json!("sms")), vec!["workflow"]),
        (
            with("workflow", json!([item("email", NUMBER)])),
            vec!["workflow[0]"],
        ),
        (
            with(
                "workflow",
                json!([item("sms", NUMBER), item("voice", "+12125550142")]),
            ),
            vec!["workflow[1]"],
        ),
        (
            with("workflow", json!([item("sms", "012345678")])),
            vec!["workflow[0]"],
        ),
        (
            with(
                "workflow",
                json!([item("sms", NUMBER), item("voice", "12125550143")]),
            ),
            vec!["workflow"],
        ),
        (with("code_length", json!(3)), vec!["code_length"]),
        (with("code_length", json!(11)), vec!["code_length"]),
        (with("code_length", json!("6")), vec!["code_length"]),
        (with("channel_timeout", json!(14)), vec!["channel_timeout"]),
        (with("channel_timeout", json!(901)), vec!["channel_timeout"]),
        (with("locale", json!("ja-jp")), vec!["locale"]),
        (
            json!({ "code_length": 11 }),
            vec!["brand", "workflow", "code_length"],
        ),
        (json!(["not", "an", "object"]), vec!["body"]),
    ];
    for (body, names) in cases {
        let response = app.v2_start(&body).await;
        let problem = problem(response, 422, "Invalid params").await;
        assert_eq!(problem["detail"], INVALID);
        assert_eq!(invalid_names(&problem), names, "{body}");
    }
    assert!(app.simulator.inbox().is_empty());
}

#[tokio::test]
async fn the_bounds_of_each_range_are_accepted() {
    let app = spawn().await;
    let cases = [
        (
            "12125550101",
            json!({ "code_length": 4, "channel_timeout": 15 }),
        ),
        (
            "12125550102",
            json!({ "code_length": 10, "channel_timeout": 900 }),
        ),
        (
            "12125550103",
            json!({ "brand": "Eighteen chars! ok", "locale": "es-mx" }),
        ),
    ];
    for (number, extra) in cases {
        let mut body =
            json!({ "brand": "Pollstr", "workflow": [{ "channel": "voice", "to": number }] });
        for (name, value) in extra.as_object().unwrap() {
            body[name] = value.clone();
        }
        let response = app.v2_start(&body).await;
        assert_eq!(response.status(), StatusCode::ACCEPTED, "{body}");
    }
}

#[tokio::test]
async fn a_second_start_to_a_busy_number_is_409_with_the_running_request_id() {
    let app = spawn().await;
    let (request_id, _) = app.v2_started().await;
    let conflict = problem(app.v2_start(&start_body()).await, 409, "Conflict").await;
    assert_eq!(
        conflict["detail"],
        "Concurrent verifications to the same number are not allowed."
    );
    assert_eq!(conflict["request_id"], request_id.as_str());
    assert_eq!(app.simulator.inbox().len(), 1, "no second SMS");
}

#[tokio::test]
async fn v1_and_v2_requests_keep_their_own_locks_and_ids() {
    let app = spawn().await;
    let (v1_id, _) = app.started(&[]).await;
    let (v2_id, v2_code) = app.v2_started().await;
    assert_ne!(v1_id, v2_id);
    let body = problem(app.v2_check(&v1_id, &v2_code).await, 404, "Not Found").await;
    assert_eq!(body["detail"], not_found_detail(&v1_id));
    assert_eq!(app.simulator.inbox().len(), 2);
}
