//! A kept page: its headers and body as rendered, cut where the render's CSP nonce stood, so
//! each answer carries a nonce of its own (a nonce seen once must not let a script run on
//! another answer).

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::Response,
};

pub(super) struct StoredPage {
    status: StatusCode,
    /// Every header but the policy, which carries the nonce.
    headers: HeaderMap,
    policy: Option<Cut>,
    body: Cut,
}

/// A text without its nonce: the pieces between the places it stood.
struct Cut(Vec<Bytes>);

impl Cut {
    fn new(text: &Bytes, nonce: Option<&str>) -> Option<Self> {
        let Some(nonce) = nonce else {
            return Some(Self(vec![text.clone()]));
        };
        let as_text = std::str::from_utf8(text).ok()?;
        let mut pieces = Vec::new();
        let mut start = 0;
        for (at, _) in as_text.match_indices(nonce) {
            pieces.push(text.slice(start..at));
            start = at + nonce.len();
        }
        pieces.push(text.slice(start..));
        Some(Self(pieces))
    }

    fn with(&self, nonce: &str) -> Bytes {
        if let [only] = self.0.as_slice() {
            return only.clone();
        }
        let length = self.0.iter().map(Bytes::len).sum::<usize>() + nonce.len() * self.0.len();
        let mut joined = Vec::with_capacity(length);
        for (i, piece) in self.0.iter().enumerate() {
            if i > 0 {
                joined.extend_from_slice(nonce.as_bytes());
            }
            joined.extend_from_slice(piece);
        }
        joined.into()
    }
}

impl StoredPage {
    /// The page to keep, or `None` when it must not be: it is not a 200 HTML answer, it sets
    /// a cookie, it was rendered for a signed-in person (`resilience::cache_control` marks
    /// those `no-store`, whatever the request looked like), or its nonce cannot be told apart.
    pub(super) fn new(status: StatusCode, headers: &HeaderMap, body: &Bytes) -> Option<Self> {
        let html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        let private = headers.get_all(header::CACHE_CONTROL).iter().any(|value| {
            value
                .to_str()
                .map_or(true, |v| v.contains("no-store") || v.contains("private"))
        });
        if status != StatusCode::OK || !html || private || headers.contains_key(header::SET_COOKIE)
        {
            return None;
        }
        let policy = headers.get(header::CONTENT_SECURITY_POLICY);
        let nonce = match policy {
            Some(value) => nonce_of(value.to_str().ok()?),
            None => None,
        };
        let mut kept = headers.clone();
        kept.remove(header::CONTENT_SECURITY_POLICY);
        kept.remove(header::CONTENT_LENGTH);
        Some(Self {
            status,
            headers: kept,
            policy: match policy {
                Some(value) => Some(Cut::new(&Bytes::copy_from_slice(value.as_bytes()), nonce)?),
                None => None,
            },
            body: Cut::new(body, nonce)?,
        })
    }

    /// The page again, with `nonce` where the render's stood; `None` if its policy cannot be
    /// written (never sent without one).
    pub(super) fn answer(&self, nonce: &str) -> Option<Response> {
        let mut response = Response::new(Body::from(self.body.with(nonce)));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        if let Some(policy) = &self.policy {
            let value = HeaderValue::from_maybe_shared(policy.with(nonce)).ok()?;
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
        Some(response)
    }
}

/// `abc` of `script-src 'nonce-abc'`.
fn nonce_of(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|nonce| !nonce.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(policy: &str, body: &str) -> StoredPage {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(policy).unwrap(),
        );
        StoredPage::new(
            StatusCode::OK,
            &headers,
            &Bytes::copy_from_slice(body.as_bytes()),
        )
        .expect("kept")
    }

    async fn text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn every_place_of_the_old_nonce_gets_the_new_one() {
        let kept = page(
            "script-src 'self' 'nonce-OLD1' 'wasm-unsafe-eval'",
            "<script nonce=\"OLD1\">a</script><p>OLD</p><script nonce=\"OLD1\">b</script>",
        );
        let answer = kept.answer("NEW2").expect("a policy");
        assert_eq!(
            answer.headers()[header::CONTENT_SECURITY_POLICY],
            "script-src 'self' 'nonce-NEW2' 'wasm-unsafe-eval'"
        );
        assert_eq!(
            text(answer).await,
            "<script nonce=\"NEW2\">a</script><p>OLD</p><script nonce=\"NEW2\">b</script>"
        );
    }

    #[test]
    fn only_a_plain_html_answer_is_kept() {
        let body = Bytes::from_static(b"<p>hi</p>");
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        assert!(StoredPage::new(StatusCode::OK, &headers, &body).is_some());
        assert!(StoredPage::new(StatusCode::NOT_FOUND, &headers, &body).is_none());
        let mut cookie = headers.clone();
        cookie.insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        assert!(StoredPage::new(StatusCode::OK, &cookie, &body).is_none());
        let mut signed_in = headers.clone();
        signed_in.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert!(StoredPage::new(StatusCode::OK, &signed_in, &body).is_none());
        let mut json = HeaderMap::new();
        json.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        assert!(StoredPage::new(StatusCode::OK, &json, &body).is_none());
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        assert_eq!(nonce_of("script-src 'nonce-abc_-1' 'self'"), Some("abc_-1"));
        assert_eq!(nonce_of("script-src 'self'"), None);
        assert_eq!(nonce_of("script-src 'nonce-'"), None);
    }
}
