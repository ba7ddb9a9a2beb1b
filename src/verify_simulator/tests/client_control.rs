//! The v1 client's options and control against the simulator, with a search over raw HTTP
//! to see what they did: both sides agree.

use super::*;
use crate::verify::test_logs::CapturedLogs;
use crate::verify_simulator::run_standalone;

/// What a search shows of a request: its status, the types of its deliveries (`sms`,
/// `tts`) and how many codes were checked.
async fn searched(app: &Running, request_id: &RequestId) -> (String, Vec<String>, usize) {
    let found = app.search(&[request_id.as_str()]).await;
    let text = |value: &Value| value.as_str().unwrap().to_owned();
    let events = found["events"].as_array().unwrap();
    let kinds = events.iter().map(|event| text(&event["type"])).collect();
    let checks = found["checks"].as_array().unwrap().len();
    (text(&found["status"]), kinds, checks)
}

#[tokio::test]
async fn start_with_sends_the_workflow_and_timings_the_simulator_then_follows() {
    let app = spawn().await;
    let client = app.client(ApiVersion::V1, SECRET);
    let options = StartOptions {
        workflow_id: Some(3),
        pin_expiry: Some(120),
        next_event_wait: Some(60),
        lg: Some("en-gb".to_owned()),
    };
    let request_id = client.start_with(&number(), &options).await.unwrap();
    app.advance(60);
    let expected = (
        "IN PROGRESS".to_owned(),
        vec!["tts".to_owned(), "tts".into()],
        0,
    );
    assert_eq!(searched(&app, &request_id).await, expected);
    app.advance(60);
    assert_eq!(searched(&app, &request_id).await.0, "EXPIRED");
}

#[tokio::test]
async fn invalid_options_are_refused_without_a_call() {
    let app = spawn().await;
    let options = StartOptions {
        next_event_wait: Some(30),
        ..StartOptions::default()
    };
    let outcome = app
        .client(ApiVersion::V1, SECRET)
        .start_with(&number(), &options)
        .await;
    let expected = "next_event_wait must be from 60 to 900, not 30".to_owned();
    assert_eq!(outcome, Err(VerifyError::InvalidOptions(expected)));
    assert!(app.simulator.inbox().is_empty());
    app.started(&[]).await;
}

#[tokio::test]
async fn cancel_is_refused_early_then_ends_the_request_as_search_shows() {
    let app = spawn().await;
    let client = app.client(ApiVersion::V1, SECRET);
    let request_id = start(&client).await.unwrap();
    let early = client.cancel(&request_id).await;
    let reason = format!(
        "Verification request ['{request_id}'] can't be cancelled within the first 30 seconds."
    );
    assert_eq!(early, Err(VerifyError::ControlNotPossible { reason }));
    app.advance(30);
    assert_eq!(client.cancel(&request_id).await, Ok(()));
    assert_eq!(searched(&app, &request_id).await.0, "CANCELLED");
    assert_eq!(
        client.cancel(&request_id).await,
        Err(VerifyError::RequestNotFound)
    );
    let next = start(&client).await;
    assert!(next.is_ok(), "the number is free again: {next:?}");
}

#[tokio::test]
async fn trigger_next_event_moves_on_until_no_delivery_is_left() {
    let app = spawn().await;
    let client = app.client(ApiVersion::V1, SECRET);
    let request_id = start(&client).await.unwrap();
    assert_eq!(client.trigger_next_event(&request_id).await, Ok(()));
    assert_eq!(client.trigger_next_event(&request_id).await, Ok(()));
    let reason = format!("No more events are left to execute for the request ['{request_id}']");
    assert_eq!(
        client.trigger_next_event(&request_id).await,
        Err(VerifyError::ControlNotPossible { reason })
    );
    let (_, kinds, _) = searched(&app, &request_id).await;
    assert_eq!(kinds, ["sms", "tts", "tts"]);
    app.advance(30);
    let too_late = client.cancel(&request_id).await;
    assert!(
        matches!(&too_late, Err(VerifyError::ControlNotPossible { reason }) if reason.contains("can't be cancelled now")),
        "{too_late:?}"
    );
}

#[tokio::test]
async fn search_counts_the_checks_and_knows_the_end() {
    let app = spawn().await;
    let client = app.client(ApiVersion::V1, SECRET);
    let request_id = start(&client).await.unwrap();
    let sent = app.latest_code();
    let (wrong, right) = (code(&other_than(&sent)), code(&sent));
    assert_eq!(
        client.check(&request_id, &wrong).await,
        Err(VerifyError::WrongCode)
    );
    assert_eq!(client.check(&request_id, &right).await, Ok(()));
    let (status, _, checks) = searched(&app, &request_id).await;
    assert_eq!((status.as_str(), checks), ("SUCCESS", 2));
    let unknown = RequestId::parse("abcdef0123456789abcdef0123456789").unwrap();
    assert_eq!(app.search(&[unknown.as_str()]).await["status"], "101");
    assert_eq!(
        client.trigger_next_event(&unknown).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn the_standalone_simulator_says_loudly_where_it_listens_and_serves_api_and_inbox() {
    let (logs, _guard) = CapturedLogs::start();
    let credentials = SimulatorCredentials {
        api_key: KEY.to_owned(),
        api_secret: SECRET.into(),
    };
    let addr = "127.0.0.1:0".parse().unwrap();
    tokio::spawn(async move { run_standalone(addr, credentials).await });
    let mut base = None;
    for _ in 0..100 {
        tokio::task::yield_now().await;
        let text = logs.text();
        if let Some(at) = text.find("listening on http://") {
            let rest = &text[at + "listening on ".len()..];
            base = rest.split(':').take(3).collect::<Vec<_>>().join(":").into();
            break;
        }
    }
    let base = base.expect("the listening address is logged");
    let text = logs.text();
    assert!(text.contains("WARN"), "{text}");
    assert!(text.contains(&format!("{base}/dev/inbox")), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    let http = reqwest::Client::new();
    let inbox = http.get(format!("{base}/dev/inbox")).send().await.unwrap();
    assert_eq!(inbox.status(), StatusCode::OK);
    let clock = http.get(format!("{base}/dev/clock")).send().await.unwrap();
    assert_eq!(clock.status(), StatusCode::OK);
    let form = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", NUMBER),
        ("brand", "Pollstr"),
    ];
    let reply = http
        .post(format!("{base}/verify/json"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(reply).await["status"], "0");
}
