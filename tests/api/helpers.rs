//! `spawn_app()` and the HTTP helpers the tests share.

use pollstr::{
    error::AppError,
    server::{clock::Clock, config::Settings, startup::Application},
    verify_simulator::{Simulator, SimulatorCredentials},
};
use reqwest::{header, redirect::Policy, Client};
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

pub use crate::test_database::TestDatabase;

pub const PASSWORD: &str = "a good password";
/// Where the first good code of an account leads: its new recovery codes, then `/`.
pub const FIRST_CONFIRMATION: &str = "/account/recovery-codes?next=%2F";

pub struct TestApp {
    pub address: String,
    pub database_url: String,
    pub db: AnyPool,
    /// The simulator the app talks to (in-process, or the external one a test gave it).
    pub simulator: Option<Simulator>,
    /// The app's clock: advance it to move past throttle windows. (An app in another
    /// process has its own, which no test can move.)
    pub clock: Clock,
    /// Kept alive as long as the app; shared by several apps on one database.
    pub database: Arc<TestDatabase>,
    /// `http://127.0.0.1:port` of `/metrics`, when `METRICS_ADDR` was given.
    pub metrics_address: Option<String>,
}

/// What a server function answered, read the way the browser's JavaScript reads it.
#[derive(Debug)]
pub struct Outcome {
    pub status: u16,
    /// Where the app sent the browser on success (`leptos_axum::redirect`).
    pub redirect: Option<String>,
    pub error: Option<AppError>,
    pub body: String,
}

impl Outcome {
    pub fn redirected_to(&self, path: &str) {
        assert_eq!(self.error, None, "expected success, got {self:?}");
        assert_eq!(self.redirect.as_deref(), Some(path), "{self:?}");
    }

    pub fn failed_with(&self, expected: AppError) {
        assert_eq!(self.error.as_ref(), Some(&expected), "{self:?}");
    }

    pub fn invalid(&self) -> bool {
        matches!(self.error, Some(AppError::Invalid { .. }))
    }
}

/// Starts the app with the simulator and demo data, plus any extra settings.
pub async fn spawn_app_with(extra: &[(&str, &str)]) -> TestApp {
    let database = Arc::new(TestDatabase::fresh().await);
    let database_url = database.url().to_owned();
    spawn_app_on(database, &database_url, extra).await
}

/// Starts the app on `database`, reached at `database_url` (its own URL, or a way to it that
/// the test controls).
pub async fn spawn_app_on(
    database: Arc<TestDatabase>,
    database_url: &str,
    extra: &[(&str, &str)],
) -> TestApp {
    let database_url = database_url.to_owned();
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".into(), database_url.clone()),
        ("LEPTOS_SITE_ADDR".into(), "127.0.0.1:0".into()),
        ("POLLSTR_DEMO".into(), "true".into()),
        // Every test browser comes from 127.0.0.1: the tests of this limit set their own.
        ("THROTTLE_SIGNUPS_PER_IP".into(), "100000/3600".into()),
    ]);
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    // The simulator is asked for explicitly, as on any machine that is not a developer's;
    // a test that names an API key gets the real client instead.
    let keyed = ["NEXMO_API_KEY", "VONAGE_API_KEY"]
        .iter()
        .any(|name| vars.contains_key(*name));
    if !keyed {
        vars.entry("VERIFY_SIMULATOR".into())
            .or_insert_with(|| "true".into());
    }
    let settings = Settings::from_lookup(|name| vars.get(name).cloned()).expect("settings");
    let app = Application::build(settings).await.expect("app starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db();
    let simulator = app.simulator();
    let clock = app.clock();
    let metrics_address = app.metrics_address().map(|a| format!("http://{a}"));
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        database_url,
        db,
        simulator,
        clock,
        database,
        metrics_address,
    }
}

/// A simulator of our own in this test process, on a port of its own, accepting only this key
/// and secret: a stand-in for the real API (or for `verify-sim`) that the test can fault.
pub async fn serve_simulator(key: &str, secret: &str) -> (Simulator, String) {
    let simulator = Simulator::new(SimulatorCredentials {
        api_key: key.into(),
        api_secret: secret.to_owned().into(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let serving = simulator.clone();
    tokio::spawn(async move { serving.serve(listener).await });
    (simulator, url)
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// A browser: its own cookie jar, redirects not followed so tests see them.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        // A request that never gets an answer fails its test instead of hanging the suite.
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

/// A username no other test uses.
pub fn unique_username(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("{prefix}{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A valid US number from the range reserved for fiction, distinct per `n` (0..200).
pub fn phone_number(n: u32) -> String {
    let area = ["212", "312", "415"][(n / 100) as usize % 3];
    format!("+1 {area} 555 01{:02}", n % 100)
}

/// A six-digit code that is not `code`.
pub fn wrong_code(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

pub fn e164(number: &str) -> String {
    number
        .chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect()
}

impl TestApp {
    /// Calls a server function as the hydrated page does (fetch, no `text/html`).
    pub async fn call(&self, browser: &Client, endpoint: &str, form: &[(&str, &str)]) -> Outcome {
        let response = browser
            .post(format!("{}/api/{endpoint}", self.address))
            .form(form)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let redirect = response
            .headers()
            .get("serverfnredirect")
            .and(response.headers().get(header::LOCATION))
            .map(|v| v.to_str().unwrap().to_owned());
        let body = response.text().await.unwrap();
        let error = (!status.is_success())
            .then(|| serde_json::from_str(&body).unwrap_or(AppError::Internal));
        Outcome {
            status: status.as_u16(),
            redirect,
            error,
            body,
        }
    }

    /// Loads a page as a browser navigation does (`Accept: text/html`).
    pub async fn get(&self, browser: &Client, path: &str) -> reqwest::Response {
        browser
            .get(format!("{}{path}", self.address))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("request")
    }

    /// A page's HTML without the empty comments Leptos puts between text nodes.
    pub async fn page_text(&self, browser: &Client, path: &str) -> String {
        self.get(browser, path)
            .await
            .text()
            .await
            .unwrap()
            .replace("<!>", "")
    }

    /// Posts a form as a browser with JavaScript off does: `Accept: text/html`, a `Referer`.
    pub async fn post_without_javascript(
        &self,
        browser: &Client,
        endpoint: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        browser
            .post(format!("{}/api/{endpoint}", self.address))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, format!("{}{referer}", self.address))
            .form(form)
            .send()
            .await
            .expect("request")
    }
}
