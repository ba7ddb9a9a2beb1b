//! The app's client against the simulator: both sides of the same contract.

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
async fn the_client_starts_and_checks_with_the_texted_six_digit_code() {
    let app = spawn().await;
    let client = app.client(SECRET);
    let request_id = client.start(&number()).await.unwrap();
    let sms = &app.simulator.inbox()[0];
    assert_eq!(sms.number, "+12125550142");
    assert_eq!(sms.code.len(), 6, "the client asks for 6 digits");
    assert_eq!(client.check(&request_id, &code(&sms.code)).await, Ok(()));
    assert_eq!(
        client.check(&request_id, &code(&sms.code)).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn the_client_sees_the_running_request_on_a_concurrent_start() {
    let app = spawn().await;
    let client = app.client(SECRET);
    let first = client.start(&number()).await.unwrap();
    let second = client.start(&number()).await;
    assert_eq!(
        second,
        Err(VerifyError::ConcurrentRequest {
            request_id: Some(first)
        })
    );
}

#[tokio::test]
async fn the_client_maps_wrong_codes_and_the_end_of_the_request() {
    let app = spawn().await;
    let client = app.client(SECRET);
    let request_id = client.start(&number()).await.unwrap();
    let wrong = code(&other_than(&app.latest_code()));
    assert_eq!(
        client.check(&request_id, &wrong).await,
        Err(VerifyError::WrongCode)
    );
    assert_eq!(
        client.check(&request_id, &wrong).await,
        Err(VerifyError::WrongCode)
    );
    assert_eq!(
        client.check(&request_id, &wrong).await,
        Err(VerifyError::TooManyWrongCodes)
    );
    let right = code(&app.latest_code());
    assert_eq!(
        client.check(&request_id, &right).await,
        Err(VerifyError::RequestNotFound)
    );
    let unknown = RequestId::parse("abcdef0123456789abcdef0123456789").unwrap();
    assert_eq!(
        client.check(&unknown, &right).await,
        Err(VerifyError::RequestNotFound)
    );
}

#[tokio::test]
async fn the_client_reports_a_wrong_secret_as_rejected() {
    let app = spawn().await;
    let outcome = app.client("not-the-secret").start(&number()).await;
    let expected = VerifyError::Rejected {
        status: "4".to_owned(),
        error_text: "Invalid credentials were provided".to_owned(),
    };
    assert_eq!(outcome, Err(expected));
}
