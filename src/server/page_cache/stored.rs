//! A kept page: its headers and body as rendered, cut where the render's CSP nonce stood, so
//! each answer carries a nonce of its own (a nonce seen once must not let a script run on
//! another answer), and, for a signed-in viewer's page, where their name stood (rendered as a
//! stand-in, `signed_in`), so the page can be answered to anyone who sees the same thing.

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

/// What an answer puts in the holes of a kept page.
pub(super) struct Fill<'a> {
    pub nonce: &'a str,
    /// The viewer's name, for a page kept with a stand-in; none for a page without one.
    pub name: &'a str,
}

impl<'a> Fill<'a> {
    pub fn nonce_only(nonce: &'a str) -> Self {
        Self { nonce, name: "" }
    }
}

/// What a render put in the holes: the marks to cut at.
struct Marks<'a> {
    nonce: Option<&'a str>,
    name: Option<&'a str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hole {
    Nonce,
    Name,
}

/// A text without its nonce (and name): the pieces between the places they stood.
struct Cut {
    pieces: Vec<Bytes>,
    /// Between `pieces[i]` and `pieces[i + 1]`.
    holes: Vec<Hole>,
}

impl Cut {
    fn new(text: &Bytes, marks: &Marks) -> Option<Self> {
        let marks = [(marks.nonce, Hole::Nonce), (marks.name, Hole::Name)];
        if marks.iter().all(|(mark, _)| mark.is_none()) {
            return Some(Self {
                pieces: vec![text.clone()],
                holes: Vec::new(),
            });
        }
        let as_text = std::str::from_utf8(text).ok()?;
        let mut found: Vec<(usize, usize, Hole)> = marks
            .iter()
            .filter_map(|(mark, hole)| Some((mark.filter(|m| !m.is_empty())?, *hole)))
            .flat_map(|(mark, hole)| {
                as_text
                    .match_indices(mark)
                    .map(move |(at, _)| (at, mark.len(), hole))
            })
            .collect();
        found.sort_by_key(|(at, _, _)| *at);
        let (mut pieces, mut holes, mut start) = (Vec::new(), Vec::new(), 0);
        for (at, length, hole) in found {
            // Random marks cannot overlap; if they ever did, the page is not kept.
            if at < start {
                return None;
            }
            pieces.push(text.slice(start..at));
            holes.push(hole);
            start = at + length;
        }
        pieces.push(text.slice(start..));
        Some(Self { pieces, holes })
    }

    fn with(&self, fill: &Fill) -> Bytes {
        if let [only] = self.pieces.as_slice() {
            return only.clone();
        }
        let filling = |hole: &Hole| match hole {
            Hole::Nonce => fill.nonce,
            Hole::Name => fill.name,
        };
        let length = self.pieces.iter().map(Bytes::len).sum::<usize>()
            + self.holes.iter().map(|h| filling(h).len()).sum::<usize>();
        let mut joined = Vec::with_capacity(length);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                joined.extend_from_slice(filling(&self.holes[i - 1]).as_bytes());
            }
            joined.extend_from_slice(piece);
        }
        joined.into()
    }
}

impl StoredPage {
    /// The page to keep for visitors without a session, or `None` when it must not be: it is
    /// not a 200 HTML answer, it sets a cookie, it was rendered for a signed-in person
    /// (`resilience::cache_control` marks those `no-store`, whatever the request looked
    /// like), or its nonce cannot be told apart.
    pub(super) fn anonymous(status: StatusCode, headers: &HeaderMap, body: &Bytes) -> Option<Self> {
        let private = headers.get_all(header::CACHE_CONTROL).iter().any(|value| {
            value
                .to_str()
                .map_or(true, |v| v.contains("no-store") || v.contains("private"))
        });
        if private {
            return None;
        }
        Self::new(status, headers, body, None)
    }

    /// The page of a signed-in viewer, rendered with `stand_in` for their name, to keep for
    /// everyone who sees the same (`signed_in`); `None` as for `anonymous`, but a `no-store`
    /// page is what it is for (that header is for the browser's caches, and stays). A page
    /// without the stand-in is not kept either: its nav could not read who is signed in, and
    /// says "Log in" (an error of one request, not of the class).
    pub(super) fn signed_in(
        status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
        stand_in: &str,
    ) -> Option<Self> {
        Self::new(status, headers, body, Some(stand_in))
            .filter(|page| page.body.holes.iter().any(|h| matches!(h, Hole::Name)))
    }

