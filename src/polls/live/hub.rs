//! (ssr) The instance's live feeds: one per poll that someone here is watching. A feed reads
//! its poll's numbers after a change (at most once per `LIVE_COALESCE_MS`, however many votes
//! land meanwhile) and hands the one value to every stream of that poll, so a vote costs one
//! read per poll and instance, not one per viewer. A feed ends with its last viewer.
//!
//! The hub hears of every change that shows on a page, so it also moves the data version
//! that copies kept in memory are checked against (`server::freshness`), whether or not
//! anyone watches the poll.

use super::{
    limits::{Refusal, StreamLimits, StreamPermit},
    notify,
    snapshot::{self, PollState},
};
use crate::{
    domain::PollId,
    server::{clock::Clock, config::LiveSettings, freshness::Freshness, metrics::Metrics},
};
use sqlx::AnyPool;
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, MutexGuard,
    },
    time::Duration,
};
use tokio::sync::{watch, Notify};

/// The longest a feed sleeps towards its poll's closing time before it looks again.
const LONGEST_CLOSE_WAIT: Duration = Duration::from_secs(3600);

#[derive(Clone)]
pub struct LiveHub(Arc<Inner>);

struct Inner {
    db: AnyPool,
    clock: Clock,
    settings: LiveSettings,
    /// SQLite: a change is published here, after its commit. PostgreSQL: every change comes
    /// from the listener (`pg_notify`), this instance's own included.
    publish_in_process: bool,
    feeds: Mutex<HashMap<PollId, Arc<Feed>>>,
    limits: Arc<StreamLimits>,
    shutdown: watch::Sender<bool>,
    metrics: Metrics,
    freshness: Freshness,
}

/// What a feed last read.
#[derive(Clone)]
pub enum Published {
    /// Not read yet.
    Pending,
    Poll(Arc<PollState>),
    /// Deleted.
    Gone,
}

pub struct Feed {
    latest: watch::Sender<Published>,
    /// A change to read: one stored permit, so the changes of a coalescing pause make one read.
    changed: Notify,
    /// A viewer left: the feed ends when it was the last.
    left: Notify,
    /// Signed-in viewers waiting to see numbers that show after their own vote, and whether
    /// it came (heard with the change it made).
    waiting: Mutex<HashMap<i64, Waiter>>,
    /// Moves on when changes may have gone unheard (the listener lost its connection): a
    /// waiting viewer then asks the database whether they voted.
    epoch: AtomicU64,
}

#[derive(Default)]
struct Waiter {
    streams: usize,
    voted: bool,
}

impl LiveHub {
    pub fn new(
        db: AnyPool,
        clock: Clock,
        settings: LiveSettings,
        publish_in_process: bool,
        metrics: Metrics,
        freshness: Freshness,
    ) -> Self {
        let limits = StreamLimits::new(settings.max_streams, settings.max_streams_per_client);
        Self(Arc::new(Inner {
            db,
            clock,
            settings,
            publish_in_process,
            feeds: Mutex::default(),
            limits,
            shutdown: watch::channel(false).0,
            metrics,
            freshness,
        }))
    }

    pub fn settings(&self) -> &LiveSettings {
        &self.0.settings
    }

    pub fn db(&self) -> &AnyPool {
        &self.0.db
    }

    pub fn now(&self) -> i64 {
        self.0.clock.now()
    }

    /// A place for one more stream from `client` (its network), or why not.
    pub fn admit(&self, client: String) -> Result<StreamPermit, Refusal> {
        self.0.limits.admit(client)
    }

    pub fn open_streams(&self) -> usize {
        self.0.limits.open_streams()
    }

    /// Watches `poll_id`: its feed, started with a first read when nobody here watched it.
    pub fn subscribe(&self, poll_id: PollId) -> Subscription {
        let mut feeds = self.feeds();
        let feed = feeds.entry(poll_id).or_insert_with(|| {
            let feed = Arc::new(Feed {
                latest: watch::channel(Published::Pending).0,
                changed: Notify::new(),
                left: Notify::new(),
                waiting: Mutex::default(),
                epoch: AtomicU64::new(0),
            });
            tokio::spawn(run_feed(self.clone(), poll_id, Arc::clone(&feed)));
            feed
        });
        // Under the lock, so the feed cannot end between its lookup and this viewer.
        let updates = feed.latest.subscribe();
        Subscription {
            feed: Arc::clone(feed),
            updates: Some(updates),
        }
    }

    /// A vote committed through this instance. On PostgreSQL its transaction announced it
    /// (`notify::vote_in`) and the listener brings it back, also to the other instances.
    pub fn vote_committed(&self, poll_id: PollId, voter: i64) {
        if self.0.publish_in_process {
            self.changed(poll_id, Some(voter));
        } else {
            // Kept copies here go at once, not when the notification comes back.
            self.0.freshness.invalidate();
        }
    }

    /// The poll changed otherwise (made, closed, hidden or shown, edited, deleted), committed.
    pub async fn poll_changed(&self, poll_id: PollId) {
        if self.0.publish_in_process {
            self.changed(poll_id, None);
            return;
        }
        self.0.freshness.invalidate();
        if let Err(error) = notify::change_on(&self.0.db, poll_id).await {
            // The write stands; its viewers see it with the next change, or when they reload.
            tracing::warn!(%poll_id, %error, "could not announce a poll change to live viewers");
        }
    }

