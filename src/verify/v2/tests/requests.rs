//! What the v2 client sends on each call, and how it reads each success. (What it logs:
//! `verify::tests`.)

use super::*;
use crate::verify::StartOptions;
use serde_json::json;

#[tokio::test]
async fn start_posts_json_with_basic_auth_the_brand_six_digits_and_the_sms_then_voice_workflow() {
    let (client, provider) = spawn(accepted()).await;
    assert_eq!(start(&client).await, Ok(request_id()));
    let received = provider.only_request();
    assert_eq!(received.method, Method::POST);
    assert_eq!(received.path, "/v2/verify");
    assert_eq!(received.content_type.as_deref(), Some("application/json"));
    assert_eq!(received.authorization.as_deref(), Some(BASIC));
    let expected = json!({
        "brand": "Pollstr",
        "code_length": 6,
        "workflow": [
            { "channel": "sms", "to": "12125550142" },
            { "channel": "voice", "to": "12125550142" },
        ],
    });
    assert_eq!(received.json(), expected);
}

#[tokio::test]
async fn start_with_sends_lg_as_the_locale_and_ignores_the_v1_only_options() {
    let (client, provider) = spawn(accepted()).await;
    let options = StartOptions {
        workflow_id: Some(9),
        pin_expiry: Some(1),
        next_event_wait: Some(1),
        lg: Some("de-de".to_owned()),
    };
    assert_eq!(
        client.start_with(&number(), &options).await,
        Ok(request_id())
    );
    let body = provider.only_request().json();
    assert_eq!(body["locale"], "de-de");
    for v1_only in ["workflow_id", "pin_expiry", "next_event_wait", "lg"] {
        assert!(body.get(v1_only).is_none(), "{v1_only} sent in {body}");
    }
}

#[tokio::test]
async fn the_configured_workflow_is_sent_in_its_order() {
    let workflow = vec![V2Channel::Voice, V2Channel::Sms, V2Channel::Voice];
    let (client, provider) = spawn_with_workflow(accepted(), workflow).await;
    assert_eq!(start(&client).await, Ok(request_id()));
    let channels: Vec<Value> = provider.only_request().json()["workflow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["channel"].clone())
        .collect();
    assert_eq!(channels, [json!("voice"), json!("sms"), json!("voice")]);
}

#[tokio::test]
async fn a_locale_v2_does_not_know_or_an_unusable_workflow_is_refused_without_a_call() {
    let (client, provider) = spawn(accepted()).await;
    let options = StartOptions {
        lg: Some("ja-jp".to_owned()),
        ..StartOptions::default()
    };
    let expected = VerifyError::InvalidOptions("lg \"ja-jp\" is not a Verify v2 locale".into());
    assert_eq!(client.start_with(&number(), &options).await, Err(expected));
    for (workflow, count) in [(vec![], 0), (vec![V2Channel::Sms; 4], 4)] {
        let (unusable, untouched) = spawn_with_workflow(accepted(), workflow).await;
        let expected = VerifyError::InvalidOptions(format!(
            "the v2 workflow must have 1 to 3 channels, not {count}"
        ));
        assert_eq!(start(&unusable).await, Err(expected));
        assert_eq!(untouched.calls(), 0, "no call was made");
    }
    assert_eq!(provider.calls(), 0, "no call was made");
}

#[tokio::test]
async fn check_posts_the_code_to_the_requests_own_path() {
    let (client, provider) = spawn(completed()).await;
    assert_eq!(client.check(&request_id(), &code()).await, Ok(()));
    let received = provider.only_request();
    assert_eq!(received.method, Method::POST);
    assert_eq!(received.path, format!("/v2/verify/{ID}"));
    assert_eq!(received.content_type.as_deref(), Some("application/json"));
    assert_eq!(received.authorization.as_deref(), Some(BASIC));
    assert_eq!(received.json(), json!({ "code": "918273" }));
}

#[tokio::test]
async fn a_check_success_must_be_completed_and_name_our_request() {
    let bodies = [
        json!({ "request_id": "2c59e3f4-a047-499f-a14f-819cd1989d2e", "status": "completed" }),
        json!({ "status": "completed" }),
        json!({ "request_id": ID, "status": "failed" }),
        json!({ "request_id": ID }),
        json!(["completed"]),
    ];
    for body in bodies {
        assert_eq!(
            check_answered(Canned::json(200, &body)).await,
            Err(unavailable(Unavailable::MalformedResponse)),
            "{body}"
        );
    }
}

#[tokio::test]
async fn cancel_deletes_the_request_and_next_workflow_posts_to_it_with_no_body() {
    let (client, provider) = spawn(Canned::new(204, "text/plain", "")).await;
    assert_eq!(client.cancel(&request_id()).await, Ok(()));
    let received = provider.only_request();
    assert_eq!(received.method, Method::DELETE);
    assert_eq!(received.path, format!("/v2/verify/{ID}"));
    assert_eq!(received.authorization.as_deref(), Some(BASIC));

    let (client, provider) = spawn(Canned::new(200, "text/plain", "")).await;
    assert_eq!(client.trigger_next_event(&request_id()).await, Ok(()));
    let received = provider.only_request();
    assert_eq!(received.method, Method::POST);
    assert_eq!(received.path, format!("/v2/verify/{ID}/next_workflow"));
    assert_eq!(received.authorization.as_deref(), Some(BASIC));
    assert!(received.body.is_empty());
}
