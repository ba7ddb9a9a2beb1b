//! The line every poll page shows under the question: who made it, when, whether it is open,
//! and how many people voted.

use crate::polls::api::PollFacts;
use leptos::prelude::*;

pub fn votes_label(n: i64) -> String {
    if n == 1 {
        "1 vote".to_owned()
    } else {
        format!("{n} votes")
    }
}

pub fn voters_label(n: i64) -> String {
    if n == 1 {
        "1 person voted".to_owned()
    } else {
        format!("{n} people voted")
    }
}

#[component]
pub fn PollFactsLine(facts: PollFacts) -> impl IntoView {
    let by = facts
        .author
        .map_or_else(|| "Published".to_owned(), |author| format!("By {author}"));
    view! {
        <p class="meta">
            {by} " · " {facts.published} " · "
            <span class:closed=!facts.open>{facts.status}</span> " · "
            {voters_label(facts.voters)}
        </p>
    }
}
