//! Reading `next` from the current URL.

use crate::domain::NextPath;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The page's `next` query parameter, already reduced to a safe local path.
pub fn use_next_path() -> Signal<NextPath> {
    let query = use_query_map();
    Signal::derive(move || NextPath::parse(&query.read().get("next").unwrap_or_default()))
}
