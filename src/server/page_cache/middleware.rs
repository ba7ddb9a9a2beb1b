//! The layer that answers visitors without a session from the cache, or renders and keeps
//! the answer.

use super::{
    stored::{Fill, StoredPage},
    Lookup, PageCache, Viewer,
};
use crate::server::resilience::internal_error_page;
use axum::{
    body::{Body, Bytes},
    extract::{MatchedPath, Request, State},
    http::{header, response::Parts, Method},
    middleware::Next,
    response::Response,
};
use tower_sessions::cookie::Cookie;

/// The pages kept: the same for every visitor without a session.
const CACHED_ROUTES: [&str; 2] = ["/", "/polls/{id}/results"];

/// No page of this app comes near this (a full home page is about 30 KB): a larger body is
/// taken for a broken render and answered as an error.
const LARGEST_PAGE: usize = 4 * 1024 * 1024;

/// Outside the session layer: a page answered from here loads no session.
pub async fn serve_from_cache(
    State(cache): State<PageCache>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = cache_key(&cache, &request) else {
        return next.run(request).await;
    };
    let rendering = match cache.lookup(&key, Viewer::Anonymous).await {
        Lookup::Kept(page) => {
            let nonce = fresh_nonce();
            return answer(&page, &Fill::nonce_only(&nonce));
        }
        Lookup::Render(rendering) => rendering,
    };
    let rendered = cache.freshness().now();
    let Some((parts, bytes)) = whole(next.run(request).await).await else {
        return internal_error_page();
    };
    match StoredPage::anonymous(parts.status, &parts.headers, &bytes) {
        Some(page) => drop(cache.keep(key, rendered, page)),
        None => cache.not_kept(key, rendered),
    }
    // Only now: the waiters look again once the page is kept.
    drop(rendering);
    Response::from_parts(parts, Body::from(bytes))
}

/// A kept page, filled in.
pub(super) fn answer(page: &StoredPage, fill: &Fill) -> Response {
    page.answer(fill).unwrap_or_else(internal_error_page)
}

/// A rendered answer with its whole body; `None` (logged) when the render failed while it
/// streamed, or the page is larger than any we make.
pub(super) async fn whole(response: Response) -> Option<(Parts, Bytes)> {
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, LARGEST_PAGE).await {
        Ok(bytes) => Some((parts, bytes)),
        Err(error) => {
            tracing::error!(%error, "reading a rendered page failed");
            None
        }
    }
}

/// `anonymous host path?query` of a request whose page may be kept, `None` for any other.
/// (Signed-in keys start otherwise: a forged host cannot make one of these equal to one.)
fn cache_key(cache: &PageCache, request: &Request) -> Option<String> {
    if !cache.enabled() || request.method() != Method::GET || has_session_cookie(request) {
        return None;
    }
    let route = request.extensions().get::<MatchedPath>()?;
    if !CACHED_ROUTES.contains(&route.as_str()) {
        return None;
    }
    Some(format!("anonymous {}", host_and_path(request)?))
}

/// `host path?query`: what a kept page is for, after who it is for.
pub(super) fn host_and_path(request: &Request) -> Option<String> {
    // HTTP/2 names the host in the URI (as `request::origin` reads it).
    let host = request
        .headers()
        .get(header::HOST)
        .map(|value| value.as_bytes())
        .or_else(|| request.uri().authority().map(|a| a.as_str().as_bytes()))
        .unwrap_or_default();
    let path = request.uri().path_and_query()?.as_str();
    Some(format!("{} {path}", String::from_utf8_lossy(host)))
}

/// Any cookie that may be the session's, under either of its names (`sessions::layer`), read
/// as the session layer reads cookies: percent-decoded, so `pollstr%5Fsession` counts too. A
/// header that is not text may hold anything: it counts as a session.
fn has_session_cookie(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .any(|value| {
            let Ok(text) = value.to_str() else {
                return true;
            };
            Cookie::split_parse_encoded(text)
                .filter_map(Result::ok)
                .any(|cookie| cookie.name().ends_with("pollstr_session"))
        })
}

/// A nonce as Leptos makes one for a render (128 random bits).
pub(super) fn fresh_nonce() -> String {
    leptos::nonce::Nonce::new().to_string()
}
