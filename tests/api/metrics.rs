//! `/metrics`: served on `METRICS_ADDR` only, never on the site, and counting what operators
//! watch: requests by route and status, Verify calls by outcome, votes, throttled attempts
//! and the database pools.

use crate::helpers::{browser, e164, phone_number, spawn_app, spawn_app_with, wrong_code, TestApp};
use pollstr::error::AppError;
use reqwest::{header, StatusCode};

async fn scrape(app: &TestApp) -> String {
    let address = app
        .metrics_address
        .as_ref()
        .expect("METRICS_ADDR was given");
    let response = browser()
        .get(format!("{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    response.text().await.unwrap()
}

/// The value of the sample written exactly `series` (name and labels), 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_itself_never_serves_metrics() {
    let app = spawn_app_with(&[("METRICS_ADDR", "127.0.0.1:0")]).await;
    let response = browser()
        .get(format!("{}/metrics", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(!response
        .text()
        .await
        .unwrap()
        .contains("pollstr_http_requests"));

    let unset = spawn_app().await;
    assert!(
        unset.metrics_address.is_none(),
        "no METRICS_ADDR, no listener"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_verify_calls_votes_throttles_and_pools_are_counted() {
    let app = spawn_app_with(&[
        ("METRICS_ADDR", "127.0.0.1:0"),
        ("THROTTLE_FAILED_CHECKS_PER_ACCOUNT", "2/900"),
    ])
    .await;
    let before = scrape(&app).await;
    let visitor = browser();
    for _ in 0..3 {
        assert_eq!(app.get(&visitor, "/").await.status(), StatusCode::OK);
    }
    assert_eq!(app.get(&visitor, "/no/such/page").await.status(), 404);

    let voter = browser();
    app.verified_user(&voter, &phone_number(61)).await;
    app.call(&voter, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");

    // Two wrong codes fill this account's bucket; the third is refused before any call.
    let guesser = browser();
    app.register(&guesser, "metrics-guesser").await;
    app.send_code(&guesser, &phone_number(62)).await;
    let wrong = wrong_code(&app.last_code_for(&phone_number(62)));
    for _ in 0..2 {
        let outcome = app.check_code(&guesser, wrong).await;
        assert!(outcome.error.is_some(), "{outcome:?}");
    }
    assert!(matches!(
        app.check_code(&guesser, wrong).await.error,
        Some(AppError::Throttled { .. })
    ));

    let after = scrape(&app).await;
    let grew = |series: &str| sample(&after, series) - sample(&before, series);
    assert_eq!(
        grew(r#"pollstr_http_requests_total{route="/",method="GET",status="200"}"#),
        3.0,
        "{after}"
    );
    assert_eq!(
        grew(r#"pollstr_http_request_duration_seconds_count{route="/",method="GET"}"#),
        3.0
    );
    // An unknown URL is one series, not one per path anyone sends.
    assert_eq!(
        grew(r#"pollstr_http_requests_total{route="other",method="GET",status="404"}"#),
        1.0
    );
    assert!(!after.contains("/no/such/page"));
    assert_eq!(
        grew(r#"pollstr_verify_calls_total{operation="start",outcome="ok"}"#),
        2.0
    );
    assert_eq!(
        grew(r#"pollstr_verify_calls_total{operation="check",outcome="ok"}"#),
        1.0
    );
    assert_eq!(
        grew(r#"pollstr_verify_calls_total{operation="check",outcome="wrong_code"}"#),
        2.0
    );
    assert_eq!(
        grew(r#"pollstr_verify_call_duration_seconds_count{operation="check"}"#),
        3.0
    );
    assert_eq!(grew("pollstr_votes_recorded_total"), 1.0);
    assert_eq!(
        grew(r#"pollstr_throttled_attempts_total{bucket="failed-check-account"}"#),
        1.0
    );
    assert!(
        sample(
            &after,
            r#"pollstr_db_pool_connections{pool="app",state="max"}"#
        ) >= 1.0
    );
    assert!(
        sample(
            &after,
            r#"pollstr_db_pool_connections{pool="sessions",state="max"}"#
        ) >= 1.0
    );
    // Nothing personal: no number, no username, no code.
    for secret in [
        e164(&phone_number(61)),
        e164(&phone_number(62)),
        "metrics-guesser".into(),
    ] {
        assert!(!after.contains(&secret), "{secret} in the metrics");
    }
}
