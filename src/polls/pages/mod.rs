//! The poll pages: the list, a ballot, and the results.

mod ballot;
pub mod facts;
mod home;
mod results;

pub use ballot::BallotPage;
pub use home::HomePage;
pub use results::ResultsPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the current route, as typed in the URL (the server parses it).
pub fn use_poll_id_param() -> Signal<String> {
    let params = use_params_map();
    Signal::derive(move || params.read().get("id").unwrap_or_default())
}
