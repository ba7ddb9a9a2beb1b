//! The site's own address, for the links the app hands out (a poll's share link and its QR
//! code): `PUBLIC_URL` when set, else the scheme and the request's `Host`.
//!
//! A forged `Host` can only change the links shown to the one who forged it (pages must be
//! revalidated, and caches key them by `Host`), and only into another plain host name:
//! anything that is not a bare `host[:port]` falls back to the address the app listens on.

use crate::server::state::AppState;
use axum::http::{header::HOST, request::Parts};

/// `https://polls.example.org` or `http://127.0.0.1:3000`: no path, no slash at the end.
pub fn site_origin(parts: &Parts, state: &AppState) -> String {
    if let Some(configured) = &state.public_url {
        return configured.to_string();
    }
    let scheme = if state.https { "https" } else { "http" };
    // HTTP/2 names the host in the URI's authority instead of a `Host` header.
    let host = parts
        .headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .or_else(|| parts.uri.authority().map(|authority| authority.as_str()))
        .filter(|host| is_plain_authority(host))
        .map_or_else(|| state.leptos.site_addr.to_string(), str::to_owned);
    format!("{scheme}://{host}")
}

/// A host name, IPv4 or bracketed IPv6 address, with a port at most: nothing a browser would
/// read as a path, a query, a user or another scheme.
pub fn is_plain_authority(authority: &str) -> bool {
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !port.contains(']') => (host, Some(port)),
        _ => (authority, None),
    };
    let port_ok =
        port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok());
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        !host.is_empty()
            && host.len() <= 253
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    };
    port_ok && host_ok
}

#[cfg(test)]
mod tests {
    use super::is_plain_authority;

    #[test]
    fn only_a_bare_host_and_port_pass() {
        for good in [
            "polls.example.org",
            "127.0.0.1:3000",
            "[::1]:3000",
            "[::1]",
            "localhost",
        ] {
            assert!(is_plain_authority(good), "{good}");
        }
        for bad in [
            "",
            "evil.example/path",
            "me@evil.example",
            "evil.example:80x",
            "evil.example:99999",
            "evil.example:",
            "evil.example?q",
            "evil.example#x",
            "ev il",
            "[::1",
            "a:b:c",
            "évil.example",
        ] {
            assert!(!is_plain_authority(bad), "{bad}");
        }
    }
}
