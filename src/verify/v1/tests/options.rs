//! start_with: the options it adds to the form, and those it refuses without a call.

use super::*;
use crate::verify::test_logs::CapturedLogs;
use crate::verify::StartOptions;

#[tokio::test]
async fn start_with_adds_the_options_after_the_usual_parameters() {
    let (client, provider) = spawn(accepted()).await;
    let options = StartOptions {
        workflow_id: Some(6),
        pin_expiry: Some(600),
        next_event_wait: Some(300),
        lg: Some("de-de".to_owned()),
    };
    assert_eq!(
        client.start_with(&number(), &options).await,
        Ok(request_id())
    );
    let mut params = START_PARAMS.to_vec();
    params.extend([
        ("workflow_id", "6"),
        ("pin_expiry", "600"),
        ("next_event_wait", "300"),
        ("lg", "de-de"),
    ]);
    assert_form_posted(&provider, "/verify/json", &params);
}

#[tokio::test]
async fn invalid_options_are_refused_without_a_call_and_logged_as_our_mistake() {
    let (logs, _guard) = CapturedLogs::start();
    let (client, provider) = spawn(accepted()).await;
    let options = StartOptions {
        workflow_id: Some(8),
        ..StartOptions::default()
    };
    let outcome = client.start_with(&number(), &options).await;
    let expected = VerifyError::InvalidOptions("workflow_id must be from 1 to 7, not 8".into());
    assert_eq!(outcome, Err(expected));
    assert_eq!(provider.calls(), 0, "no call was made");
    let logs = logs.text();
    assert!(
        logs.contains("ERROR") && logs.contains("invalid options"),
        "{logs}"
    );
}
