//! (ssr) PostgreSQL: one `LISTEN` connection per instance, hearing every instance's changes
//! (`notify`). A notification sent while the connection was down is lost, so after each
//! (re)connection every feed of this instance reads its poll again.

use super::{hub::LiveHub, notify};
use sqlx::postgres::PgListener;
use std::time::Duration;

const FIRST_RETRY: Duration = Duration::from_millis(250);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

/// Listens until the process ends, reconnecting with a growing pause while it cannot.
pub fn spawn(hub: LiveHub, database_url: String) {
    tokio::spawn(async move {
        let mut retry = FIRST_RETRY;
        let mut was_lost = false;
        loop {
            match listen(&database_url).await {
                Ok(mut listener) => {
                    retry = FIRST_RETRY;
                    if was_lost {
                        tracing::info!("live results: listening again");
                    }
                    hub.refresh_all();
                    hear_until_lost(&hub, &mut listener).await;
                    was_lost = true;
                }
                Err(error) if !was_lost => {
                    tracing::warn!(%error, "live results: cannot listen for changes yet");
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
    listener.listen(notify::CHANNEL).await?;
    Ok(listener)
}

async fn hear_until_lost(hub: &LiveHub, listener: &mut PgListener) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => match notify::parse_payload(notification.payload()) {
                Some((poll_id, voter)) => hub.changed(poll_id, voter),
                None => tracing::warn!(
                    payload = notification.payload(),
                    "live results: a notification not understood"
                ),
            },
            Ok(None) => {
                tracing::warn!("live results: the listening connection was lost");
                return;
            }
            Err(error) => {
                tracing::warn!(%error, "live results: the listening connection failed");
                return;
            }
        }
    }
}
