use super::*;

const OTHER_NUMBER: &str = "12125550143";

#[tokio::test]
async fn the_inbox_lists_messages_newest_first() {
    let app = spawn().await;
    app.started(&[]).await;
    app.simulator.advance_clock(Duration::from_secs(61));
    let form = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", OTHER_NUMBER),
        ("brand", "Pollstr"),
    ];
    assert_eq!(app.post_form("/verify/json", &form).await["status"], "0");
    let inbox = app.simulator.inbox();
    let numbers: Vec<_> = inbox.iter().map(|sms| sms.number.as_str()).collect();
    assert_eq!(numbers, ["+12125550143", "+12125550142"]);
    assert!(
        inbox[0].sent_at > inbox[1].sent_at,
        "{} vs {}",
        inbox[0].sent_at,
        inbox[1].sent_at
    );
}

#[tokio::test]
async fn the_inbox_page_shows_time_number_text_and_code_escaped_newest_first() {
    let app = spawn().await;
    app.started(&[("brand", "<i>Poll&Co</i>")]).await;
    let form = [
        ("api_key", KEY),
        ("api_secret", SECRET),
        ("number", OTHER_NUMBER),
        ("brand", "Pollstr"),
    ];
    app.post_form("/verify/json", &form).await;
    let inbox = app.simulator.inbox();

    let response = app.http.get(app.url("/dev/inbox")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let page = response.text().await.unwrap();
    assert!(page.contains("<h1>Dev inbox</h1>"));
    assert!(page.contains("simulator mode"));
    assert!(page.contains(r#"<link rel="stylesheet" href="/pkg/pollstr.css">"#));
    assert!(!page.contains("<i>Poll"), "unescaped brand in {page}");
    assert_eq!(
        page.matches("<tr>").count(),
        3,
        "a header row and one per message"
    );
    let newest = format!(
        "<tr><td>{}</td><td>+12125550143</td><td>SMS</td><td>Your Pollstr verification code is {code}</td><td>{code}</td></tr>",
        inbox[0].sent_at,
        code = inbox[0].code
    );
    let oldest = format!(
        "<tr><td>{}</td><td>+12125550142</td><td>SMS</td><td>Your &lt;i&gt;Poll&amp;Co&lt;/i&gt; verification code is {code}</td><td>{code}</td></tr>",
        inbox[1].sent_at,
        code = inbox[1].code
    );
    let (at_newest, at_oldest) = (page.find(&newest), page.find(&oldest));
    assert!(
        at_newest.is_some() && at_oldest.is_some(),
        "rows missing from {page}"
    );
    assert!(at_newest < at_oldest, "not newest first: {page}");
}

#[tokio::test]
async fn the_inbox_answers_json_when_asked() {
    let app = spawn().await;
    app.started(&[("code_length", "6")]).await;
    let response = app
        .http
        .get(app.url("/dev/inbox"))
        .header(header::ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let messages: Value = response.json().await.unwrap();
    let sms = &app.simulator.inbox()[0];
    assert_eq!(
        messages,
        serde_json::json!([{
            "number": "+12125550142",
            "channel": "sms",
            "text": sms.text,
            "code": sms.code,
            "sent_at": sms.sent_at,
        }])
    );
}

#[tokio::test]
async fn voice_calls_are_listed_with_their_channel_and_a_spoken_text() {
    let app = spawn().await;
    app.started(&[("workflow_id", "3")]).await;
    let response = app
        .http
        .get(app.url("/dev/inbox"))
        .header(header::ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    let messages: Value = response.json().await.unwrap();
    let code = app.latest_code();
    assert_eq!(messages[0]["channel"], "voice");
    assert_eq!(
        messages[0]["text"],
        format!("Voice call: your Pollstr code is {code}")
    );
    let page = app.http.get(app.url("/dev/inbox")).send().await.unwrap();
    let page = page.text().await.unwrap();
    assert!(page.contains("<th scope=\"col\">Channel</th>"), "{page}");
    assert!(
        page.contains("</td><td>Voice</td><td>Voice call: your Pollstr code is"),
        "{page}"
    );
}
