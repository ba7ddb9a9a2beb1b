//! Renders under way, by key, so that the requests which miss the same page at once wait for
//! one render instead of each making its own. Every kept page goes out of date when the second
//! turns, so without this every connection asking for a busy page renders it at that moment,
//! and their answers are the slowest of all (the p99 of `make bench`).

use std::{
    collections::HashMap,
    sync::{Mutex, MutexGuard},
};
use tokio::sync::watch;

#[derive(Default)]
pub(super) struct InFlight(Mutex<HashMap<String, watch::Receiver<()>>>);

pub(super) enum Turn<'a> {
    /// No render of the key is under way: this request makes it.
    Render(Rendering<'a>),
    /// One is: the receiver hears when it ends (kept, not kept, or cancelled).
    Wait(watch::Receiver<()>),
}

/// The render of one key under way; dropping it (the render ended, however) wakes the
/// requests that wait for it.
pub(super) struct Rendering<'a> {
    renders: &'a InFlight,
    key: String,
    done: watch::Receiver<()>,
    _waking: watch::Sender<()>,
}

impl InFlight {
    pub(super) fn turn(&self, key: &str) -> Turn<'_> {
        let mut renders = self.renders();
        if let Some(under_way) = renders.get(key) {
            return Turn::Wait(under_way.clone());
        }
        let (waking, done) = watch::channel(());
        renders.insert(key.to_owned(), done.clone());
        Turn::Render(Rendering {
            renders: self,
            key: key.to_owned(),
            done,
            _waking: waking,
        })
    }

    fn renders(&self) -> MutexGuard<'_, HashMap<String, watch::Receiver<()>>> {
        // Each change is one insert or removal: nothing half-done to see after a panic.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for Rendering<'_> {
    fn drop(&mut self) {
        let mut renders = self.renders.renders();
        if renders
            .get(&self.key)
            .is_some_and(|entry| entry.same_channel(&self.done))
        {
            renders.remove(&self.key);
        }
        // The sender goes after this: the waiters wake to a map without this render.
    }
}

/// Until the render `under_way` ends.
pub(super) async fn until_done(mut under_way: watch::Receiver<()>) {
    // Nothing is ever sent: `changed` returns when the sender is dropped.
    while under_way.changed().await.is_ok() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_request_renders_and_the_others_wait_until_it_ends() {
        let renders = InFlight::default();
        let Turn::Render(first) = renders.turn("/") else {
            panic!("nothing was under way");
        };
        let Turn::Wait(waiting) = renders.turn("/") else {
            panic!("the first render is under way");
        };
        assert!(matches!(renders.turn("/other"), Turn::Render(_)));
        let waiter = tokio::spawn(until_done(waiting));
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        drop(first);
        waiter.await.unwrap();
        assert!(
            matches!(renders.turn("/"), Turn::Render(_)),
            "the ended render left nothing behind"
        );
    }
}
