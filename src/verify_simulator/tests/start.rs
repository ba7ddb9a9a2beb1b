use super::*;
use crate::verify::test_logs::CapturedLogs;

#[tokio::test]
async fn a_start_texts_a_code_and_answers_a_32_hex_request_id() {
    let app = spawn().await;
    let reply = app.start(&[]).await;
    assert_eq!(reply["status"], "0");
    assert!(reply.get("error_text").is_none(), "{reply}");
    let request_id = reply["request_id"].as_str().unwrap();
    assert_eq!(request_id.len(), 32);
    assert!(is_lowercase_hex(request_id), "{request_id}");
    let inbox = app.simulator.inbox();
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].number, "+12125550142");
    assert_eq!(inbox[0].code.len(), 4, "v1's default code_length is 4");
    assert!(inbox[0].code.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(
        inbox[0].text,
        format!("Your Pollstr verification code is {}", inbox[0].code)
    );
}

#[tokio::test]
async fn code_length_6_texts_a_6_digit_code() {
    let app = spawn().await;
    app.started(&[("code_length", "6")]).await;
    let code = app.latest_code();
    assert_eq!(code.len(), 6);
    assert!(code.chars().all(|c| c.is_ascii_digit()));
}

#[tokio::test]
async fn a_second_start_for_a_busy_number_answers_10_with_the_running_request_id() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    let reply = app.start(&[]).await;
    assert_eq!(
        failure(&reply),
        (
            "10",
            "Concurrent verifications to the same number are not allowed"
        )
    );
    assert_eq!(reply["request_id"], request_id.as_str());
    assert_eq!(app.simulator.inbox().len(), 1, "no second SMS");
}

#[tokio::test]
async fn missing_mandatory_parameters_answer_2_naming_the_parameter() {
    let app = spawn().await;
    let full = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", NUMBER),
        ("brand", "Pollstr"),
    ];
    for left_out in ["api_key", "api_secret", "number", "brand"] {
        let form: Vec<_> = full
            .iter()
            .copied()
            .filter(|(name, _)| *name != left_out)
            .collect();
        let reply = app.post_form("/verify/json", &form).await;
        let expected =
            format!("Your request is incomplete and missing the mandatory parameter: {left_out}");
        assert_eq!(failure(&reply), ("2", expected.as_str()));
    }
    let blank = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", NUMBER),
        ("brand", ""),
    ];
    let reply = app.post_form("/verify/json", &blank).await;
    let expected = "Your request is incomplete and missing the mandatory parameter: brand";
    assert_eq!(
        failure(&reply),
        ("2", expected),
        "a blank value counts as missing"
    );
}

#[tokio::test]
async fn invalid_values_answer_3_naming_the_parameter() {
    let app = spawn().await;
    let cases = [
        ("number", "+12125550142"),
        ("number", "0212555014"),
        ("number", "123456"),
        ("number", "1234567890123456"),
        ("brand", "A brand of 19 chars"),
        ("code_length", "5"),
        ("code_length", "8"),
        ("code_length", "six"),
        ("pin_expiry", "59"),
        ("pin_expiry", "3601"),
        ("next_event_wait", "901"),
        ("workflow_id", "0"),
        ("workflow_id", "8"),
        ("sender_id", "TwelveChars!"),
        ("lg", "xx-yy"),
        ("country", "USA"),
    ];
    for (name, value) in cases {
        let mut form = vec![("api_key", KEY), ("api_secret", SECRET), (name, value)];
        form.extend([("number", NUMBER), ("brand", "Pollstr")]);
        let reply = app.post_form("/verify/json", &form).await;
        let expected = format!("Invalid value for {name}");
        assert_eq!(failure(&reply), ("3", expected.as_str()), "{name}={value}");
    }
    assert!(app.simulator.inbox().is_empty());
}

#[tokio::test]
async fn accepted_options_start_a_request() {
    let app = spawn().await;
    let options = [
        ("code_length", "6"),
        ("workflow_id", "6"),
        ("pin_expiry", "3600"),
        ("next_event_wait", "900"),
        ("lg", "en-gb"),
        ("sender_id", "Pollstr"),
        ("brand", "A brand of 18 char"),
    ];
    app.started(&options).await;
}

#[tokio::test]
async fn wrong_credentials_answer_4_on_start() {
    let app = spawn().await;
    for (key, secret) in [(KEY, "wrong"), ("wrong", SECRET), (KEY, "simsecret-4")] {
        let form = [
            ("api_key", key),
            ("api_secret", secret),
            ("number", NUMBER),
            ("brand", "Pollstr"),
        ];
        let reply = app.post_form("/verify/json", &form).await;
        assert_eq!(failure(&reply), ("4", "Invalid credentials were provided"));
    }
    assert!(app.simulator.inbox().is_empty());
}

#[tokio::test]
async fn a_custom_pin_code_answers_20_as_on_an_account_without_the_feature() {
    let app = spawn().await;
    let reply = app.start(&[("pin_code", "AKFG-3424")]).await;
    assert_eq!(
        failure(&reply),
        (
            "20",
            "This account does not support the parameter: pin_code."
        )
    );
}

#[tokio::test]
async fn the_simulator_logs_the_code_with_the_masked_number_and_never_the_secret() {
    let (logs, _guard) = CapturedLogs::start();
    let app = spawn().await;
    app.started(&[]).await;
    let code = app.latest_code();
    let logs = logs.text();
    for wanted in [
        "simulated sms sent",
        &format!("code={code}"),
        "+•••••••0142",
    ] {
        assert!(logs.contains(wanted), "{wanted:?} missing from {logs}");
    }
    for secret in [NUMBER, SECRET] {
        assert!(!logs.contains(secret), "{secret:?} leaked into {logs}");
    }
}
