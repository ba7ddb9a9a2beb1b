//! `GET /dev/inbox`: the simulated SMS messages and voice calls, newest first, as a plain
//! HTML page for a developer (and Playwright) or as JSON for tests; and the store behind it.
//! The app mounts it in simulator mode only; it shows every code, so it must never exist
//! next to the real provider.

use super::{dev_clock, Simulator, SmsMessage};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use std::fmt::Write;
use std::sync::Arc;
use std::time::SystemTime;

/// The dev pages of a simulator: `/dev/inbox`, and `/dev/clock` to skip time in the
/// end-to-end tests of a running app. `stylesheet` is the app's CSS, when there is an app.
pub fn inbox_router(simulator: Simulator, stylesheet: Option<String>) -> Router {
    Router::new()
        .route("/dev/inbox", get(show))
        .layer(Extension(Stylesheet(stylesheet.map(Arc::from))))
        .merge(dev_clock::routes())
        .with_state(simulator)
}

/// Every message "sent", in the order of the times they were due.
#[derive(Debug, Default)]
pub(super) struct Inbox(Vec<(SystemTime, SmsMessage)>);

impl Inbox {
    /// Keeps time order although requests are settled one after another: a delivery due
    /// earlier for one request may be played after a later one for another.
    pub(super) fn record(&mut self, at: SystemTime, message: SmsMessage) {
        let index = self.0.partition_point(|(sent, _)| *sent <= at);
        self.0.insert(index, (at, message));
    }

    pub(super) fn newest_first(&self) -> Vec<SmsMessage> {
        self.0
            .iter()
            .rev()
            .map(|(_, message)| message.clone())
            .collect()
    }
}

#[derive(Clone)]
struct Stylesheet(Option<Arc<str>>);

async fn show(
    State(simulator): State<Simulator>,
    Extension(stylesheet): Extension<Stylesheet>,
    headers: HeaderMap,
) -> Response {
    let messages = simulator.inbox();
    // Codes change with every request: never serve a stale page from a cache.
    let headers_out = [
        (header::CACHE_CONTROL, "no-store"),
        (header::VARY, "accept"),
    ];
    if wants_json(&headers) {
        (headers_out, Json(messages)).into_response()
    } else {
        (
            headers_out,
            Html(render(&messages, stylesheet.0.as_deref())),
        )
            .into_response()
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json"))
}

fn render(messages: &[SmsMessage], stylesheet: Option<&str>) -> String {
    let mut rows = String::new();
    for message in messages {
        // Writing to a String cannot fail.
        let _ = write!(
            rows,
            "\n      <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&message.sent_at),
            escape(&message.number),
            message.channel.label(),
            escape(&message.text),
            escape(&message.code),
        );
    }
    let empty_note = if messages.is_empty() {
        "\n  <p>No messages yet. Ask for a code and reload this page.</p>"
    } else {
        ""
    };
    let stylesheet = stylesheet
        .map(|href| format!("\n  <link rel=\"stylesheet\" href=\"{}\">", escape(href)))
        .unwrap_or_default();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Dev inbox · Pollstr</title>{stylesheet}
</head>
<body>
<main>
  <h1>Dev inbox</h1>
  <p>This page exists only in simulator mode: no SMS is really sent and no call made, and
  every code the Verify simulator "texts" or "reads out" is listed here, newest first.</p>
  <table>
    <caption>Simulated SMS messages and voice calls, newest first</caption>
    <thead>
      <tr><th scope="col">Time (UTC)</th><th scope="col">Number</th><th scope="col">Channel</th><th scope="col">Text</th><th scope="col">Code</th></tr>
    </thead>
    <tbody>{rows}
    </tbody>
  </table>{empty_note}
</main>
</body>
</html>
"#
    )
}

/// Text for an element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }

    fn message(number: &str) -> SmsMessage {
        SmsMessage {
            number: number.to_owned(),
            channel: super::super::Channel::Sms,
            text: String::new(),
            code: String::new(),
            sent_at: String::new(),
        }
    }

    #[test]
    fn messages_are_kept_in_the_order_they_were_due_not_recorded() {
        let mut inbox = Inbox::default();
        let at = |secs| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        inbox.record(at(20), message("+2"));
        inbox.record(at(10), message("+1"));
        inbox.record(at(20), message("+3"));
        let numbers: Vec<_> = inbox.newest_first().into_iter().map(|m| m.number).collect();
        assert_eq!(numbers, ["+3", "+2", "+1"]);
    }

    #[test]
    fn an_empty_inbox_still_has_the_table_header_and_says_so() {
        let page = render(&[], None);
        assert!(page.contains("<th scope=\"col\">Code</th>"));
        assert!(page.contains("No messages yet"));
        assert_eq!(page.matches("<tr>").count(), 1);
    }
}
