//! `/`: the polls, open to everyone: open ones or closed ones, newest first, a page at a
//! time, with a search over the questions. Tabs, search and "Older polls" are plain links and
//! a GET form, so they work the same without JavaScript.

use super::facts::PollFactsLine;
use crate::{
    components::guard_redirect::set_page_status,
    polls::browse::api::{list_polls, PollList},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list's own query: `tab`, `before` and `q`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ListQuery {
    closed: bool,
    before: Option<String>,
    q: String,
}

impl ListQuery {
    /// `/?tab=closed&q=dogs&before=…`, with only what is set.
    fn href(&self, before: Option<&str>) -> String {
        let mut pairs = Vec::new();
        if self.closed {
            pairs.push(("tab", "closed".to_owned()));
        }
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(before) = before {
            pairs.push(("before", before.to_owned()));
        }
        let query: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| {
                let v =
                    percent_encoding::utf8_percent_encode(&v, percent_encoding::NON_ALPHANUMERIC);
                format!("{k}={v}")
            })
            .collect();
        if query.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{}", query.join("&"))
        }
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        ListQuery {
            closed: map.get("tab").as_deref() == Some("closed"),
            before: map.get("before"),
            q: map.get("q").unwrap_or_default(),
        }
    });
    let polls = Resource::new(
        move || query.get(),
        |query| {
            let tab = query.closed.then(|| "closed".to_owned());
            let q = (!query.q.is_empty()).then_some(query.q);
            list_polls(tab, query.before, q)
        },
    );
    let tab_link = move |closed: bool| {
        let current = query.get();
        let target = ListQuery {
            closed,
            before: None,
            q: current.q.clone(),
        };
        (target.href(None), current.closed == closed)
    };
    let deleted = move || query_map.read().get("moderated").as_deref() == Some("deleted");
    view! {
        <h1>{move || if query.get().closed { "Closed polls" } else { "Latest polls" }}</h1>
        {move || deleted().then(|| view! { <p class="notice" role="status">"The poll and its votes are deleted."</p> })}
        <nav class="tabs" aria-label="Which polls">
            {move || [(false, "Open"), (true, "Closed")].into_iter().map(|(closed, label)| {
                let (href, current) = tab_link(closed);
                view! { <a href=href aria-current=current.then_some("page")>{label}</a> }
            }).collect_view()}
        </nav>
        <form method="get" action="/" role="search" class="search">
            {move || query.get().closed.then(|| view! { <input type="hidden" name="tab" value="closed" /> })}
            <label for="field-q">"Search the questions"</label>
            <input id="field-q" type="search" name="q" maxlength="100"
                value=query.get_untracked().q prop:value=move || query.get().q />
            <button type="submit">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Loading polls…"</p> }>
            {move || Suspend::new(async move {
                match polls.await {
                    Ok(list) => view! { <PollListView list query=query.get_untracked() /> }.into_any(),
                    Err(e) => {
                        set_page_status(&e);
                        view! { <p role="alert">{e.user_message()}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn PollListView(list: PollList, query: ListQuery) -> impl IntoView {
    let empty = match (query.q.is_empty(), query.closed) {
        (false, _) => "No polls match that search.",
        (true, true) => "No closed polls yet.",
        (true, false) => "No polls yet.",
    };
    let older = list.older.map(|cursor| query.href(Some(&cursor)));
    view! {
        {list.polls.is_empty().then(|| view! { <p>{empty}</p> })}
        <ul class="poll-list">
            {list.polls.into_iter().map(|poll| view! {
                <li class="card">
                    <h2><a href=format!("/polls/{}", poll.id)>{poll.question}</a></h2>
                    <ul class="choices">
                        {poll.choices.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                    <PollFactsLine facts=poll.facts />
                    <p class="meta">
                        <a href=format!("/polls/{}/results", poll.id)>"Results"</a>
                    </p>
                </li>
            }).collect_view()}
        </ul>
        {older.map(|href| view! { <p class="pager"><a href=href rel="next">"Older polls"</a></p> })}
    }
}
