//! (ssr) Defences every response and every state-changing request goes through: a body
//! limit, security headers with a nonce-based Content-Security-Policy for pages, and the
//! refusal of cross-site writes (CSRF), on top of the session cookie's SameSite=Lax.

use super::state::AppState;
use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::prelude::use_context;

/// No form of this app comes near this; anything larger is refused before it is read.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Called by leptos_axum while it renders a page: scripts run only with this response's
/// nonce (the hydration scripts carry it), WebAssembly may compile, nothing else inline.
pub fn provide_page_csp() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // cargo-leptos' live reload talks over a websocket in development.
    let reload = use_context::<AppState>()
        .filter(|state| matches!(state.leptos.env, leptos::config::Env::DEV))
        .map(|state| {
            format!(
                " ws://{}:{}",
                state.leptos.site_addr.ip(),
                state.leptos.reload_port
            )
        })
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'{reload}; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Headers for every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Refuses a state-changing request that a browser says comes from another site. Requests
/// with no browser signal at all (command-line clients) carry no victim's cookies and pass.
pub async fn refuse_cross_site_writes(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(request.headers()) {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site write refused");
        return (StatusCode::FORBIDDEN, "Cross-site requests are refused.").into_response();
    }
    next.run(request).await
}

/// `Origin` first, then `Sec-Fetch-Site`, then `Referer`, each compared with `Host`.
fn is_cross_site(headers: &HeaderMap) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(host) = text(header::HOST) else {
        return true;
    };
    if let Some(origin) = text(header::ORIGIN) {
        return authority(origin) != Some(host);
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    if let Some(referer) = text(header::REFERER) {
        return authority(referer) != Some(host);
    }
    false
}

/// `host:port` of an absolute http(s) URL; `None` for anything else (`null`, other schemes).
pub(crate) fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty() && !a.contains('@'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn same_site_requests_pass_and_other_sites_are_refused() {
        let host = ("host", "127.0.0.1:3000");
        assert!(!is_cross_site(&headers(&[
            host,
            ("origin", "http://127.0.0.1:3000")
        ])));
        assert!(!is_cross_site(&headers(&[
            host,
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(!is_cross_site(&headers(&[
            host,
            ("referer", "http://127.0.0.1:3000/login?next=/")
        ])));
        assert!(
            !is_cross_site(&headers(&[host])),
            "a client that is not a browser"
        );
        for cross in [
            headers(&[host, ("origin", "https://evil.example")]),
            headers(&[host, ("origin", "null")]),
            headers(&[host, ("origin", "http://127.0.0.1:3000.evil.example")]),
            headers(&[host, ("sec-fetch-site", "cross-site")]),
            headers(&[host, ("sec-fetch-site", "same-site")]),
            headers(&[host, ("referer", "https://evil.example/page")]),
            headers(&[host, ("referer", "http://127.0.0.1:3000@evil.example/")]),
            headers(&[("origin", "http://127.0.0.1:3000")]),
        ] {
            assert!(is_cross_site(&cross), "{cross:?}");
        }
    }
}
