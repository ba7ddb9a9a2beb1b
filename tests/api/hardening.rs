//! Requests from other sites, oversized bodies, safety headers, look-alike names, request ids
//! and the health checks.

use crate::helpers::{browser, phone_number, spawn_app, unique_username, PASSWORD};
use pollstr::error::AppError;
use reqwest::header;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_write_is_refused_with_no_side_effect() {
    let app = spawn_app().await;
    let browser = browser();
    let username = app.verified_user(&browser, &phone_number(140)).await;
    let forged = [
        ("origin", "https://evil.example"),
        ("origin", "null"),
        ("sec-fetch-site", "cross-site"),
        ("referer", "https://evil.example/forged.html"),
    ];
    for (name, value) in forged {
        let response = browser
            .post(format!("{}/api/vote", app.address))
            .header(name, value)
            .form(&[("poll_id", "1"), ("choice_id", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{name}: {value}");
        let logout = browser
            .post(format!("{}/api/logout", app.address))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(logout.status(), 403);
    }
    assert_eq!(app.vote_count(1).await, 0, "no vote was recorded");
    let me = app.call(&browser, "load_current_user", &[]).await;
    assert!(me.body.contains(&username), "still logged in");

    // The same request from the site itself works.
    let own = browser
        .post(format!("{}/api/vote", app.address))
        .header("origin", &app.address)
        .header("sec-fetch-site", "same-origin")
        .form(&[("poll_id", "1"), ("choice_id", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200);
    assert_eq!(app.vote_count(1).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_login_is_refused() {
    let app = spawn_app().await;
    let username = unique_username("lia");
    app.register(&browser(), &username).await.redirected_to("/");
    let victim = browser();
    let response = victim
        .post(format!("{}/api/login", app.address))
        .header("origin", "https://evil.example")
        .form(&[
            ("username", username.as_str()),
            ("password", PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        app.call(&victim, "load_current_user", &[]).await.body,
        "null"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_without_harm() {
    let app = spawn_app().await;
    let huge = "x".repeat(200 * 1024);
    let response = browser()
        .post(format!("{}/api/register", app.address))
        .form(&[
            ("username", huge.as_str()),
            ("password", "p"),
            ("password_again", "p"),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(users, 1, "only the demo user");
    app.register(&browser(), &unique_username("after"))
        .await
        .redirected_to("/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_nonce_based_content_security_policy_and_safety_headers() {
    let app = spawn_app().await;
    let page = app.get(&browser(), "/").await;
    let csp = page.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(page.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(page.headers()[header::REFERRER_POLICY], "same-origin");
    assert_eq!(page.headers()[header::X_FRAME_OPTIONS], "DENY");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration scripts carry the nonce"
    );
    let again = app.get(&browser(), "/").await;
    assert!(
        !again.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains(nonce),
        "a new nonce per page"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(app.get(&browser(), "/healthz").await.status(), 200);
    let ready = app.get(&browser(), "/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_server_function_changes_state_on_get() {
    let app = spawn_app().await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(141)).await;
    for endpoint in [
        "vote",
        "logout",
        "send_code",
        "check_code",
        "register",
        "login",
    ] {
        let response = browser
            .get(format!(
                "{}/api/{endpoint}?poll_id=1&choice_id=1",
                app.address
            ))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_client_error(),
            "{endpoint}: {}",
            response.status()
        );
    }
    assert_eq!(app.vote_count(1).await, 0);
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn look_alike_usernames_are_one_account() {
    let app = spawn_app().await;
    app.register(&browser(), "ｊｕｎｏ")
        .await
        .redirected_to("/");
    for spelling in ["juno", "JUNO", "ｊｕｎｏ"] {
        app.register(&browser(), spelling)
            .await
            .failed_with(AppError::UsernameTaken);
    }
    app.login(&browser(), "Juno", PASSWORD, "/")
        .await
        .redirected_to("/");

    // Across scripts: a Cyrillic "о" (U+043E) or digits for letters only look the same.
    app.register(&browser(), "bob").await.redirected_to("/");
    for look_alike in ["b\u{43e}b", "B0B"] {
        app.register(&browser(), look_alike)
            .await
            .failed_with(AppError::UsernameTaken);
    }
    app.register(&browser(), "bobby").await.redirected_to("/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_a_fresh_request_id() {
    let app = spawn_app().await;
    let first = browser()
        .get(format!("{}/healthz", app.address))
        .header("x-request-id", "forged")
        .send()
        .await
        .unwrap();
    let second = browser()
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    let id = |r: &reqwest::Response| r.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(id(&first), "forged", "an incoming id is not trusted");
    assert_eq!(id(&first).len(), 16);
    assert_ne!(id(&first), id(&second));
}
