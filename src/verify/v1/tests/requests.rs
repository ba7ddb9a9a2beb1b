//! What the v1 client sends, and how it reads a success. (What it logs: `verify::tests`.)

use super::*;

#[tokio::test]
async fn start_posts_the_credentials_the_number_without_plus_the_brand_and_six_digits() {
    let (client, provider) = spawn(accepted()).await;
    assert_eq!(start(&client).await, Ok(request_id()));
    assert_form_posted(&provider, "/verify/json", &START_PARAMS);
}

#[tokio::test]
async fn check_posts_the_credentials_the_request_id_and_the_code() {
    let body = format!(
        r#"{{"request_id":"{ID}","event_id":"0A00000012345678","status":"0","price":"0.10000000","currency":"EUR"}}"#
    );
    let (client, provider) = spawn(reply(&body)).await;
    assert_eq!(client.check(&request_id(), &code()).await, Ok(()));
    let params = [("request_id", ID), ("code", "918273")];
    assert_form_posted(&provider, "/verify/check/json", &params);
}

#[tokio::test]
async fn a_check_success_must_name_our_request() {
    let missing = r#"{"status":"0","event_id":"0A00000012345678"}"#;
    let other = r#"{"status":"0","request_id":"ffffffffffffffffffffffffffffffff"}"#;
    for body in [missing, other] {
        let outcome = check_answered(reply(body)).await;
        assert_eq!(outcome, Err(unavailable(Unavailable::MalformedResponse)));
    }
}

#[tokio::test]
async fn a_start_success_without_a_request_id_is_malformed() {
    let outcome = start_answered(reply(r#"{"status":"0"}"#)).await;
    assert_eq!(outcome, Err(unavailable(Unavailable::MalformedResponse)));
}

#[tokio::test]
async fn a_numeric_status_is_tolerated() {
    let body = format!(r#"{{"request_id":"{ID}","status":0}}"#);
    assert_eq!(start_answered(reply(&body)).await, Ok(request_id()));
    let wrong = check_answered(reply(r#"{"status":16,"error_text":"x"}"#)).await;
    assert_eq!(wrong, Err(VerifyError::WrongCode));
}
