//! `next`: where a person goes after a step, read from the current URL and carried through a
//! form in a hidden field.

use crate::domain::NextPath;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page's `next` query parameter, already reduced to a safe local path.
pub fn use_next_path() -> Signal<NextPath> {
    let query = use_query_map();
    Signal::derive(move || NextPath::parse(&query.read().get("next").unwrap_or_default()))
}

/// The hidden `next` field a step's form posts, so the server knows where to go afterwards.
#[component]
pub fn NextField(next: Signal<NextPath>) -> impl IntoView {
    view! { <input type="hidden" name="next" value=move || next.get().as_str().to_owned() /> }
}
