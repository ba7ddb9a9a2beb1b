//! For the tests of PostgreSQL going away under a running app (`database_loss`, `live_instances`).

use tokio::{
    net::{TcpListener, TcpStream},
    sync::watch,
    task::JoinHandle,
};

/// A TCP relay between the app and PostgreSQL. Cutting it ends every connection through it
/// and refuses new ones, as a server restart or a network cut does; restoring it listens on
/// the same port again.
pub struct Relay {
    port: u16,
    /// The database's URL, pointed at the relay.
    url: reqwest::Url,
    upstream: String,
    cuts: watch::Sender<u64>,
    accepting: Option<JoinHandle<()>>,
}

impl Relay {
    /// A relay to the PostgreSQL server of `database_url`.
    pub async fn start_to(database_url: &str) -> Self {
        let mut url = reqwest::Url::parse(database_url).unwrap();
        let upstream = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        url.set_host(Some("127.0.0.1")).unwrap();
        url.set_port(Some(port)).unwrap();
        let mut relay = Self {
            port,
            url,
            upstream,
            cuts: watch::channel(0).0,
            accepting: None,
        };
        relay.accept_on(listener);
        relay
    }

    /// The database's URL through the relay.
    pub fn database_url(&self) -> String {
        self.url.to_string()
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

    pub fn cut(&mut self) {
        if let Some(accepting) = self.accepting.take() {
            accepting.abort();
        }
        self.cuts.send_modify(|n| *n += 1);
    }

    pub async fn restore(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        self.accept_on(listener);
    }
}
