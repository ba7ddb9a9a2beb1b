//! The app as a real process: SIGTERM lets requests in flight finish (and ends live streams)
//! and loses no vote that was acknowledged; `LOG_FORMAT=json` writes one JSON object per line with the request id.

use crate::app_process::{AppProcess, SIMULATOR_KEY, SIMULATOR_SECRET};
use crate::helpers::{browser, e164, phone_number, serve_simulator, unique_username, TestDatabase};
use pollstr::verify_simulator::Fault;
use reqwest::Client;
use std::{sync::Arc, time::Duration};

/// Votes for the two choices in turn until the app stops answering; returns the last choice
/// the app acknowledged.
async fn vote_until_refused(address: &str, voter: &Client, choices: &[i64]) -> Option<i64> {
    let mut acknowledged = None;
    for choice in choices.iter().cycle().take(100_000) {
        let voted = voter
            .post(format!("{address}/api/vote"))
            .form(&[("poll_id", "1"), ("choice_id", choice.to_string().as_str())])
            .send()
            .await;
        match voted {
            Ok(response) if response.status().is_success() => acknowledged = Some(*choice),
            _ => return acknowledged,
        }
    }
    acknowledged
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_requests_in_flight_finish_and_keeps_every_acknowledged_vote() {
    let database = Arc::new(TestDatabase::fresh().await);
    let (simulator, verify_url) = serve_simulator(SIMULATOR_KEY, SIMULATOR_SECRET).await;
    let mut process = AppProcess::start(&database, Some(&simulator), &verify_url, &[]).await;
    let app = &process.app;
    let choices = app.first_choice_ids(1).await;

    let mut voters: Vec<(Client, String)> = Vec::new();
    for n in 0..8 {
        let voter = browser();
        let username = app.verified_user(&voter, &phone_number(130 + n)).await;
        voters.push((voter, username));
    }
    // A slow request: a code on its way through a provider that takes two seconds.
    let waiting = browser();
    app.register(&waiting, &unique_username("slow"))
        .await
        .redirected_to("/");
    let slow_number = phone_number(150);
    simulator.inject_fault(&e164(&slow_number), Fault::Delay(Duration::from_secs(2)));

    // A results page open live: its stream must not hold the drain up.
    let mut stream = app.watch(&browser(), 1).await;
    stream.next().await;

    // Each voter moves their vote back and forth until the app stops answering.
    let choices = &choices;
    let votes = voters.iter().map(|(voter, username)| async move {
        let acknowledged = vote_until_refused(&app.address, voter, choices).await;
        (username.clone(), acknowledged)
    });
    let stop = async {
        tokio::time::sleep(Duration::from_millis(700)).await;
        process.terminate();
    };
    let (slow, acknowledged, ()) = tokio::join!(
        app.send_code(&waiting, &slow_number),
        futures::future::join_all(votes),
        stop
    );

    slow.redirected_to("/2fa/verify");
    let status = process.exit_status(Duration::from_secs(20)).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "a clean exit: {status:?}"
    );
    while stream.read_event().await.is_some() {}
    let app = &process.app;
    for (username, choice) in acknowledged {
        let choice = choice.expect("every voter got at least one vote in");
        let stored: i64 = sqlx::query_scalar(
            "SELECT v.choice_id FROM votes v JOIN users u ON u.id = v.user_id \
             WHERE u.username = $1 AND v.poll_id = 1",
        )
        .bind(&username)
        .fetch_one(&app.db)
        .await
        .expect("the vote is on disk");
        assert_eq!(stored, choice, "{username}'s last acknowledged vote");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_carry_the_request_id_on_every_line_of_a_request() {
    let database = Arc::new(TestDatabase::fresh().await);
    let (simulator, verify_url) = serve_simulator(SIMULATOR_KEY, SIMULATOR_SECRET).await;
    let process = AppProcess::start(
        &database,
        Some(&simulator),
        &verify_url,
        &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")],
    )
    .await;
    let app = &process.app;
    let browser = browser();
    let response = browser
        .post(format!("{}/api/register", app.address))
        .form(&[
            ("username", unique_username("jay").as_str()),
            ("password", crate::helpers::PASSWORD),
            ("password_again", crate::helpers::PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    app.send_code(&browser, &phone_number(151))
        .await
        .redirected_to("/2fa/verify");

    assert!(
        process.stderr_lines().is_empty(),
        "everything goes to the log: {:?}",
        process.stderr_lines()
    );
    let lines = process.log_lines();
    assert!(!lines.is_empty());
    let mut lines_of_the_request = 0;
    for line in &lines {
        let event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        assert!(event["level"].is_string() && event["fields"]["message"].is_string());
        // Inside a request, the outermost span is the request's own.
        if let Some(outermost) = event["spans"].as_array().and_then(|spans| spans.first()) {
            assert!(outermost["request_id"].is_string(), "no request id: {line}");
            if outermost["request_id"] == request_id.as_str() {
                lines_of_the_request += 1;
            }
        }
    }
    assert!(
        lines_of_the_request >= 1,
        "the sign-up's own lines carry its id {request_id}: {lines:#?}"
    );
}
