//! `POST /v2/verify/{id}`: 200 `completed` on the right code, 400 twice then 410 on wrong
//! ones, 404 for anything no longer running.

use super::*;

#[tokio::test]
async fn the_right_code_completes_the_request_and_a_second_check_is_404() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    let response = app.v2_check(&request_id, &code).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body,
        json!({ "request_id": request_id, "status": "completed" })
    );
    let again = problem(app.v2_check(&request_id, &code).await, 404, "Not Found").await;
    assert_eq!(again["detail"], not_found_detail(&request_id));
}

#[tokio::test]
async fn two_wrong_codes_are_400_and_the_third_is_410_then_even_the_right_one_is_404() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    let wrong = other_than(&code);
    for _ in 0..2 {
        let body = problem(app.v2_check(&request_id, &wrong).await, 400, "Invalid Code").await;
        assert_eq!(
            body["detail"],
            "The code you provided does not match the expected value."
        );
    }
    let body = problem(app.v2_check(&request_id, &wrong).await, 410, "Invalid Code").await;
    assert_eq!(
        body["detail"],
        "An incorrect code has been provided too many times. Workflow terminated."
    );
    problem(app.v2_check(&request_id, &code).await, 404, "Not Found").await;
}

#[tokio::test]
async fn a_malformed_code_is_422_and_uses_no_try() {
    let app = spawn().await;
    let (request_id, code) = app.v2_started().await;
    let path = format!("/v2/verify/{request_id}");
    let bodies = [
        json!({ "code": "123" }),
        json!({ "code": "12345678901" }),
        json!({ "code": "12 34" }),
        json!({ "code": 1234 }),
        json!({ "token": "eyJ" }),
    ];
    for body in bodies {
        let response = app
            .v2(Method::POST, &path)
            .json(&body)
            .send()
            .await
            .unwrap();
        let problem = problem(response, 422, "Invalid params").await;
        assert_eq!(invalid_names(&problem), ["code"], "{body}");
    }
    let response = app.v2_check(&request_id, &code).await;
    assert_eq!(response.status(), StatusCode::OK, "no try was used");
}

#[tokio::test]
async fn an_unknown_request_is_404_naming_it() {
    let app = spawn().await;
    let unknown = "c11236f4-00bf-4b89-84ba-88b25df97315";
    let body = problem(app.v2_check(unknown, "1234").await, 404, "Not Found").await;
    assert_eq!(body["detail"], not_found_detail(unknown));
}
