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
//! Only a 200 HTML answer that sets no cookie is kept (a signed-in one only with the name's
//! stand-in in it, and when its render wrote nothing to the session). Each answer gets a
//! fresh CSP nonce (`stored`). The requests that miss a page at once wait for one render
//! (`in_flight`), unless its last render could not be kept.

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
    /// The keys whose last render could not be kept (a redirect, a sealed page), by the same
    /// rule: until the moment moves on, their requests render without waiting for another's.
    unkept: KeptCopies<String, ()>,
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

/// What a lookup found: the page, or the turn to render it (none when the key's last render
/// could not be kept, or another request rendered it just now and did not keep it: then each
/// renders its own, as without a cache).
enum Lookup<'a> {
    Kept(Arc<StoredPage>),
    Render(Option<Rendering<'a>>),
}

impl PageCache {
    pub fn new(capacity: usize, freshness: Freshness, metrics: Metrics) -> Self {
        Self(Arc::new(Inner {
            pages: KeptCopies::new(capacity, freshness.clone()),
            unkept: KeptCopies::new(capacity, freshness),
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

    /// The kept page of `key`; when a render of it is under way, after that render (every
    /// kept page goes out of date when the second turns, and every connection asking for a
    /// busy page misses it at once). A page whose last render was not kept is rendered by each
    /// request without waiting, until the moment moves on.
    async fn lookup(&self, key: &str, viewer: Viewer) -> Lookup<'_> {
        let pages = &self.0.pages;
        let found = match pages.get(key) {
            Some(page) => Lookup::Kept(page),
            None if self.0.unkept.get(key).is_some() => Lookup::Render(None),
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

    /// The page of `key`, rendered at `rendered`, could not be kept: the next requests of
    /// that moment render without waiting for each other.
    fn not_kept(&self, key: String, rendered: Moment) {
        self.0.unkept.keep(key, rendered, ());
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
    use std::time::Duration;

    fn a_page() -> StoredPage {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        StoredPage::anonymous(StatusCode::OK, &headers, &Bytes::from_static(b"<p>hi</p>")).unwrap()
    }

    /// A lookup that would wait for a render no one ends fails here instead of hanging.
    async fn look<'a>(cache: &'a PageCache, key: &str) -> Lookup<'a> {
        tokio::time::timeout(Duration::from_secs(5), cache.lookup(key, Viewer::Anonymous))
            .await
            .expect("a lookup that does not wait")
    }

    #[tokio::test]
    async fn the_misses_of_a_page_wait_for_one_render_unless_it_could_not_be_kept() {
        let clock = Clock::default();
        clock.freeze();
        let freshness = Freshness::new(clock);
        let cache = PageCache::new(8, freshness.clone(), Metrics::default());

        let Lookup::Render(Some(rendering)) = look(&cache, "/").await else {
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
        assert!(matches!(look(&cache, "/").await, Lookup::Kept(_)));

        // A page that could not be kept: the next requests render without waiting.
        let Lookup::Render(Some(rendering)) = look(&cache, "/sealed").await else {
            panic!("the first miss renders");
        };
        cache.not_kept("/sealed".to_owned(), freshness.now());
        let Lookup::Render(None) = look(&cache, "/sealed").await else {
            panic!("no turn to wait for");
        };
        drop(rendering);
        // Until the moment moves on: then one render again for all.
        freshness.invalidate();
        assert!(matches!(
            look(&cache, "/sealed").await,
            Lookup::Render(Some(_))
        ));
    }
}
