//! (hydrate) The browser's side of a results stream: an `EventSource` feeding the island's
//! signals. The browser reconnects by itself after a dropped connection; a refusal (too many
//! streams, a restart) closes it, and this tries again after a pause. It closes for good when
//! the page goes away: a full page change (`pagehide`), or `navigation.js` swapping the body
//! (`pollstr:leave`), which never disposes the island.

use super::{
    island::{summary, Link, LiveState, ANNOUNCE_EVERY_MS},
    wire::{ResultsSnapshot, GONE_EVENT, RESULTS_EVENT, SEALED_EVENT},
};
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{EventSource, MessageEvent};

/// How long the page waits before it opens a refused or failed stream again.
const RETRY_AFTER_MS: i32 = 15_000;

/// The island's state, which the stream writes.
type Page = RwSignal<LiveState>;

#[derive(Default)]
struct Watch {
    source: Option<EventSource>,
    /// `navigation.js` put another page in place: for good.
    left: bool,
    /// The page was hidden (`pagehide`); it may come back from the back/forward cache.
    hidden: bool,
    last_announced_ms: f64,
    announcement_due: bool,
}

type Shared = Rc<RefCell<Watch>>;

/// Opens the stream at `path` and keeps `page` up to date until the page goes away.
pub fn watch(path: &str, page: Page) {
    let shared: Shared = Rc::default();
    let close = |shared: &Shared, for_good: bool| {
        let mut watch = shared.borrow_mut();
        if for_good {
            watch.left = true;
        } else {
            watch.hidden = true;
        }
        if let Some(source) = watch.source.take() {
            source.close();
        }
    };
    listen(&document(), "pollstr:leave", {
        let shared = Rc::clone(&shared);
        move |_| close(&shared, true)
    });
    listen(&window(), "pagehide", {
        let shared = Rc::clone(&shared);
        move |_| close(&shared, false)
    });
    // Back from the back/forward cache: the numbers may be old, and the stream is opened again.
    listen(&window(), "pageshow", {
        let (shared, path) = (Rc::clone(&shared), path.to_owned());
        move |_| {
            let was_hidden = std::mem::take(&mut shared.borrow_mut().hidden);
            if was_hidden {
                open(path.clone(), page, Rc::clone(&shared));
            }
        }
    });
    open(path.to_owned(), page, shared);
}

/// For as long as the document: the island is never disposed.
fn listen(target: &web_sys::EventTarget, event: &str, handler: impl Fn(web_sys::Event) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn open(path: String, page: Page, shared: Shared) {
    if shared.borrow().left || shared.borrow().hidden || shared.borrow().source.is_some() {
        return;
    }
    let Ok(source) = EventSource::new(&path) else {
        set_link(page, Link::Offline);
        return;
    };
    set_link(page, Link::Connecting);
    on(&source, "open", move |_| set_link(page, Link::Live));
    on(&source, RESULTS_EVENT, {
        let shared = Rc::clone(&shared);
        move |event| {
            let Ok(snapshot) = serde_json::from_str::<ResultsSnapshot>(&data_of(&event)) else {
                return;
            };
            let open = snapshot.facts.open;
            show(page, &shared, snapshot);
            if open {
                set_link(page, Link::Live);
            } else {
                finish(&shared, page, Link::Final);
            }
        }
    });
    on(&source, SEALED_EVENT, move |event| {
        page.update(|state| {
            state.shown = None;
            state.sealed = Some(data_of(&event));
            state.link = Link::Live;
        });
    });
    on(&source, GONE_EVENT, {
        let shared = Rc::clone(&shared);
        move |_| finish(&shared, page, Link::Gone)
    });
    on(&source, "error", {
        let shared = Rc::clone(&shared);
        let path = path.clone();
        move |_| {
            let Some(source) = shared.borrow().source.clone() else {
                return;
            };
            if source.ready_state() == EventSource::CONNECTING {
                set_link(page, Link::Reconnecting);
                return;
            }
            // Closed: refused (429, 503), or the server is gone. Tried again after a pause.
            shared.borrow_mut().source = None;
            set_link(page, Link::Offline);
            let (path, shared) = (path.clone(), Rc::clone(&shared));
            after(RETRY_AFTER_MS, move || open(path, page, shared));
        }
    });
    shared.borrow_mut().source = Some(source);
}

/// The numbers on the page, and a word for screen readers (now, or when the last one is old
/// enough). The first event repeats what the server rendered: it changes nothing.
fn show(page: Page, shared: &Shared, snapshot: ResultsSnapshot) {
    if page.with_untracked(|state| state.shown.as_ref() == Some(&snapshot)) {
        return;
    }
    page.update(|state| state.shown = Some(snapshot));
    let wait = {
        let watch = shared.borrow();
        if watch.announcement_due {
            return;
        }
        watch.last_announced_ms + ANNOUNCE_EVERY_MS - js_sys::Date::now()
    };
    if wait <= 0.0 {
        announce(page, shared);
    } else {
        shared.borrow_mut().announcement_due = true;
        let shared = Rc::clone(shared);
        after(wait as i32, move || announce(page, &shared));
    }
}

fn announce(page: Page, shared: &Shared) {
    let mut watch = shared.borrow_mut();
    watch.announcement_due = false;
    watch.last_announced_ms = js_sys::Date::now();
    page.update(|state| {
        if let Some(snapshot) = &state.shown {
            state.announcement = summary(snapshot);
        }
    });
}

/// Nothing more will come: the stream closes and the page says why.
fn finish(shared: &Shared, page: Page, link: Link) {
    if let Some(source) = shared.borrow_mut().source.take() {
        source.close();
    }
    set_link(page, link);
}

fn set_link(page: Page, link: Link) {
    if page.with_untracked(|state| state.link != link) {
        page.update(|state| state.link = link);
    }
}

fn on(source: &EventSource, event: &str, handler: impl Fn(MessageEvent) + 'static) {
    let closure = Closure::<dyn Fn(MessageEvent)>::new(handler);
    let _ = source.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    // Lives as long as its EventSource, which the browser frees once closed and unreferenced.
    closure.forget();
}

fn data_of(event: &MessageEvent) -> String {
    event.data().as_string().unwrap_or_default()
}

fn after(ms: i32, then: impl FnOnce() + 'static) {
    let closure = Closure::once_into_js(then);
    let _ =
        window().set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms);
}