    /// A change heard (in-process, or from the listener): the feed reads again, and a viewer
    /// waiting for their own vote learns it came.
    pub fn changed(&self, poll_id: PollId, voter: Option<i64>) {
        self.0.freshness.invalidate();
        let Some(feed) = self.feeds().get(&poll_id).cloned() else {
            return; // Nobody here watches it.
        };
        if let Some(voter) = voter {
            if let Some(waiter) = feed.waiting().get_mut(&voter) {
                waiter.voted = true;
            }
        }
        feed.changed.notify_one();
    }

    /// Every feed reads again: after the listener was away, any change may have been missed.
    pub fn refresh_all(&self) {
        self.0.freshness.invalidate();
        for feed in self.feeds().values() {
            feed.epoch.fetch_add(1, Ordering::Relaxed);
            feed.changed.notify_one();
        }
    }

    /// Ends every stream (the server is stopping: a stream would keep its drain waiting).
    pub fn end_streams(&self) {
        self.0.shutdown.send_replace(true);
    }

    /// Becomes true when the streams must end.
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.0.shutdown.subscribe()
    }

    fn feeds(&self) -> MutexGuard<'_, HashMap<PollId, Arc<Feed>>> {
        // Each change to the map is one insert or remove: nothing half-done to see.
        self.0.feeds.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Removes `feed` when nobody watches it any more; `true` when it did.
    fn forget_if_unwatched(&self, poll_id: PollId, feed: &Arc<Feed>) -> bool {
        let mut feeds = self.feeds();
        if feed.latest.receiver_count() > 0 {
            return false;
        }
        if feeds.get(&poll_id).is_some_and(|f| Arc::ptr_eq(f, feed)) {
            feeds.remove(&poll_id);
        }
        true
    }
}

/// Reads after each change, pausing `coalesce` after each read, until the last viewer goes.
async fn run_feed(hub: LiveHub, poll_id: PollId, feed: Arc<Feed>) {
    let mut stopping = hub.stopping();
    let mut failing = false;
    loop {
        let mut closes_at = None;
        match snapshot::read(hub.db(), poll_id, hub.now()).await {
            Ok(Some(state)) => {
                failing = false;
                if !state.poll.is_closed(hub.now()) {
                    closes_at = state.poll.closes_at;
                }
                feed.latest.send_replace(Published::Poll(Arc::new(state)));
            }
            Ok(None) => {
                feed.latest.send_replace(Published::Gone);
            }
            Err(error) => {
                // Viewers keep the last numbers; the read is tried again after the pause.
                if !failing {
                    tracing::warn!(%poll_id, %error, "reading a poll for its live viewers failed");
                }
                failing = true;
                feed.changed.notify_one();
            }
        }
        hub.0.metrics.live_snapshot_read();
        tokio::select! {
            _ = tokio::time::sleep(hub.settings().coalesce) => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
        loop {
            // A poll closing by its time changes nothing in the database: the feed wakes.
            let until_close = closes_at.map_or(LONGEST_CLOSE_WAIT, |at: i64| {
                Duration::from_secs(u64::try_from(at - hub.now()).unwrap_or(0))
                    .min(LONGEST_CLOSE_WAIT)
            });
            tokio::select! {
                _ = feed.changed.notified() => break,
                _ = tokio::time::sleep(until_close), if closes_at.is_some() => break,
                _ = feed.left.notified() => {
                    if hub.forget_if_unwatched(poll_id, &feed) {
                        return;
                    }
                }
                _ = stopping.wait_for(|stop| *stop) => return,
            }
        }
    }
}

impl Feed {
    fn waiting(&self) -> MutexGuard<'_, HashMap<i64, Waiter>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Relaxed)
    }
}

/// One viewer's hold on a feed: its updates, and the feed's end when the last one drops.
pub struct Subscription {
    feed: Arc<Feed>,
    updates: Option<watch::Receiver<Published>>,
}

impl Subscription {
    pub fn updates(&mut self) -> &mut watch::Receiver<Published> {
        self.updates
            .as_mut()
            .expect("the receiver is taken only on drop")
    }

    pub fn feed(&self) -> &Arc<Feed> {
        &self.feed
    }

    /// Until dropped, the feed notes a vote by `user_id` in this poll when it hears one.
    pub fn wait_for_vote_of(&self, user_id: i64) -> VoteWait {
        self.feed.waiting().entry(user_id).or_default().streams += 1;
        VoteWait {
            feed: Arc::clone(&self.feed),
            user_id,
        }
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        // The receiver first: the feed counts what is left.
        self.updates.take();
        self.feed.left.notify_one();
    }
}

pub struct VoteWait {
    feed: Arc<Feed>,
    user_id: i64,
}

impl VoteWait {
    /// A vote of theirs in this poll was heard since the wait began.
    pub fn voted(&self) -> bool {
        self.feed
            .waiting()
            .get(&self.user_id)
            .is_some_and(|waiter| waiter.voted)
    }
}

impl Drop for VoteWait {
    fn drop(&mut self) {
        let mut waiting = self.feed.waiting();
        if let Some(waiter) = waiting.get_mut(&self.user_id) {
            waiter.streams -= 1;
            if waiter.streams == 0 {
                waiting.remove(&self.user_id);
            }
        }
    }
}
