//! (ssr) The build's own files under `/pkg` (the CSS, JavaScript and WebAssembly): their names
//! and how they are served.
//!
//! cargo-leptos (`hash-files = true` in Cargo.toml) names them `pollstr.<hash>.wasm` and writes
//! the hashes to `hash.txt` next to the server binary; `make release` also writes Brotli and
//! gzip siblings (`pollstr.<hash>.wasm.br`, `.gz`). A page names the files of its own build, so
//! a rolling deploy never pairs an old page with new WebAssembly, and a hashed file never
//! changes, so browsers and CDNs keep it for a year without asking again.

use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
    Router,
};
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Where cargo-leptos wrote the hashes: next to the running binary, where Leptos'
/// `HydrationScripts` reads them.
pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let binary = std::env::current_exe().ok()?;
    Some(binary.parent()?.join(options.hash_file.as_ref()))
}

/// `/pkg/pollstr.<hash>.css`, or `/pkg/pollstr.css` for a build without hashes: for pages not
/// rendered by Leptos (the dev inbox), which `HashedStylesheet` does not reach.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    let hash = options
        .hash_files
        .then(|| hash_file(options))
        .flatten()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|hashes| {
            hashes.lines().find_map(|line| {
                let (kind, hash) = line.split_once(':')?;
                (kind.trim() == "css").then(|| hash.trim().to_owned())
            })
        });
    let name = &options.output_name;
    let pkg = &options.site_pkg_dir;
    match hash {
        Some(hash) => format!("/{pkg}/{name}.{hash}.css"),
        None => format!("/{pkg}/{name}.css"),
    }
}

/// `/pkg/*` from the site root, a precompressed sibling when the browser takes one.
pub fn pkg_routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let dir = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let hashed = options.hash_files;
    Router::new()
        .nest_service(&format!("/{}", options.site_pkg_dir), files)
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| cache_policy(hashed, request, next),
        ))
}

/// A hashed file for a year; an unhashed one (a build without `hash-files`) revalidated each
/// time, since its next build keeps the name. A miss is never cached: mid-rollout an
/// instance may not have the new build's files yet, and the next one asked will.
async fn cache_policy(hashed: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let policy = match (found, hashed) {
        (true, true) => IMMUTABLE,
        (true, false) => "no-cache",
        (false, _) => "no-store",
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    // The same URL answers in Brotli, gzip or neither: a shared cache must key on it.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}
