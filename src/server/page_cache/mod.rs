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

/// What a lookup found: the page, or the turn to render it (none when no page of the key was
/// kept before, or another request rendered it just now and did not keep it: then each
/// renders its own, as without a cache).
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

    /// The kept page of `key`. When a page of it was kept before (the second turned, or a
    /// vote landed) and a render is under way, after that render: every connection asking
    /// for a busy page misses it at once. A page that is never kept (a redirect, a sealed
    /// page) is rendered by each request, without waiting for another.
    async fn lookup(&self, key: &str, viewer: Viewer) -> Lookup<'_> {
        let pages = &self.0.pages;
        let found = match pages.get(key) {
            Some(page) => Lookup::Kept(page),
            None if !pages.was_kept(key) => Lookup::Render(None),
            None => match self.0.renders.turn(key) {
                // A render may have kept it between the look and the turn.
                Turn::Render(rendering) => match pages.get(key) {
                    Some(page) => Lookup::Kept(page),
                    None => Lookup::Render(Some(rendering)),
                },
                Turn::Wait(under_way) => {
                    until_done(under_way).await;
                    match pages.get(key) {
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

    /// The page of `key` was rendered and may not be kept (a poll hidden since, say): its old
    /// copy goes, so the next requests do not wait for each other's renders.
    fn not_kept(&self, key: &str) {
        self.0.pages.forget(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::clock::Clock;
    use axum::{
        body::Bytes,
        http::{header, HeaderMap, HeaderValue, StatusCode},
    };

    fn a_page() -> StoredPage {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        StoredPage::anonymous(StatusCode::OK, &headers, &Bytes::from_static(b"<p>hi</p>")).unwrap()
    }

    #[tokio::test]
    async fn the_misses_of_a_page_kept_before_wait_for_one_render() {
        let clock = Clock::default();
        clock.freeze();
        let freshness = Freshness::new(clock);
        let cache = PageCache::new(8, freshness.clone(), Metrics::default());
        // Never kept: each request renders, none waits.
        let (Lookup::Render(None), Lookup::Render(None)) = (
            cache.lookup("/new", Viewer::Anonymous).await,
            cache.lookup("/new", Viewer::Anonymous).await,
        ) else {
            panic!("a page never kept is rendered by each request");
        };

        cache.keep("/".to_owned(), freshness.now(), a_page());
        assert!(matches!(
            cache.lookup("/", Viewer::Anonymous).await,
            Lookup::Kept(_)
        ));
        freshness.invalidate();
        let Lookup::Render(Some(rendering)) = cache.lookup("/", Viewer::Anonymous).await else {
            panic!("the first miss renders");
        };
        let waiter = {
            let cache = cache.clone();
            tokio::spawn(async move {
                matches!(cache.lookup("/", Viewer::Anonymous).await, Lookup::Kept(_))
            })
        };
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished(), "the second waits for the render");
        cache.keep("/".to_owned(), freshness.now(), a_page());
        drop(rendering);
        assert!(waiter.await.unwrap(), "and is answered with its page");
    }
}
