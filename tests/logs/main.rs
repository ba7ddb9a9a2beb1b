//! What the app writes to its log during a whole journey, failures included.
//!
//! A test binary of its own: a thread-local subscriber sees every line only when no other
//! test runs beside it (tracing caches callsite interest process-wide), and a process-wide
//! one would slow down and tangle the whole integration suite.

// The integration suite's helpers; this binary uses only some of them.
#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;
// The integration suite's journey steps; this binary uses only some of them.
#[allow(dead_code)]
#[path = "../api/journeys.rs"]
mod journeys;
// The integration suite's database helper; this binary uses only some of it.
#[allow(dead_code)]
#[path = "../api/test_database.rs"]
mod test_database;

use crate::helpers::{
    browser, e164, phone_number, serve_simulator, spawn_app_with, unique_username, wrong_code,
    FIRST_CONFIRMATION, PASSWORD,
};
use pollstr::error::AppError;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_log_has_outcomes_but_never_a_password_secret_code_or_full_number() {
    // A current-thread test runtime: the app's tasks run on this thread, so a thread-local
    // subscriber sees everything the app logs.
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_target(true)
        // Timestamps carry six-digit fractions that could look like a code.
        .without_time()
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    const SECRET: &str = "very-secret-api-secret";
    let (simulator, url) = serve_simulator("log-key", SECRET).await;
    let mut app = spawn_app_with(&[
        ("NEXMO_API_KEY", "log-key"),
        ("NEXMO_API_SECRET", SECRET),
        ("NEXMO_API_URL", &url),
    ])
    .await;
    app.simulator = Some(simulator);

    let browser = browser();
    let username = unique_username("logan");
    app.register(&browser, &username).await.redirected_to("/");
    app.login(&browser, &username, "a wrong password here", "/")
        .await
        .failed_with(AppError::InvalidCredentials);
    let number = phone_number(60);
    app.send_code(&browser, &number)
        .await
        .redirected_to("/2fa/verify");
    let code = app.last_code_for(&number);
    let wrong = wrong_code(&code);
    app.check_code(&browser, wrong)
        .await
        .failed_with(AppError::WrongCode);
    app.check_code(&browser, &code)
        .await
        .redirected_to(FIRST_CONFIRMATION);
    app.call(&browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");

    let text = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    // The simulator stands in for the phone: it logs the code on purpose. The app must not.
    let app_lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.contains("pollstr::verify_simulator"))
        .collect();
    assert!(
        app_lines.iter().any(|l| l.contains("status 16")),
        "the provider's status is logged"
    );
    let in_requests: Vec<&&str> = app_lines
        .iter()
        .filter(|l| l.contains("code check failed"))
        .collect();
    assert!(!in_requests.is_empty());
    assert!(
        in_requests.iter().all(|l| l.contains("request_id=")),
        "every line of a request names it: {in_requests:?}"
    );
    let full_number = e164(&number);
    for line in &app_lines {
        for secret in [
            PASSWORD,
            "a wrong password here",
            SECRET,
            code.as_str(),
            wrong,
            &full_number,
            &full_number[1..],
        ] {
            assert!(
                !line.contains(secret),
                "{secret:?} leaked into the log: {line}"
            );
        }
    }
}
