//! The share box of a poll's page: the link in a field anyone can select and copy, a
//! "Copy link" button once the page is interactive, and the link's QR code as inline SVG.

use super::{QrPath, ShareCard};
use leptos::prelude::*;

#[component]
pub fn ShareBox(card: ShareCard) -> impl IntoView {
    let url = card.link.url;
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading">"Share this poll"</h2>
            <div class="field">
                <label for="share-link">"Link to this poll"</label>
                <input id="share-link" type="url" readonly value=url.clone() />
            </div>
            <CopyLinkButton url />
            {card.qr.map(|qr| view! { <QrCodeImage qr /> })}
        </section>
    }
}

/// Hidden until the page runs in the browser: without JavaScript there is no clipboard to
/// write to, and the field above is there to copy from. An island: this button is the only
/// part of the share box that runs in the browser.
#[island]
fn CopyLinkButton(url: String) -> impl IntoView {
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let status = RwSignal::new(None::<&'static str>);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                status.set(Some(if copy_to_clipboard(&url).await {
                    "Link copied."
                } else {
                    "The link could not be copied: select it above and copy it."
                }));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &url;
    };
    view! {
        <p class="copy-link">
            <button type="button" class="secondary" hidden=move || (!interactive.get()).then_some(true) on:click=copy>
                "Copy link"
            </button>
            <span role="status">{move || status.get()}</span>
        </p>
    }
}

/// The browser's clipboard refuses without a user's click or on an insecure page: `false`.
#[cfg(feature = "hydrate")]
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
fn QrCodeImage(qr: QrPath) -> impl IntoView {
    let view_box = format!("0 0 {0} {0}", qr.size);
    view! {
        <figure class="qr">
            <svg viewBox=view_box role="img" aria-labelledby="qr-caption" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
                <rect width="100%" height="100%" fill="#fff" />
                <path d=qr.d fill="#000" />
            </svg>
            <figcaption id="qr-caption">"QR code of the link, to open the poll on a phone"</figcaption>
        </figure>
    }
}
