//! `/pkg`: the build's hashed files, a precompressed sibling when the browser takes one, kept
//! for a year; a miss never cached; and a build without hashes revalidated every time.

use crate::helpers::{browser, spawn_app_with, TestApp};
use reqwest::{header, StatusCode};

const WASM: &str = "pollstr.Xq9vK2mD8pLw3eRt.wasm";

/// A site root as `make release` leaves it: a file with its Brotli and gzip siblings (each
/// with its own bytes here, so the test sees which one was sent).
fn site_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let pkg = root.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(pkg.join(name), bytes).unwrap();
    write(WASM, b"\0asm plain");
    write(&format!("{WASM}.br"), b"brotli bytes");
    write(&format!("{WASM}.gz"), b"gzip bytes");
    root
}

async fn get(address: &str, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = browser().get(format!("{address}{path}"));
    if let Some(encodings) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encodings);
    }
    request.send().await.unwrap()
}

fn header_of(response: &reqwest::Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(&name)
        .map_or("", |value| value.to_str().unwrap())
}

/// The app, serving `site_root()` (kept alive as long as the app is used).
async fn serving_a_site(hashed: bool) -> (tempfile::TempDir, TestApp) {
    let root = site_root();
    let app = spawn_app_with(&[
        ("LEPTOS_SITE_ROOT", root.path().to_str().unwrap()),
        ("LEPTOS_HASH_FILES", if hashed { "true" } else { "false" }),
    ])
    .await;
    (root, app)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_files_are_sent_precompressed_and_kept_for_a_year() {
    let (_root, app) = serving_a_site(true).await;
    let path = format!("/pkg/{WASM}");
    for (accepts, encoding, body) in [
        (Some("gzip, deflate, br"), "br", "brotli bytes"),
        (Some("gzip"), "gzip", "gzip bytes"),
        (None, "", "\0asm plain"),
    ] {
        let response = get(&app.address, &path, accepts).await;
        assert_eq!(response.status(), StatusCode::OK, "{accepts:?}");
        assert_eq!(header_of(&response, header::CONTENT_ENCODING), encoding);
        assert_eq!(
            header_of(&response, header::CACHE_CONTROL),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(header_of(&response, header::VARY), "accept-encoding");
        assert_eq!(
            header_of(&response, header::CONTENT_TYPE),
            "application/wasm"
        );
        assert_eq!(response.text().await.unwrap(), body, "{accepts:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_this_instance_lacks_is_not_cached() {
    let (_root, app) = serving_a_site(true).await;
    // Mid-rollout: a page from a newer instance names a file this one does not have yet.
    let response = get(
        &app.address,
        "/pkg/pollstr.Newer0000000000.wasm",
        Some("br"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-store");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_of_a_build_without_hashes_are_revalidated() {
    let (_root, app) = serving_a_site(false).await;
    let response = get(&app.address, &format!("/pkg/{WASM}"), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, header::CACHE_CONTROL), "no-cache");
    assert!(
        response.headers().contains_key(header::LAST_MODIFIED),
        "a revalidation needs something to compare"
    );
}
