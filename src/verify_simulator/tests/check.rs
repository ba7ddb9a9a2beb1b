use super::*;

fn not_found_text(request_id: &str) -> String {
    format!(
        "The Vonage platform was unable to process this message for the following reason: \
         Request '{request_id}' was not found or it has been verified already."
    )
}

#[tokio::test]
async fn the_texted_code_verifies_the_request_and_only_once() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    let reply = app.check(&request_id, &code).await;
    assert_eq!(reply["status"], "0", "{reply}");
    assert!(reply.get("error_text").is_none(), "{reply}");
    assert_eq!(reply["request_id"], request_id.as_str());
    let event_id = reply["event_id"].as_str().unwrap();
    assert_eq!(event_id.len(), 16);
    assert!(
        event_id.chars().all(|c| c.is_ascii_hexdigit()),
        "{event_id}"
    );
    assert_eq!(reply["price"], "0.10000000");
    assert_eq!(reply["currency"], "EUR");

    let again = app.check(&request_id, &code).await;
    assert_eq!(failure(&again), ("6", not_found_text(&request_id).as_str()));
}

#[tokio::test]
async fn a_verified_number_can_start_a_new_request() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    assert_eq!(app.check(&request_id, &code).await["status"], "0");
    let (second_id, _) = app.started(&[]).await;
    assert_ne!(second_id, request_id);
}

#[tokio::test]
async fn wrong_codes_answer_16_16_then_17_and_the_request_is_over() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[("code_length", "6")]).await;
    let wrong = other_than(&code);
    for _ in 0..2 {
        let reply = app.check(&request_id, &wrong).await;
        assert_eq!(
            failure(&reply),
            ("16", "The code provided does not match the expected value")
        );
        assert_eq!(reply["request_id"], request_id.as_str());
    }
    let third = app.check(&request_id, &wrong).await;
    assert_eq!(
        failure(&third),
        (
            "17",
            "The wrong code was provided too many times. Request terminated"
        )
    );
    let right_too_late = app.check(&request_id, &code).await;
    assert_eq!(
        failure(&right_too_late),
        ("6", not_found_text(&request_id).as_str())
    );
    app.started(&[]).await;
}

#[tokio::test]
async fn an_expired_pin_answers_6_without_using_a_try_until_the_next_delivery_brings_a_new_one() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    app.advance(295);
    let still_running = app.check(&request_id, &other_than(&code)).await;
    assert_eq!(
        failure(&still_running).0,
        "16",
        "the default pin_expiry is 300 s"
    );
    app.advance(5);
    for _ in 0..3 {
        let expired = app.check(&request_id, &code).await;
        assert_eq!(
            failure(&expired),
            ("6", not_found_text(&request_id).as_str())
        );
    }
    let busy = app.start(&[]).await;
    assert_eq!(
        failure(&busy).0,
        "10",
        "the request runs on: its number is still busy"
    );
    // Workflow 1 calls at 125 s and 305 s; the PIN expired at 300 s, so the call brings a new one.
    app.advance(5);
    let (voice, new_code) = app.deliveries().pop().unwrap();
    assert_eq!(voice, Channel::Voice);
    assert_ne!(new_code, code);
    assert_eq!(failure(&app.check(&request_id, &code).await).0, "16");
    assert_eq!(app.check(&request_id, &new_code).await["status"], "0");
}

#[tokio::test]
async fn a_shorter_pin_expiry_is_honoured() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[("pin_expiry", "60")]).await;
    app.advance(60);
    assert_eq!(failure(&app.check(&request_id, &code).await).0, "6");
}

#[tokio::test]
async fn a_pin_expiry_that_is_no_multiple_of_next_event_wait_becomes_next_event_wait() {
    let app = spawn().await;
    // Workflow 6 is one SMS that expires with its PIN: at 90 s, not 240 s.
    let timing = [
        ("workflow_id", "6"),
        ("pin_expiry", "240"),
        ("next_event_wait", "90"),
    ];
    let (request_id, code) = app.started(&timing).await;
    app.advance(89);
    assert_eq!(app.search(&[&request_id]).await["status"], "IN PROGRESS");
    app.advance(1);
    assert_eq!(app.search(&[&request_id]).await["status"], "EXPIRED");
    assert_eq!(failure(&app.check(&request_id, &code).await).0, "6");
}

#[tokio::test]
async fn next_event_wait_alone_leaves_the_default_pin_expiry() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[("next_event_wait", "120")]).await;
    app.advance(240);
    assert_eq!(app.check(&request_id, &code).await["status"], "0");
}

#[tokio::test]
async fn unknown_requests_answer_6() {
    let app = spawn().await;
    let unknown = "abcdef0123456789abcdef0123456789";
    let reply = app.check(unknown, "1234").await;
    assert_eq!(failure(&reply), ("6", not_found_text(unknown).as_str()));
}

async fn assert_check_refused(app: &Running, form: &[(&str, &str)], expected: (&str, &str)) {
    let reply = app.post_form("/verify/check/json", form).await;
    assert_eq!(failure(&reply), expected, "{form:?}");
}

#[tokio::test]
async fn check_refuses_bad_credentials_missing_and_invalid_parameters() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[]).await;
    let (id, code) = (request_id.as_str(), code.as_str());
    let missing = "Your request is incomplete and missing the mandatory parameter:";
    let (creds, bad_creds) = (
        [("api_key", KEY), ("api_secret", SECRET)],
        [("api_key", KEY), ("api_secret", "nope")],
    );

    let form = [&bad_creds[..], &[("request_id", id), ("code", code)]].concat();
    assert_check_refused(&app, &form, ("4", "Bad credentials")).await;
    let form = [("api_secret", SECRET), ("request_id", id), ("code", code)];
    assert_check_refused(&app, &form, ("2", &format!("{missing} api_key"))).await;
    let form = [&creds[..], &[("code", code)]].concat();
    assert_check_refused(&app, &form, ("2", &format!("{missing} request_id"))).await;
    let form = [&creds[..], &[("request_id", id)]].concat();
    assert_check_refused(&app, &form, ("2", &format!("{missing} code"))).await;
    let form = [&creds[..], &[("request_id", "x'; DROP"), ("code", code)]].concat();
    assert_check_refused(&app, &form, ("3", "Invalid value for param: request_id")).await;
    let form = [&creds[..], &[("request_id", id), ("code", "12")]].concat();
    assert_check_refused(&app, &form, ("3", "Invalid value for code")).await;

    // None of those used up a try: the right code still works.
    assert_eq!(app.check(id, code).await["status"], "0");
}
