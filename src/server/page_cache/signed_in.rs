//! The layer that answers signed-in viewers from the cache: a page is rendered once for each
//! class of viewer (`polls::viewer_class`: what the page shows differently from one viewer to
//! another), with a random stand-in for the viewer's name, and each answer puts its viewer's
//! own name where the stand-in stood. The stand-in is random for each render, so no text a
//! user wrote can be taken for it.
//!
//! Inside the auth layer: it needs the user and the session, which come from the request rows
//! kept for the second (`server::request_rows`); only GET is answered from here.

use super::{
    middleware::{answer, fresh_nonce, host_and_path, whole},
    stored::{Fill, StoredPage},
    Lookup, PageCache, Viewer,
};
use crate::{
    accounts::backend::{AuthSession, User},
    polls::viewer_class::{viewer_class, ClassReads, ViewerClass, ROUTES},
    server::{freshness::Moment, resilience::internal_error_page, state::AppState},
};
use axum::{
    body::{Body, Bytes},
    extract::{MatchedPath, Request, State},
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::Response,
};
use tower_sessions::Session;

pub async fn serve_signed_in_from_cache(
    State((cache, state)): State<(PageCache, AppState)>,
    mut request: Request,
    next: Next,
) -> Response {
    // Taken before the class is read: a change while it is read or the page rendered makes
    // the page out of date before it is kept.
    let rendered = cache.freshness().now();
    let Some(asked) = asked(&cache, &request) else {
        return next.run(request).await;
    };
    let session = asked.session.clone();
    let Some(Keyed { key, name, reads }) = cache_key(&state, asked).await else {
        return next.run(request).await;
    };
    // A render of the page reads what the class was read from (`polls::viewer_class`).
    if let Some(reads) = reads {
        request.extensions_mut().insert(reads);
    }
    let rendering = match cache.lookup(&key, Viewer::SignedIn).await {
        Lookup::Kept(page) => {
            let nonce = fresh_nonce();
            let fill = Fill {
                nonce: &nonce,
                name: &name,
            };
            if cfg!(debug_assertions) {
                return checked(&cache, rendered, &page, &fill, request, next).await;
            }
            return answer(&page, &fill);
        }
        Lookup::Render(rendering) => rendering,
    };
    let stand_in = format!("{:032x}", rand::random::<u128>());
    let Some(user) = request
        .extensions_mut()
        .get_mut::<AuthSession>()
        .and_then(|auth| auth.user.as_mut())
    else {
        return internal_error_page();
    };
    user.username.clone_from(&stand_in);
    let Some((mut parts, bytes)) = whole(next.run(request).await).await else {
        return internal_error_page();
    };
    // A render that wrote the session (none of these pages does) must run for each request.
    let kept = (!session.is_modified())
        .then(|| StoredPage::signed_in(parts.status, &parts.headers, &bytes, &stand_in))
        .flatten();
    if let Some(page) = kept {
        let page = cache.keep(key, rendered, page);
        drop(rendering);
        let nonce = fresh_nonce();
        let fill = Fill {
            nonce: &nonce,
            name: &name,
        };
        return answer(&page, &fill);
    }
    cache.not_kept(key, rendered);
    // Not kept (a redirect, a sealed page, an error): this viewer's name where it stood.
    parts.headers.remove(header::CONTENT_LENGTH);
    for value in parts.headers.values_mut() {
        let filled = replaced(value.as_bytes(), &stand_in, &name);
        if filled != value.as_bytes() {
            let Ok(filled) = HeaderValue::from_bytes(&filled) else {
                tracing::error!("a header of a signed-in page holds the name's stand-in");
                return internal_error_page();
            };
            *value = filled;
        }
    }
    Response::from_parts(parts, Body::from(replaced(&bytes, &stand_in, &name)))
}

/// What a signed-in GET of a kept route is keyed by, taken out of the request (which is not
/// `Sync`: no reference to it may be held across the reads of the class).
struct Asked {
    route: &'static str,
    user: User,
    session: Session,
    path: String,
    /// `host path?query`.
    page: String,
}

