//! Pollstr: polls where voting needs a logged-in account and a browser session confirmed with
//! a code sent by SMS through the Nexmo/Vonage Verify API.
//!
//! One crate, two builds: `ssr` (the axum server) and `hydrate` (the browser WASM).

pub mod accounts;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod polls;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod server;
pub mod two_factor;
#[cfg(feature = "ssr")]
pub mod verify;
#[cfg(feature = "ssr")]
pub mod verify_simulator;

/// The browser entry point. Leptos' island script calls it once the WebAssembly is loaded,
/// then hydrates each `<leptos-island>` of the page (and `navigation.js` those of every page
/// it brings in later); the rest of the page stays the server's HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // A mark the end-to-end tests wait for before checking client-side behaviour.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
