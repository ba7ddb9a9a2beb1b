//! The app as its own `pollstr serve` process, for what only a real process shows: how it
//! stops on SIGTERM, what it writes to its log, several instances sharing one database.

use crate::helpers::{TestApp, TestDatabase};
use pollstr::{
    server::{clock::Clock, config::DatabaseSettings},
    verify_simulator::Simulator,
};
use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, ExitStatus, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

/// The key and secret every process-level test simulator accepts.
pub const SIMULATOR_KEY: &str = "process-key";
pub const SIMULATOR_SECRET: &str = "process-secret";

pub struct AppProcess {
    pub app: TestApp,
    child: KillOnDrop,
    /// What the app logs (stdout), and anything else it prints (stderr).
    log: Lines,
    stderr: Lines,
}

impl AppProcess {
    /// Starts `pollstr serve` on a free port against `database` and the simulator serving at
    /// `verify_url` (`simulator` when it is one in this test process), and waits until it is
    /// ready. `extra` adds or overrides settings.
    pub async fn start(
        database: &Arc<TestDatabase>,
        simulator: Option<&Simulator>,
        verify_url: &str,
        extra: &[(&str, &str)],
    ) -> Self {
        let port = free_port();
        let mut command = Command::new(env!("CARGO_BIN_EXE_pollstr"));
        command
            .arg("serve")
            // Away from the checkout, so a developer's `.env` cannot change the settings.
            .current_dir(std::env::temp_dir())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", database.url())
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("NEXMO_API_KEY", SIMULATOR_KEY)
            .env("NEXMO_API_SECRET", SIMULATOR_SECRET)
            .env("NEXMO_API_URL", verify_url)
            .env("POLLSTR_DEMO", "true")
            // Every test browser comes from 127.0.0.1 (the tests of this limit set their own).
            .env("THROTTLE_SIGNUPS_PER_IP", "100000/3600")
            // What cargo-leptos sets; without it Leptos prints a warning.
            .env("LEPTOS_OUTPUT_NAME", "pollstr")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (name, value) in extra {
            command.env(name, value);
        }
        let mut child = KillOnDrop(command.spawn().expect("pollstr serve starts"));
        // Both pipes are read all the time, so a full pipe never blocks the app.
        let log = collect_lines(child.0.stdout.take().unwrap());
        let stderr = collect_lines(child.0.stderr.take().unwrap());
        let address = format!("http://127.0.0.1:{port}");
        wait_until_ready(&address, &mut child.0, &log, &stderr).await;
        let db =
            pollstr::server::db::connect_and_migrate(&DatabaseSettings::for_url(database.url()))
                .await
                .expect("the test reaches the app's database")
                .0;
        Self {
            app: TestApp {
                address,
                database_url: database.url().to_owned(),
                db,
                simulator: simulator.cloned(),
                clock: Clock::default(),
                database: database.clone(),
                metrics_address: None,
            },
            child,
            log,
            stderr,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.0.id()
    }

    /// Sends SIGTERM, as a service manager or a rolling deploy does.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.0.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// Waits up to `limit` for the process to end.
    pub async fn exit_status(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = tokio::time::Instant::now() + limit;
        while tokio::time::Instant::now() < deadline {
            if let Some(status) = self.child.0.try_wait().expect("wait") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }

    /// Every line the app has logged so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Anything else the process printed (nothing, normally).
    pub fn stderr_lines(&self) -> Vec<String> {
        self.stderr.lock().unwrap().clone()
    }
}

/// A child process that is killed when the test lets go of it, panics included.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `pollstr verify-sim` as its own process, shared by several app processes.
pub struct SimulatorProcess {
    pub url: String,
    _child: KillOnDrop,
}

impl SimulatorProcess {
    pub async fn start() -> Self {
        let port = free_port();
        let mut child = KillOnDrop(
            Command::new(env!("CARGO_BIN_EXE_pollstr"))
                .args(["verify-sim", "--addr", &format!("127.0.0.1:{port}")])
                .current_dir(std::env::temp_dir())
                .env("NEXMO_API_KEY", SIMULATOR_KEY)
                .env("NEXMO_API_SECRET", SIMULATOR_SECRET)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("pollstr verify-sim starts"),
        );
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..300 {
            if reqwest::get(format!("{url}/dev/inbox")).await.is_ok() {
                return Self { url, _child: child };
            }
            assert!(child.0.try_wait().unwrap().is_none(), "verify-sim exited");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("verify-sim not up after 30 s");
    }

    /// The newest code sent to `number`, read from the simulator's JSON inbox.
    pub async fn last_code_for(&self, number: &str) -> String {
        let e164 = crate::helpers::e164(number);
        let messages: Vec<serde_json::Value> = reqwest::Client::new()
            .get(format!("{}/dev/inbox", self.url))
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .expect("the inbox answers")
            .json()
            .await
            .expect("the inbox is JSON");
        messages
            .iter()
            .find(|m| m["number"] == e164.as_str())
            .and_then(|m| m["code"].as_str())
            .unwrap_or_else(|| panic!("no SMS to {e164}"))
            .to_owned()
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

type Lines = Arc<Mutex<Vec<String>>>;

fn collect_lines(pipe: impl std::io::Read + Send + 'static) -> Lines {
    let lines = Lines::default();
    let collected = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            collected.lock().unwrap().push(line);
        }
    });
    lines
}

async fn wait_until_ready(address: &str, child: &mut Child, log: &Lines, stderr: &Lines) {
    let http = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(response) = http.get(format!("{address}/readyz")).send().await {
            if response.status().is_success() {
                return;
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "pollstr serve exited ({status}): {:#?} {:#?}",
                log.lock().unwrap(),
                stderr.lock().unwrap()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "pollstr serve not ready after 30 s: {:#?} {:#?}",
        log.lock().unwrap(),
        stderr.lock().unwrap()
    );
}
