//! A Server-Sent Events reader for the live results tests: what `EventSource` does with the
//! bytes of `/polls/{id}/events`.

use crate::helpers::TestApp;
use reqwest::{header, Client};
use std::time::Duration;

/// The longest a test waits for an event it expects before it fails (not a timing claim: the
/// events come within a fraction of a second).
const PATIENCE: Duration = Duration::from_secs(20);

#[derive(Debug, Clone)]
pub struct SseEvent {
    pub event: String,
    pub id: String,
    pub data: String,
}

impl SseEvent {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.data).unwrap_or_else(|e| panic!("{e}: {self:?}"))
    }

    /// The `results` event's number of people who voted.
    pub fn voters(&self) -> i64 {
        assert_eq!(self.event, "results", "{self:?}");
        self.json()["facts"]["voters"].as_i64().unwrap()
    }

    /// The `results` event's votes per choice, in ballot order.
    pub fn votes(&self) -> Vec<i64> {
        assert_eq!(self.event, "results", "{self:?}");
        let json = self.json();
        let choices = json["choices"].as_array().unwrap();
        choices
            .iter()
            .map(|c| c["votes"].as_i64().unwrap())
            .collect()
    }
}

pub struct LiveStream {
    response: reqwest::Response,
    buffer: String,
}

impl TestApp {
    /// The response to opening a poll's stream as `EventSource` does.
    pub async fn open_events(
        &self,
        browser: &Client,
        poll: i64,
        last_event_id: Option<&str>,
    ) -> reqwest::Response {
        let mut request = browser
            .get(format!("{}/polls/{poll}/events", self.address))
            .header(header::ACCEPT, "text/event-stream")
            // A stream outlives the browser's usual limit for a whole request.
            .timeout(Duration::from_secs(300));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        request.send().await.expect("request")
    }

    /// An open stream of `poll`'s results, checked to be one.
    pub async fn watch(&self, browser: &Client, poll: i64) -> LiveStream {
        self.watch_from(browser, poll, None).await
    }

    pub async fn watch_from(
        &self,
        browser: &Client,
        poll: i64,
        last_event_id: Option<&str>,
    ) -> LiveStream {
        let response = self.open_events(browser, poll, last_event_id).await;
        assert_eq!(response.status(), 200, "{:?}", response.headers());
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/event-stream"
        );
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
        LiveStream {
            response,
            buffer: String::new(),
        }
    }
}

impl LiveStream {
    /// The next event (keep-alive comments skipped); fails the test if none comes.
    pub async fn next(&mut self) -> SseEvent {
        tokio::time::timeout(PATIENCE, self.read_event())
            .await
            .unwrap_or_else(|_| panic!("no event within {PATIENCE:?}"))
            .expect("the stream ended")
    }

    /// The next `results` event whose votes are `votes` (a stream may send states on the way).
    pub async fn until_votes(&mut self, votes: &[i64]) -> SseEvent {
        loop {
            let event = self.next().await;
            if event.event == "results" && event.votes() == votes {
                return event;
            }
        }
    }

    /// `None` when the server ended the stream.
    pub async fn read_event(&mut self) -> Option<SseEvent> {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = parse(&block) {
                    return Some(event);
                }
            }
            let chunk = self.response.chunk().await.ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

/// A block as `EventSource` reads it: one without a `data` line is never dispatched (the
/// HTML standard's "if the data buffer is an empty string … return"), so it is no event here
/// either: a page would not see it.
fn parse(block: &str) -> Option<SseEvent> {
    let mut event = SseEvent {
        event: "message".into(),
        id: String::new(),
        data: String::new(),
    };
    let mut has_data = false;
    for line in block.lines() {
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => event.event = value.to_owned(),
            "id" => event.id = value.to_owned(),
            "data" => {
                if has_data {
                    event.data.push('\n');
                }
                event.data.push_str(value);
                has_data = true;
            }
            _ => {} // a comment (keep-alive), or a field we do not read
        }
    }
    has_data.then_some(event)
}
