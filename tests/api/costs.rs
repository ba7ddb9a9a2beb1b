//! Costs an anonymous crowd cannot blow up: the tables that count attempts are swept, a request
//! that takes too long is answered 503, and a crowd of password checks is queued, bounded,
//! and told "busy" past the bound while the process stays small and answers `/healthz`.

use crate::{
    app_process::{AppProcess, SIMULATOR_KEY, SIMULATOR_SECRET},
    helpers::{
        browser, phone_number, serve_simulator, spawn_app_with, unique_username, TestApp,
        TestDatabase, PASSWORD,
    },
};
use pollstr::{error::AppError, verify_simulator::Fault};
use std::{sync::Arc, time::Duration};

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Polls until `condition` holds (the sweeper runs on its own timer), or fails after a while.
async fn eventually<F: std::future::Future<Output = bool>>(what: &str, condition: impl Fn() -> F) {
    for _ in 0..200 {
        if condition().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("never: {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_throttle_hits_and_old_audit_rows_are_swept_and_recent_ones_kept() {
    let app = spawn_app_with(&[
        ("AUDIT_RETENTION_DAYS", "2"),
        ("HOUSEKEEPING_INTERVAL_SECS", "1"),
    ])
    .await;
    let (waiting, _) = app.waiting_for_a_code(198).await;
    app.login(&browser(), "nobody-at-all", "wrong password", "/")
        .await
        .failed_with(AppError::InvalidCredentials);
    assert!(count(&app, "throttle_hits").await > 0);
    assert!(count(&app, "verification_events").await > 0);

    // Three days on: every throttle window (the longest is an hour) and the retention are past.
    app.clock.advance(Duration::from_secs(3 * 86_400));
    eventually("the old rows are swept", || async {
        count(&app, "throttle_hits").await == 0 && count(&app, "verification_events").await == 0
    })
    .await;
    // What happens now is kept, sweep after sweep.
    app.send_code(&waiting, &phone_number(199))
        .await
        .redirected_to("/2fa/verify");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        count(&app, "verification_events").await > 0,
        "recent rows stay"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_takes_too_long_is_answered_busy() {
    let app = spawn_app_with(&[("REQUEST_TIMEOUT_SECS", "1"), ("VERIFY_TIMEOUT_SECS", "10")]).await;
    let browser = browser();
    app.register(&browser, &unique_username("slow"))
        .await
        .redirected_to("/");
    let number = phone_number(200);
    app.simulator
        .as_ref()
        .unwrap()
        .inject_fault(&number, Fault::Delay(Duration::from_secs(3)));
    let outcome = app.send_code(&browser, &number).await;
    assert_eq!(outcome.status, 503, "{outcome:?}");
    outcome.failed_with(AppError::Busy);
}

/// Peak resident memory of a process, in MiB, from Linux's `/proc`.
fn peak_rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("procfs");
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    kib / 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_sign_ups_and_logins_at_once_keep_memory_bounded_and_healthz_answering() {
    const CROWD: usize = 500;
    let database = Arc::new(TestDatabase::fresh().await);
    let (simulator, verify_url) = serve_simulator(SIMULATOR_KEY, SIMULATOR_SECRET).await;
    // No throttle stands in the way here: the bound under test is the hashing queue's.
    let process = AppProcess::start(
        &database,
        Some(&simulator),
        &verify_url,
        &[
            ("THROTTLE_SIGNUPS_PER_IP", "100000/3600"),
            ("THROTTLE_FAILED_LOGINS_PER_IP", "100000/900"),
            ("THROTTLE_FAILED_LOGINS_PER_ACCOUNT", "100000/900"),
            ("THROTTLE_FAILED_LOGINS_PER_ACCOUNT_AND_IP", "100000/900"),
            ("DATABASE_MAX_CONNECTIONS", "8"),
            ("PASSWORD_HASH_CONCURRENCY", "2"),
        ],
    )
    .await;
    let app = &process.app;
    let username = unique_username("crowd");
    app.register(&browser(), &username).await.redirected_to("/");
    let before = peak_rss_mib(process.pid());

    let crowd = (0..CROWD).map(|n| {
        let username = username.clone();
        async move {
            let browser = browser();
            if n % 2 == 0 {
                app.register(&browser, &unique_username("crowd")).await
            } else {
                app.login(&browser, &username, &format!("{PASSWORD} {n}"), "/")
                    .await
            }
        }
    });
    let health = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        reqwest::get(format!("{}/healthz", app.address)).await
    };
    let (outcomes, health) = tokio::join!(futures::future::join_all(crowd), health);
    let peak = peak_rss_mib(process.pid());
    let busy = outcomes
        .iter()
        .filter(|o| o.error == Some(AppError::Busy))
        .count();
    println!("peak RSS: {before} MiB before the crowd, {peak} MiB after ({busy} of {CROWD} busy)");
    assert_eq!(health.expect("healthz answers").status(), 200);
    let answered = outcomes
        .iter()
        .filter(|o| o.error.is_none() || o.error == Some(AppError::InvalidCredentials))
        .count();
    assert_eq!(
        busy + answered,
        CROWD,
        "only answers or 'busy': {outcomes:?}"
    );
    // One argon2 hash holds 19 MiB: unbounded, 500 at once took 8.8 GiB here (seen
    // 2026-12-01); bounded, a debug build peaked at 300-400 MiB, most of it the 500 requests.
    assert!(peak < 1024, "peak RSS {peak} MiB");
}
