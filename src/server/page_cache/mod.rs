//! (ssr) Pages that anyone may see, kept in memory as the server rendered them, so a visitor
//! with no session is answered without a render or a query: the home page and its other
//! pages, and a poll's results.
//!
//! A kept page is served only while nothing it shows can have changed:
//! - the data version is the one it was rendered at. Every change that shows on a page
//!   moves it, through the live hub, which hears of each one: the votes and poll changes of
//!   this instance as they commit, and those of every instance from PostgreSQL's
//!   `pg_notify` (and all at once after the listener was away);
//! - it is the same second on the app clock: what a page says about time ("closes in 2
//!   hours", which polls are open) is worked out to the second, and a change made outside the
//!   app (a `pollstr admin` command) shows within one;
//! - the request is the same: host (share links are made from it), path and query.
//!
//! Only a request without a session cookie is served from here or kept, and only a 200 HTML
//! answer that sets no cookie. Each answer gets a fresh CSP nonce (`stored`).

mod middleware;
mod stored;

pub use middleware::serve_from_cache;

use self::stored::StoredPage;
use crate::server::{clock::Clock, metrics::Metrics};
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, MutexGuard,
    },
};

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    /// The most pages kept (`PAGE_CACHE_ENTRIES`); 0 turns the cache off.
    capacity: usize,
    version: AtomicU64,
    clock: Clock,
    metrics: Metrics,
    pages: Mutex<HashMap<String, Arc<StoredPage>>>,
}

/// When a page was rendered: it is good while both are still current.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Moment {
    version: u64,
    second: i64,
}

impl PageCache {
    pub fn new(capacity: usize, clock: Clock, metrics: Metrics) -> Self {
        Self(Arc::new(Inner {
            capacity,
            version: AtomicU64::new(0),
            clock,
            metrics,
            pages: Mutex::default(),
        }))
    }

    /// Something a page may show changed (committed): every kept page is out of date.
    pub fn invalidate(&self) {
        self.0.version.fetch_add(1, Ordering::AcqRel);
    }

    fn enabled(&self) -> bool {
        self.0.capacity > 0
    }

    /// Taken before a render starts: a change committed during the render makes the page
    /// out of date as soon as it is kept.
    fn now(&self) -> Moment {
        Moment {
            version: self.0.version.load(Ordering::Acquire),
            second: self.0.clock.now(),
        }
    }

    fn get(&self, key: &str) -> Option<Arc<StoredPage>> {
        let page = self
            .pages()
            .get(key)
            .filter(|page| page.rendered == self.now())
            .cloned();
        self.0.metrics.page_cache_answer(page.is_some());
        page
    }

    fn keep(&self, key: String, page: StoredPage) {
        let mut pages = self.pages();
        if pages.len() >= self.0.capacity && !pages.contains_key(&key) {
            // Bounded: forged hosts or endless queries can only push other pages out.
            let out_of_date: Vec<String> = pages
                .iter()
                .filter(|(_, kept)| kept.rendered != page.rendered)
                .map(|(key, _)| key.clone())
                .collect();
            if out_of_date.is_empty() {
                pages.clear();
            } else {
                for key in out_of_date {
                    pages.remove(&key);
                }
            }
        }
        pages.insert(key, Arc::new(page));
    }

    fn pages(&self) -> MutexGuard<'_, HashMap<String, Arc<StoredPage>>> {
        // Each change is one insert or remove: nothing half-done to see after a panic.
        self.0.pages.lock().unwrap_or_else(|p| p.into_inner())
    }
}
