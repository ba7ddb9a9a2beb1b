use super::*;

#[tokio::test]
async fn get_with_query_parameters_starts_and_checks() {
    let app = spawn().await;
    let start = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", NUMBER),
        ("brand", "Pollstr"),
    ];
    let response = app
        .http
        .get(app.url("/verify/json"))
        .query(&start)
        .send()
        .await
        .unwrap();
    let reply = json_of(response).await;
    assert_eq!(reply["status"], "0", "{reply}");
    let request_id = reply["request_id"].as_str().unwrap();
    let code = app.latest_code();
    let check = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("request_id", request_id),
        ("code", &code),
    ];
    let response = app
        .http
        .get(app.url("/verify/check/json"))
        .query(&check)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(response).await["status"], "0");
}

#[tokio::test]
async fn post_with_a_json_body_starts_and_checks() {
    let app = spawn().await;
    let start = serde_json::json!({
        "api_key": KEY, "api_secret": SECRET, "number": NUMBER, "brand": "Pollstr", "code_length": 6
    });
    let response = app
        .http
        .post(app.url("/verify/json"))
        .json(&start)
        .send()
        .await
        .unwrap();
    let reply = json_of(response).await;
    assert_eq!(reply["status"], "0", "{reply}");
    let code = app.latest_code();
    assert_eq!(code.len(), 6, "a JSON number is read as the parameter");
    let check = serde_json::json!({
        "api_key": KEY, "api_secret": SECRET, "request_id": reply["request_id"], "code": code
    });
    let response = app
        .http
        .post(app.url("/verify/check/json"))
        .json(&check)
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(response).await["status"], "0");
}

#[tokio::test]
async fn basic_auth_replaces_the_credential_parameters() {
    let app = spawn().await;
    let response = app
        .http
        .post(app.url("/verify/json"))
        .basic_auth(KEY, Some(SECRET))
        .form(&[("number", NUMBER), ("brand", "Pollstr")])
        .send()
        .await
        .unwrap();
    let reply = json_of(response).await;
    assert_eq!(reply["status"], "0", "{reply}");
    let request_id = reply["request_id"].as_str().unwrap();
    let code = app.latest_code();
    let response = app
        .http
        .post(app.url("/verify/check/json"))
        .basic_auth(KEY, Some("wrong"))
        .form(&[("request_id", request_id), ("code", &code)])
        .send()
        .await
        .unwrap();
    assert_eq!(failure(&json_of(response).await), ("4", "Bad credentials"));
}

#[tokio::test]
async fn an_unreadable_authorization_header_is_bad_credentials() {
    let app = spawn().await;
    let response = app
        .http
        .post(app.url("/verify/json"))
        .header(header::AUTHORIZATION, "Bearer abc")
        .form(&[
            ("api_key", KEY),
            ("api_secret", SECRET),
            ("number", NUMBER),
            ("brand", "Pollstr"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        failure(&json_of(response).await),
        ("4", "Invalid credentials were provided")
    );
}

#[tokio::test]
async fn the_xml_and_psd2_endpoints_are_not_served() {
    let app = spawn().await;
    let paths = [
        "/verify/xml",
        "/verify/check/xml",
        "/verify/search/xml",
        "/verify/control/xml",
        "/verify/psd2/json",
    ];
    for path in paths {
        let response = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
