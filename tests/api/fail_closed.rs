//! The real `pollstr serve` fails closed on its Verify configuration: outside development, no
//! key and no explicit `VERIFY_SIMULATOR=true` means no start (the simulator's `/dev/inbox`
//! would show everyone's codes), and the start-up log says which backend runs.

use crate::{
    app_process::{AppProcess, SIMULATOR_KEY, SIMULATOR_SECRET},
    helpers::{serve_simulator, TestDatabase},
};
use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    sync::Arc,
    time::Duration,
};

/// Runs `pollstr serve` with exactly `vars` (on a fresh database) until it exits by itself or
/// logs its Verify backend line (then it is stopped). Returns `Some(success)` when it exited,
/// `None` when it was stopped, and everything it printed (stderr is folded into the log).
fn serve_with(vars: &[(&str, &str)]) -> (Option<bool>, String) {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/fail-closed.db?mode=rwc", dir.path().display());
    let mut command = Command::new(env!("CARGO_BIN_EXE_pollstr"));
    command
        .arg("serve")
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &database)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_OUTPUT_NAME", "pollstr")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in vars {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("pollstr serve starts");
    let (lines, printed) = std::sync::mpsc::channel();
    for pipe in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
    }
    drop(lines);
    let mut log = String::new();
    // Ends when both pipes close (the process exited) or the backend line is in.
    while let Ok(line) = printed.recv_timeout(Duration::from_secs(120)) {
        log.push_str(&line);
        log.push('\n');
        if line.contains("Verify backend") {
            child.kill().unwrap();
            child.wait().unwrap();
            return (None, log);
        }
    }
    let _ = child.kill();
    let status = child.wait().unwrap();
    (Some(status.success()), log)
}

#[test]
fn in_production_without_a_key_the_app_refuses_to_start_and_says_what_to_set() {
    for vars in [
        vec![("LEPTOS_ENV", "PROD")],
        // Unset is production too.
        vec![],
        // A misspelt key is no key.
        vec![("LEPTOS_ENV", "PROD"), ("NEXMO_KEY", "abcd1234")],
    ] {
        let (exited, printed) = serve_with(&vars);
        assert_eq!(exited, Some(false), "{vars:?} started: {printed}");
        assert!(printed.contains("NEXMO_API_KEY"), "{printed}");
        assert!(printed.contains("VERIFY_SIMULATOR=true"), "{printed}");
    }
}

#[test]
fn half_a_credential_is_refused_at_start() {
    for vars in [
        [("LEPTOS_ENV", "DEV"), ("NEXMO_API_KEY", "abcd1234")],
        [("LEPTOS_ENV", "DEV"), ("VONAGE_API_SECRET", "secret")],
    ] {
        let (exited, printed) = serve_with(&vars);
        assert_eq!(exited, Some(false), "{vars:?} started: {printed}");
    }
}

#[test]
fn the_simulator_runs_when_asked_for_and_the_log_says_dev_pages_are_served() {
    for vars in [
        vec![("LEPTOS_ENV", "PROD"), ("VERIFY_SIMULATOR", "true")],
        vec![("LEPTOS_ENV", "DEV")],
    ] {
        let (exited, printed) = serve_with(&vars);
        assert_eq!(exited, None, "{vars:?} stopped by itself: {printed}");
        let line = printed
            .lines()
            .find(|line| line.contains("Verify backend"))
            .unwrap_or_else(|| panic!("no backend line: {printed}"));
        assert!(line.contains("SIMULATOR"), "{line}");
        assert!(line.contains("/dev/inbox"), "{line}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_key_the_log_says_the_real_api_runs_and_dev_pages_are_not_served() {
    let database = Arc::new(TestDatabase::fresh().await);
    let (simulator, verify_url) = serve_simulator(SIMULATOR_KEY, SIMULATOR_SECRET).await;
    let process = AppProcess::start(&database, Some(&simulator), &verify_url, &[]).await;
    let lines = process.log_lines();
    let line = lines
        .iter()
        .find(|line| line.contains("Verify backend"))
        .unwrap_or_else(|| panic!("no backend line: {lines:#?}"));
    assert!(line.contains("the real API"), "{line}");
    assert!(line.contains("/dev/* is not served"), "{line}");
    let inbox = reqwest::get(format!("{}/dev/inbox", process.app.address))
        .await
        .unwrap();
    assert_eq!(inbox.status(), 404);
}
