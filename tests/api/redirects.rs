use crate::helpers::{
    browser, phone_number, spawn_app, unique_username, FIRST_CONFIRMATION, PASSWORD,
};

/// Ways to point `next` at another origin; each must fall back to `/`.
const PAYLOADS: [&str; 10] = [
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "https:evil.example",
    "/ok\r\nSet-Cookie: x=1",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_redirects_only_to_local_paths() {
    let app = spawn_app().await;
    let username = unique_username("sam");
    app.register(&browser(), &username).await.redirected_to("/");
    for payload in PAYLOADS {
        app.login(&browser(), &username, PASSWORD, payload)
            .await
            .redirected_to("/");
    }
    app.login(&browser(), &username, PASSWORD, "/polls/2?x=1")
        .await
        .redirected_to("/polls/2?x=1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_redirects_only_to_local_paths() {
    let app = spawn_app().await;
    for payload in PAYLOADS {
        let username = unique_username("tia");
        app.call(
            &browser(),
            "register",
            &[
                ("username", &username),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("next", payload),
            ],
        )
        .await
        .redirected_to("/");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_phone_and_code_steps_carry_only_local_paths() {
    let app = spawn_app().await;
    for (n, payload) in PAYLOADS.iter().enumerate() {
        let browser = browser();
        app.register(&browser, &unique_username("uma"))
            .await
            .redirected_to("/");
        let number = phone_number(30 + n as u32);
        app.call(
            &browser,
            "send_code",
            &[("phone_number", &number), ("next", payload)],
        )
        .await
        .redirected_to("/2fa/verify");
        let code = app.last_code_for(&number);
        app.call(
            &browser,
            "check_code",
            &[("code", &code), ("next", payload)],
        )
        .await
        .redirected_to(FIRST_CONFIRMATION);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_never_echo_a_foreign_next_into_their_forms() {
    let app = spawn_app().await;
    for payload in ["//evil.example", "https://evil.example", "/%5Cevil.example"] {
        let encoded: String = payload.bytes().map(|b| format!("%{b:02X}")).collect();
        let html = app
            .get(&browser(), &format!("/login?next={encoded}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(r#"name="next" value="/""#),
            "{payload}: {html}"
        );
        assert!(!html.contains("evil.example"), "{payload}");
    }
    let html = app
        .get(&browser(), "/login?next=%2Fpolls%2F3")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"name="next" value="/polls/3""#), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_form_post_redirects_to_next_or_back_with_the_error() {
    let app = spawn_app().await;
    let username = unique_username("vic");
    app.register(&browser(), &username).await.redirected_to("/");
    let referer = "/login?next=%2Fpolls%2F2";

    let failed = app
        .post_without_javascript(
            &browser(),
            "login",
            referer,
            &[
                ("username", &username),
                ("password", "wrong"),
                ("next", "/polls/2"),
            ],
        )
        .await;
    assert_eq!(failed.status(), 302);
    let back = failed.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        back.starts_with(&format!("{}/login?next=%2Fpolls%2F2", app.address)),
        "{back}"
    );
    assert!(
        back.contains("__err="),
        "the error travels in the URL: {back}"
    );
    let shown = app
        .page_text(&browser(), back.trim_start_matches(&app.address))
        .await;
    assert!(
        shown.contains("Invalid username or password."),
        "the form shows it"
    );

    let browser = browser();
    let done = app
        .post_without_javascript(
            &browser,
            "login",
            referer,
            &[
                ("username", &username),
                ("password", PASSWORD),
                ("next", "/polls/2"),
            ],
        )
        .await;
    assert_eq!(done.status(), 302);
    assert_eq!(done.headers()[reqwest::header::LOCATION], "/polls/2");
    let next_page = app.get(&browser, "/polls/2").await;
    assert_eq!(
        next_page.headers()[reqwest::header::LOCATION],
        "/2fa?next=%2Fpolls%2F2",
        "logged in, not yet verified"
    );
}
