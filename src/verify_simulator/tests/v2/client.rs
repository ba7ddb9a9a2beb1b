//! What only the v2 client does against the simulator: move on through the configured
//! workflow, cancel at any time, and see the request end one timeout after its last
//! channel. (The flow both versions share: `tests::client`.)

use super::*;

/// The v2 client with SMS then voice.
fn v2_client(app: &Running) -> VerifyClient {
    app.client(ApiVersion::V2, SECRET)
}

#[tokio::test]
async fn the_v2_client_moves_on_to_the_call_then_cancels_and_starts_afresh() {
    let app = spawn().await;
    let client = v2_client(&app);
    let request_id = start(&client).await.unwrap();
    assert_eq!(client.trigger_next_event(&request_id).await, Ok(()));
    assert_eq!(app.simulator.inbox()[0].channel, Channel::Voice);
    let expected = VerifyError::ControlNotPossible {
        reason: "There are no more events left to trigger.".into(),
    };
    assert_eq!(client.trigger_next_event(&request_id).await, Err(expected));
    assert_eq!(client.cancel(&request_id).await, Ok(()));
    let latest = code(&app.latest_code());
    assert_eq!(
        client.check(&request_id, &latest).await,
        Err(VerifyError::RequestNotFound)
    );
    assert_eq!(
        client.cancel(&request_id).await,
        Err(VerifyError::RequestNotFound)
    );
    let fresh = start(&client).await.unwrap();
    assert_ne!(fresh, request_id);
}

#[tokio::test]
async fn the_v2_client_sees_an_expired_request_as_not_found() {
    let app = spawn().await;
    let client = v2_client(&app);
    let request_id = start(&client).await.unwrap();
    let sent = code(&app.latest_code());
    app.advance(360);
    assert_eq!(
        client.check(&request_id, &sent).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn a_voice_only_workflow_from_the_configuration_calls_first() {
    let app = spawn().await;
    let client = app.client_with(ApiVersion::V2, SECRET, |settings| {
        settings.v2_workflow = vec![V2Channel::Voice];
    });
    let request_id = start(&client).await.unwrap();
    assert_eq!(app.deliveries().len(), 1);
    assert_eq!(app.simulator.inbox()[0].channel, Channel::Voice);
    let expected = VerifyError::ControlNotPossible {
        reason: "There are no more events left to trigger.".into(),
    };
    assert_eq!(client.trigger_next_event(&request_id).await, Err(expected));
}
