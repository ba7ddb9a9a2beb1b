//! The v2 client against the simulator: the whole flow the app relies on, both sides of
//! the same v2 contract, mapped onto the VerifyError variants v1 gives.

use super::*;
use crate::domain::{PhoneNumber, VerificationCode};
use crate::verify::{RequestId, VerifyError};

fn number() -> PhoneNumber {
    PhoneNumber::parse("+1 212 555 0142").unwrap()
}

fn code(raw: &str) -> VerificationCode {
    VerificationCode::parse(raw).unwrap()
}

#[tokio::test]
async fn the_v2_client_starts_and_checks_with_the_texted_six_digit_code() {
    let app = spawn().await;
    let client = app.v2_client(SECRET);
    assert_eq!(client.api(), ApiVersion::V2);
    let request_id = client.start(&number()).await.unwrap();
    assert!(is_uuid_v4(request_id.as_str()), "{request_id}");
    let sms = &app.simulator.inbox()[0];
    assert_eq!(
        (sms.number.as_str(), sms.channel),
        ("+12125550142", Channel::Sms)
    );
    assert_eq!(sms.code.len(), 6, "the client asks for 6 digits");
    assert_eq!(client.check(&request_id, &code(&sms.code)).await, Ok(()));
    assert_eq!(
        client.check(&request_id, &code(&sms.code)).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn the_v2_client_sees_the_running_request_on_a_concurrent_start() {
    let app = spawn().await;
    let client = app.v2_client(SECRET);
    let first = client.start(&number()).await.unwrap();
    let second = client.start(&number()).await;
    let expected = VerifyError::ConcurrentRequest {
        request_id: Some(first),
    };
    assert_eq!(second, Err(expected));
}

#[tokio::test]
async fn the_v2_client_maps_wrong_codes_and_the_end_of_the_request() {
    let app = spawn().await;
    let client = app.v2_client(SECRET);
    let request_id = client.start(&number()).await.unwrap();
    let right = code(&app.latest_code());
    let wrong = code(&other_than(&app.latest_code()));
    for expected in [
        VerifyError::WrongCode,
        VerifyError::WrongCode,
        VerifyError::TooManyWrongCodes,
        VerifyError::RequestNotFound,
    ] {
        assert_eq!(client.check(&request_id, &wrong).await, Err(expected));
    }
    assert_eq!(
        client.check(&request_id, &right).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn the_v2_client_moves_on_to_the_call_then_cancels_and_starts_afresh() {
    let app = spawn().await;
    let client = app.v2_client(SECRET);
    let request_id = client.start(&number()).await.unwrap();
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
    let fresh = client.start(&number()).await.unwrap();
    assert_ne!(fresh, request_id);
}

#[tokio::test]
async fn the_v2_client_sees_an_expired_request_as_not_found() {
    let app = spawn().await;
    let client = app.v2_client(SECRET);
    let request_id = client.start(&number()).await.unwrap();
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
    let voice = vec![V2Channel::Voice];
    let client = app.v2_client_with(SECRET, Duration::from_secs(5), voice);
    let request_id = client.start(&number()).await.unwrap();
    assert_eq!(app.deliveries().len(), 1);
    assert_eq!(app.simulator.inbox()[0].channel, Channel::Voice);
    let expected = VerifyError::ControlNotPossible {
        reason: "There are no more events left to trigger.".into(),
    };
    assert_eq!(client.trigger_next_event(&request_id).await, Err(expected));
}

#[tokio::test]
async fn the_v2_client_reports_a_wrong_secret_as_rejected_401_and_has_no_search() {
    let app = spawn().await;
    let outcome = app.v2_client("not-the-secret").start(&number()).await;
    let expected = VerifyError::Rejected {
        status: "401".to_owned(),
        error_text: "You did not provide correct credentials".to_owned(),
    };
    assert_eq!(outcome, Err(expected));
    let any = RequestId::parse("c11236f4-00bf-4b89-84ba-88b25df97315").unwrap();
    assert_eq!(
        app.v2_client(SECRET).search(&any).await,
        Err(VerifyError::Unsupported("search"))
    );
}
