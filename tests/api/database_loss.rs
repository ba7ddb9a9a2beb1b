//! The database going away under a running app (a restart, a network cut): requests get a
//! clear 503 "try again", and the app recovers by itself when the database is back.
//! PostgreSQL only: a server the app reaches over the network.

use crate::helpers::{browser, phone_number, spawn_app_on, TestDatabase};
use pollstr::error::AppError;
use std::{sync::Arc, time::Duration};
use tokio::{
    net::{TcpListener, TcpStream},
    sync::watch,
    task::JoinHandle,
};

/// A TCP relay between the app and PostgreSQL. Cutting it ends every connection through it
/// and refuses new ones, as a server restart or a network cut does; restoring it listens on
/// the same port again.
struct Relay {
    port: u16,
    upstream: String,
    cuts: watch::Sender<u64>,
    accepting: Option<JoinHandle<()>>,
}

impl Relay {
    async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut relay = Self {
            port,
            upstream,
            cuts: watch::channel(0).0,
            accepting: None,
        };
        relay.accept_on(listener);
        relay
    }

    fn accept_on(&mut self, listener: TcpListener) {
        let (upstream, cuts) = (self.upstream.clone(), self.cuts.clone());
        self.accepting = Some(tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let Ok(mut outbound) = TcpStream::connect(&upstream).await else {
                    continue;
                };
                let mut cut = cuts.subscribe();
                tokio::spawn(async move {
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        }));
    }

    fn cut(&mut self) {
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
        }
        self.cuts.send_modify(|n| *n += 1);
    }

    async fn restore(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        self.accept_on(listener);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_the_database_answers_503_and_the_app_recovers_by_itself() {
    let database = Arc::new(TestDatabase::fresh().await);
    if !database.is_postgres() {
        eprintln!("skipped: PostgreSQL only (set TEST_DATABASE_URL)");
        return;
    }
    let mut url = reqwest::Url::parse(database.url()).unwrap();
    let upstream = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
    let mut relay = Relay::start(upstream).await;
    url.set_host(Some("127.0.0.1")).unwrap();
    url.set_port(Some(relay.port)).unwrap();
    let app = spawn_app_on(
        database,
        url.as_str(),
        &[("DATABASE_CONNECT_TIMEOUT_MS", "1000")],
    )
    .await;

    let voter = browser();
    app.verified_user(&voter, &phone_number(180)).await;
    let vote = |choice: &'static str| {
        let (app, voter) = (&app, &voter);
        async move {
            app.call(voter, "vote", &[("poll_id", "1"), ("choice_id", choice)])
                .await
        }
    };
    vote("1").await.redirected_to("/polls/1/results");

    relay.cut();
    let refused = vote("2").await;
    assert_eq!(refused.status, 503, "{refused:?}");
    refused.failed_with(AppError::Busy);
    let page = app.get(&browser(), "/").await;
    assert_eq!(page.status(), 503, "a page says so too");
    assert_eq!(page.headers()["retry-after"], "5");
    assert!(page.text().await.unwrap().contains("try again"));
    assert_eq!(app.get(&browser(), "/readyz").await.status(), 503);

    relay.restore().await;
    let mut recovered = false;
    for _ in 0..20 {
        if vote("2").await.redirect.is_some() {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(recovered, "the app reconnected by itself");
    assert_eq!(app.get(&browser(), "/readyz").await.status(), 200);
    assert_eq!(app.vote_count(1).await, 1);
}
