//! A form post over the body limit, answered as server_fn answers any refusal, so the form
//! says what happened instead of the browser showing a bare "413" page: a plain form post is
//! sent back to its page with the error in the URL, a JavaScript call gets the error as JSON.

use crate::{domain::NextPath, error::AppError, server::security::authority};
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::{
    error::{FromServerFnError, ServerFnUrlError},
    ContentType,
};

/// Where server functions are served (`#[server(endpoint = …)]` under the default prefix).
const SERVER_FN_PREFIX: &str = "/api/";
/// The header server_fn puts on its error answers, which its client reads them by.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

pub async fn too_large_is_a_form_error(request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.uri().path().starts_with(SERVER_FN_PREFIX) {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let plain_form_post = accepts_html(request.headers());
    let back_to = same_site_referer_path(request.headers());
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    tracing::info!(%path, "form post over the body limit refused");
    let mut answer = if plain_form_post {
        // 302, as server_fn answers every plain form post.
        let Ok(location) = HeaderValue::from_str(&with_error(&back_to, &path)) else {
            return response;
        };
        (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
    } else {
        let mut answer = (
            StatusCode::PAYLOAD_TOO_LARGE,
            Body::from(AppError::TooLarge.ser()),
        )
            .into_response();
        let headers = answer.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(<AppError as FromServerFnError>::Encoder::CONTENT_TYPE),
        );
        // As server_fn marks its own error answers: with the function's path.
        if let Ok(path) = HeaderValue::from_str(&path) {
            headers.insert(SERVER_FN_ERROR_HEADER, path);
        }
        answer
    };
    // The body was left unread, so the connection cannot carry another request: a client
    // that reused it would find it closed under its next one.
    answer
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    answer
}

/// What server_fn reads to tell a browser's own form post (JavaScript off) from a JavaScript
/// call: `Accept: text/html`. The request context asks the same.
pub fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The path and query of a `Referer` on this site, else `/`: the answer must not send anyone
/// to another site (this runs before the cross-site check).
fn same_site_referer_path(headers: &HeaderMap) -> String {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let (Some(referer), Some(host)) = (text(header::REFERER), text(header::HOST)) else {
        return "/".to_owned();
    };
    if authority(referer) != Some(host) {
        return "/".to_owned();
    }
    let after_scheme = &referer[referer.find("://").map_or(0, |at| at + 3)..];
    let path = &after_scheme[host.len()..];
    NextPath::parse(path).as_str().to_owned()
}

/// `back_to` with the error in its query, as server_fn writes it for the page's action to
/// read; checked once more as a local path, whatever `Url` made of it.
fn with_error(back_to: &str, server_fn_path: &str) -> String {
    // `to_url` needs an absolute base; only the path and query are kept.
    let base = format!("http://localhost{back_to}");
    let Ok(url) = ServerFnUrlError::new(server_fn_path, AppError::TooLarge).to_url(&base) else {
        return "/".to_owned();
    };
    let location = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    NextPath::parse(&location).as_str().to_owned()
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
    fn only_a_referer_on_this_site_is_gone_back_to() {
        let host = ("host", "127.0.0.1:3000");
        let back = |referer| same_site_referer_path(&headers(&[host, ("referer", referer)]));
        assert_eq!(
            back("http://127.0.0.1:3000/polls/new?x=1"),
            "/polls/new?x=1"
        );
        assert_eq!(back("https://evil.example/polls/new"), "/");
        assert_eq!(back("http://127.0.0.1:3000.evil.example/"), "/");
        assert_eq!(back("http://127.0.0.1:3000//evil.example/"), "/");
        assert_eq!(back("http://127.0.0.1:3000/\\evil.example/"), "/");
        assert_eq!(same_site_referer_path(&headers(&[host])), "/");
    }

    #[test]
    fn the_error_rides_in_the_query_as_server_fn_puts_it() {
        let location = with_error("/polls/new?a=b", "/api/create_poll");
        assert!(
            location.starts_with("/polls/new?a=b&__path=%2Fapi%2Fcreate_poll&__err="),
            "{location}"
        );
        let encoded = location.split("__err=").nth(1).unwrap();
        let decoded = ServerFnUrlError::<AppError>::decode_err(&percent_decode(encoded));
        assert_eq!(decoded, AppError::TooLarge);
    }

    fn percent_decode(text: &str) -> String {
        percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }
}
