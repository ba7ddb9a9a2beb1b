//! `/verify/search/json`: the search object of verify-api.md §1.6, one or several at a
//! time, 101 for unknown ids and 18 for more than ten.

use super::*;

const UNKNOWN: &str = "abcdef0123456789abcdef0123456789";

#[tokio::test]
async fn a_running_request_shows_in_progress_with_its_first_delivery_and_no_end_date() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[("sender_id", "Pollstr")]).await;
    let found = app.search(&[&request_id]).await;
    assert_eq!(found["request_id"], request_id.as_str());
    assert_eq!(found["account_id"], KEY);
    assert_eq!(found["number"], NUMBER);
    assert_eq!(found["sender_id"], "Pollstr");
    assert_eq!(found["status"], "IN PROGRESS");
    assert_eq!(found["date_finalized"], "");
    let submitted = found["date_submitted"].as_str().unwrap();
    assert_eq!(found["first_event_date"], submitted);
    assert_eq!(found["last_event_date"], submitted);
    assert_eq!(app.simulator.inbox()[0].sent_at, submitted);
    assert_eq!(found["checks"], serde_json::json!([]));
    let events = found["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["type"], "sms");
    assert_eq!(events[0]["id"].as_str().unwrap().len(), 16);
    assert_eq!(found["price"], "0");
    assert_eq!(found["currency"], "EUR");
    assert_eq!(found["estimated_price_messages_sent"], "0.03330000");
    assert!(found.get("error_text").is_none(), "{found}");
}

#[tokio::test]
async fn a_verified_request_shows_its_checks_its_calls_its_price_and_when_it_ended() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    app.advance(125);
    app.check(&request_id, &other_than(&code)).await;
    app.advance(5);
    assert_eq!(app.check(&request_id, &code).await["status"], "0");
    let found = app.search(&[&request_id]).await;
    assert_eq!(found["status"], "SUCCESS");
    assert_eq!(found["sender_id"], "VERIFY", "the spec's default");
    let checks = found["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 2);
    assert_eq!(checks[0]["status"], "INVALID");
    assert_eq!(checks[0]["code"], other_than(&code).as_str());
    assert_eq!(checks[1]["status"], "VALID");
    assert_eq!(checks[1]["code"], code.as_str());
    assert_eq!(checks[1]["ip_address"], "");
    assert_eq!(checks[1]["date_received"], found["date_finalized"]);
    let date = |name: &str| found[name].as_str().unwrap().to_owned();
    assert_eq!(
        seconds_between(&date("date_submitted"), &date("date_finalized")),
        130
    );
    assert_eq!(
        seconds_between(&date("first_event_date"), &date("last_event_date")),
        125
    );
    let kinds: Vec<&str> = found["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| event["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["sms", "tts"]);
    assert_eq!(found["price"], "0.10000000");
    assert_eq!(found["estimated_price_messages_sent"], "0.06660000");
}

#[tokio::test]
async fn several_ids_come_wrapped_in_the_order_asked_with_unknown_ones_left_out() {
    let app = spawn().await;
    let (first, _) = app.started(&[]).await;
    let other = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", "12125550143"),
        ("brand", "Pollstr"),
    ];
    let second = app.post_form("/verify/json", &other).await;
    let second = second["request_id"].as_str().unwrap();
    let found = app.search(&[second, UNKNOWN, &first]).await;
    let results = found["verification_requests"].as_array().unwrap();
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["request_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [second, first.as_str()]);
    assert_eq!(results[0]["number"], "12125550143");
    assert!(found.get("status").is_none(), "{found}");
}

#[tokio::test]
async fn unknown_ids_answer_101() {
    let app = spawn().await;
    for ids in [
        &[UNKNOWN][..],
        &[UNKNOWN, "ffffffffffffffffffffffffffffffff"],
    ] {
        let reply = app.search(ids).await;
        assert_eq!(failure(&reply), ("101", "No response found"), "{ids:?}");
    }
}

#[tokio::test]
async fn more_than_ten_ids_answer_18_and_ten_are_fine() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    let mut ids = vec![UNKNOWN; 9];
    ids.push(&request_id);
    let ten = app.search(&ids).await;
    assert_eq!(ten["verification_requests"].as_array().unwrap().len(), 1);
    ids.push(UNKNOWN);
    let eleven = app.search(&ids).await;
    assert_eq!(failure(&eleven), ("18", "Too many request_ids provided"));
}

#[tokio::test]
async fn search_refuses_bad_credentials_missing_and_invalid_ids() {
    let app = spawn().await;
    let url = app.url("/verify/search/json");
    let query = [
        ("api_key", KEY),
        ("api_secret", "nope"),
        ("request_id", UNKNOWN),
    ];
    let reply = json_of(app.http.get(&url).query(&query).send().await.unwrap()).await;
    assert_eq!(failure(&reply), ("4", "Bad credentials"));
    let query = [("api_key", KEY), ("api_secret", SECRET)];
    let reply = json_of(app.http.get(&url).query(&query).send().await.unwrap()).await;
    let expected = "Your request is incomplete and missing the mandatory parameter: request_id";
    assert_eq!(failure(&reply), ("2", expected));
    let reply = app.search(&["not an id!"]).await;
    assert_eq!(
        failure(&reply),
        ("3", "Invalid value for param: request_id")
    );
}

#[tokio::test]
async fn search_takes_post_forms_json_lists_and_basic_auth() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    let url = app.url("/verify/search/json");
    let form = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("request_id", &request_id),
    ];
    let reply = app.post_form("/verify/search/json", &form).await;
    assert_eq!(reply["request_id"], request_id.as_str());
    let body = serde_json::json!({
        "api_key": KEY, "api_secret": SECRET, "request_ids": [request_id, UNKNOWN]
    });
    let reply = json_of(app.http.post(&url).json(&body).send().await.unwrap()).await;
    assert_eq!(
        reply["verification_requests"][0]["request_id"],
        request_id.as_str()
    );
    let response = app
        .http
        .get(&url)
        .basic_auth(KEY, Some(SECRET))
        .query(&[("request_id", &request_id)])
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(response).await["status"], "IN PROGRESS");
}
