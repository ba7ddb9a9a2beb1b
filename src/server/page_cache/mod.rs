//! (ssr) Pages that anyone may see, kept in memory as the server rendered them, so a visitor
//! with no session is answered without a render or a query: the home page and its other
//! pages, and a poll's results.
//!
//! A kept page is served only while nothing it shows can have changed (`server::freshness`:
//! the data version it was rendered at, which the live hub moves with every vote and poll
//! change of every instance, and the same second of the app clock), and only for the same
//! request: host (share links are made from it), path and query.
//!
//! Only a request without a session cookie is served from here or kept, and only a 200 HTML
//! answer that sets no cookie. Each answer gets a fresh CSP nonce (`stored`).

mod middleware;
mod stored;

pub use middleware::serve_from_cache;

use self::stored::StoredPage;
use crate::server::{
    freshness::{Freshness, KeptCopies, Moment},
    metrics::Metrics,
};
use std::sync::Arc;

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    /// By `host path?query`; at most `PAGE_CACHE_ENTRIES` (0 turns the cache off).
    pages: KeptCopies<String, StoredPage>,
    metrics: Metrics,
}

impl PageCache {
    pub fn new(capacity: usize, freshness: Freshness, metrics: Metrics) -> Self {
        Self(Arc::new(Inner {
            pages: KeptCopies::new(capacity, freshness),
            metrics,
        }))
    }

    fn enabled(&self) -> bool {
        self.0.pages.capacity() > 0
    }

    fn freshness(&self) -> &Freshness {
        self.0.pages.freshness()
    }

    fn get(&self, key: &str) -> Option<Arc<StoredPage>> {
        let page = self.0.pages.get(key);
        self.0.metrics.page_cache_answer(page.is_some());
        page
    }

    fn keep(&self, key: String, rendered: Moment, page: StoredPage) {
        self.0.pages.keep(key, rendered, page);
    }
}