    fn new(
        status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
        name: Option<&str>,
    ) -> Option<Self> {
        let html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        if status != StatusCode::OK || !html || headers.contains_key(header::SET_COOKIE) {
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
        // A header that carries the name would need a hole of its own: no page of ours has one.
        if name.is_some_and(|name| {
            kept.values()
                .any(|value| String::from_utf8_lossy(value.as_bytes()).contains(name))
        }) {
            return None;
        }
        let only_nonce = Marks { nonce, name: None };
        Some(Self {
            status,
            headers: kept,
            policy: match policy {
                Some(value) => Some(Cut::new(
                    &Bytes::copy_from_slice(value.as_bytes()),
                    &only_nonce,
                )?),
                None => None,
            },
            body: Cut::new(body, &Marks { nonce, name })?,
        })
    }

    /// The page again, filled in; `None` if its policy cannot be written (never sent without
    /// one).
    pub(super) fn answer(&self, fill: &Fill) -> Option<Response> {
        let mut response = Response::new(Body::from(self.body.with(fill)));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        if let Some(policy) = &self.policy {
            let value = HeaderValue::from_maybe_shared(policy.with(fill)).ok()?;
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
        Some(response)
    }
}

/// `abc` of `script-src 'nonce-abc'`.
pub(super) fn nonce_of(policy: &str) -> Option<&str> {
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
        StoredPage::anonymous(
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
        let answer = kept
            .answer(&Fill {
                nonce: "NEW2",
                name: "",
            })
            .expect("a policy");
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
        assert!(StoredPage::anonymous(StatusCode::OK, &headers, &body).is_some());
        assert!(StoredPage::anonymous(StatusCode::NOT_FOUND, &headers, &body).is_none());
        let mut cookie = headers.clone();
        cookie.insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        assert!(StoredPage::anonymous(StatusCode::OK, &cookie, &body).is_none());
        let named = Bytes::from_static(b"<p>S</p>");
        assert!(StoredPage::signed_in(StatusCode::OK, &cookie, &named, "S").is_none());
        let mut signed_in = headers.clone();
        signed_in.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert!(StoredPage::anonymous(StatusCode::OK, &signed_in, &body).is_none());
        assert!(StoredPage::signed_in(StatusCode::OK, &signed_in, &named, "S").is_some());
        let mut json = HeaderMap::new();
        json.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        assert!(StoredPage::anonymous(StatusCode::OK, &json, &body).is_none());
    }

    #[tokio::test]
    async fn a_signed_in_page_gets_each_viewers_name_where_the_stand_in_stood() {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'nonce-N1'"),
        );
        let body = Bytes::from_static(
            b"<script nonce=\"N1\"></script><strong>STANDIN</strong><p>x</p>STANDIN",
        );
        let kept = StoredPage::signed_in(StatusCode::OK, &headers, &body, "STANDIN").unwrap();
        let fill = Fill {
            nonce: "N2",
            name: "bob",
        };
        assert_eq!(
            text(kept.answer(&fill).unwrap()).await,
            "<script nonce=\"N2\"></script><strong>bob</strong><p>x</p>bob"
        );
        let nameless = Bytes::from_static(b"<p>Log in</p>");
        assert!(
            StoredPage::signed_in(StatusCode::OK, &headers, &nameless, "STANDIN").is_none(),
            "a page that does not name its viewer is not theirs to share"
        );
        let mut named = headers.clone();
        named.insert("x-who", HeaderValue::from_static("STANDIN"));
        assert!(
            StoredPage::signed_in(StatusCode::OK, &named, &body, "STANDIN").is_none(),
            "a header with the name has no hole"
        );
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        assert_eq!(nonce_of("script-src 'nonce-abc_-1' 'self'"), Some("abc_-1"));
        assert_eq!(nonce_of("script-src 'self'"), None);
        assert_eq!(nonce_of("script-src 'nonce-'"), None);
    }
}
