//! (ssr) Pages kept in memory as the server rendered them, so most page views are answered
//! without a render or a query:
//!
//! - for visitors without a session (`middleware`): the home page and its other pages, and a
//!   poll's results, the same for all of them;
//! - for signed-in viewers (`signed_in`): the same pages and the ballot, kept once for
//!   everyone who sees the same thing (`polls::viewer_class`), with their name cut out.
//!
//! A kept page is served only while nothing it shows can have changed (`server::freshness`:
//! the data version it was rendered at, which the live hub moves with every vote and poll
//! change of every instance, and the same second of the app clock), and only for the same
//! request: host (share links are made from it), path and query.
//!
//! Only a 200 HTML answer that sets no cookie is kept. Each answer gets a fresh CSP nonce
//! (`stored`). The requests that miss a page at once wait for one render (`in_flight`).

mod in_flight;
mod middleware;
mod signed_in;
mod stored;

pub use middleware::serve_from_cache;
pub use signed_in::serve_signed_in_from_cache;

use self::{
    in_flight::{until_done, InFlight, Rendering, Turn},
    stored::StoredPage,
};
use crate::server::{
    freshness::{Freshness, KeptCopies, Moment},
    metrics::Metrics,
};
use std::sync::Arc;

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    /// By `host path?query`, after the viewer's class for a signed-in page; at most
    /// `PAGE_CACHE_ENTRIES` (0 turns the cache off).
    pages: KeptCopies<String, StoredPage>,
    renders: InFlight,
    metrics: Metrics,
}

/// Who a page is for, as the metrics tell them apart.
#[derive(Clone, Copy)]
enum Viewer {
    Anonymous,
    SignedIn,
}

impl Viewer {
    fn label(self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::SignedIn => "signed_in",
        }
    }
}

/// What a lookup found: the page, or the turn to render it (none when another request
/// rendered it just now and did not keep it: then each renders its own, as without a cache).
enum Lookup<'a> {
    Kept(Arc<StoredPage>),
    Render(Option<Rendering<'a>>),
}

impl PageCache {
    pub fn new(capacity: usize, freshness: Freshness, metrics: Metrics) -> Self {
        Self(Arc::new(Inner {
            pages: KeptCopies::new(capacity, freshness),
            renders: InFlight::default(),
            metrics,
        }))
    }

    fn enabled(&self) -> bool {
        self.0.pages.capacity() > 0
    }

    fn freshness(&self) -> &Freshness {
        self.0.pages.freshness()
    }

    /// The kept page of `key`; if a render of it is under way, after that render.
    async fn lookup(&self, key: &str, viewer: Viewer) -> Lookup<'_> {
        let found = match self.0.pages.get(key) {
            Some(page) => Lookup::Kept(page),
            None => match self.0.renders.turn(key) {
                Turn::Render(rendering) => Lookup::Render(Some(rendering)),
                Turn::Wait(under_way) => {
                    until_done(under_way).await;
                    match self.0.pages.get(key) {
                        Some(page) => Lookup::Kept(page),
                        None => Lookup::Render(None),
                    }
                }
            },
        };
        let hit = matches!(found, Lookup::Kept(_));
        self.0.metrics.page_cache_answer(viewer.label(), hit);
        found
    }

    fn keep(&self, key: String, rendered: Moment, page: StoredPage) -> Arc<StoredPage> {
        self.0.pages.keep(key, rendered, page)
    }
}