/// `None` for any request but a signed-in GET of a kept route.
fn asked(cache: &PageCache, request: &Request) -> Option<Asked> {
    if !cache.enabled() || request.method() != Method::GET {
        return None;
    }
    let matched = request.extensions().get::<MatchedPath>()?.as_str();
    let route = *ROUTES.iter().find(|route| **route == matched)?;
    let auth = request.extensions().get::<AuthSession>()?;
    let user = auth.user.clone()?;
    // Only the characters a username may have (`domain::Username`): each reads the same in
    // HTML and in JSON, so the name needs no escaping in its holes. An older name is rendered.
    if !user
        .username
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '@' | '.' | '+' | '-' | '_'))
    {
        return None;
    }
    Some(Asked {
        route,
        user,
        session: auth.session.clone(),
        path: request.uri().path().to_owned(),
        page: host_and_path(request)?,
    })
}

/// A signed-in page's key (`signed-in <class> host path?query`), the viewer's name, and what
/// the class was read from.
struct Keyed {
    key: String,
    name: String,
    reads: Option<ClassReads>,
}

/// `None` when the page is not kept for this viewer.
async fn cache_key(state: &AppState, asked: Asked) -> Option<Keyed> {
    let Asked {
        route,
        user,
        session,
        path,
        page,
    } = asked;
    let ViewerClass { class, reads } = viewer_class(state, &user, &session, route, &path).await?;
    Some(Keyed {
        key: format!("signed-in {class} {page}"),
        name: user.username,
        reads,
    })
}

/// (Debug builds.) The kept page, after checking it against a fresh render for this viewer
/// (of the same moment; after a change the fresh render is the answer):
/// a kept page that differs from it was rendered for a class that misses something the page
/// reads of its viewer (`polls::viewer_class`), and is answered as an error, so that the
/// test suites cannot miss it.
async fn checked(
    cache: &PageCache,
    looked_up: Moment,
    page: &StoredPage,
    fill: &Fill<'_>,
    request: Request,
    next: Next,
) -> Response {
    let Some((parts, fresh)) = whole(next.run(request).await).await else {
        return internal_error_page();
    };
    let kept = page.answer(fill).map(|response| response.into_body());
    let Some(kept) = kept else {
        return internal_error_page();
    };
    let Ok(kept) = axum::body::to_bytes(kept, usize::MAX).await else {
        return internal_error_page();
    };
    // Only a render of the same moment must match (a vote may have landed since).
    if !cache.freshness().is_current(looked_up) {
        return Response::from_parts(parts, Body::from(fresh));
    }
    let fresh_nonce = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|policy| policy.to_str().ok())
        .and_then(super::stored::nonce_of)
        .unwrap_or_default()
        .to_owned();
    let fresh = replaced(&fresh, &fresh_nonce, fill.nonce);
    if fresh != kept {
        let at = fresh
            .iter()
            .zip(kept.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |text: &[u8]| {
            String::from_utf8_lossy(&text[at.saturating_sub(80)..(at + 80).min(text.len())])
                .into_owned()
        };
        tracing::error!(
            fresh = around(&fresh),
            kept = around(&kept),
            "a page kept for a class of signed-in viewers differs from its render for one of them"
        );
        return internal_error_page();
    }
    // The answer from memory itself, as a release build sends it (its policy names the nonce
    // its scripts carry).
    answer(page, fill)
}

/// `text` with every `from` replaced by `to`.
fn replaced(text: &[u8], from: &str, to: &str) -> Bytes {
    if from.is_empty() {
        return Bytes::copy_from_slice(text);
    }
    let from = from.as_bytes();
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.windows(from.len()).position(|window| window == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to.as_bytes());
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::replaced;

    #[test]
    fn every_stand_in_is_replaced() {
        assert_eq!(&replaced(b"aXXbXX", "XX", "name")[..], b"anamebname");
        assert_eq!(&replaced(b"none here", "XX", "name")[..], b"none here");
        assert_eq!(&replaced(b"abc", "", "name")[..], b"abc");
    }
}
