//! (ssr) PostgreSQL: one `LISTEN` connection per instance, hearing every instance's changes:
//! votes and poll changes for the live results (`polls::live::notify`) and the sessions and
//! users that requests keep for a second (`request_rows`). A notification sent while the
//! connection is down is lost, so while it is down nothing is kept, and after each
//! (re)connection every live feed of this instance reads its poll again.

use super::request_rows::{self, RequestRows};
use crate::polls::live::{hub::LiveHub, notify};
use sqlx::postgres::{PgListener, PgNotification};
use std::time::Duration;

const FIRST_RETRY: Duration = Duration::from_millis(250);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

/// Listens until the process ends, reconnecting with a growing pause while it cannot.
pub fn spawn(hub: LiveHub, rows: RequestRows, database_url: String) {
    tokio::spawn(async move {
        let mut retry = FIRST_RETRY;
        let mut was_lost = false;
        loop {
            match listen(&database_url).await {
                Ok(mut listener) => {
                    retry = FIRST_RETRY;
                    if was_lost {
                        tracing::info!("listening for changes again");
                    }
                    rows.hearing(true);
                    hub.refresh_all();
                    hear_until_lost(&hub, &rows, &mut listener).await;
                    rows.hearing(false);
                    was_lost = true;
                }
                Err(error) if !was_lost => {
                    tracing::warn!(%error, "cannot listen for changes yet");
                    was_lost = true;
                }
                Err(_) => {}
            }
            tokio::time::sleep(retry).await;
            retry = (retry * 2).min(LONGEST_RETRY);
        }
    });
}

async fn listen(database_url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(database_url).await?;
    listener
        .listen_all([notify::CHANNEL, request_rows::CHANNEL])
        .await?;
    Ok(listener)
}

async fn hear_until_lost(hub: &LiveHub, rows: &RequestRows, listener: &mut PgListener) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => {
                if !heard(hub, rows, &notification) {
                    tracing::warn!(
                        channel = notification.channel(),
                        payload = notification.payload(),
                        "a change notification not understood"
                    );
                }
            }
            Ok(None) => {
                tracing::warn!("the connection listening for changes was lost");
                return;
            }
            Err(error) => {
                tracing::warn!(%error, "the connection listening for changes failed");
                return;
            }
        }
    }
}

/// Hands a notification to what it is about; false when it is not understood.
fn heard(hub: &LiveHub, rows: &RequestRows, notification: &PgNotification) -> bool {
    if notification.channel() == request_rows::CHANNEL {
        return rows.heard(notification.payload());
    }
    match notify::parse_payload(notification.payload()) {
        Some((poll_id, voter)) => {
            hub.changed(poll_id, voter);
            true
        }
        None => false,
    }
}
