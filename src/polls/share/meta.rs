//! The Open Graph and Twitter card tags of a poll's link, so a pasted link previews with the
//! question as its title and the choices as its text. They go into the page's `<head>`, which
//! the server renders whole (the pages are `SsrMode::Async`).

use super::PollLink;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

#[component]
pub fn PollLinkMeta(link: PollLink) -> impl IntoView {
    let PollLink {
        url,
        title,
        description,
    } = link;
    view! {
        <Title text=format!("{title} · Pollstr") />
        <Meta name="description" content=description.clone() />
        <Link rel="canonical" href=url.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:site_name" content="Pollstr" />
        <Meta property="og:url" content=url />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta name="twitter:card" content="summary" />
        <Meta name="twitter:title" content=title />
        <Meta name="twitter:description" content=description />
    }
}
