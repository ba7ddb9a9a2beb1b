//! `/polls/:id/results`: counts, shares and bars, open to everyone; the caller's vote marked.

use super::{
    facts::{voters_label, votes_label, PollFactsLine},
    use_poll_id_param,
};
use crate::{
    components::loaded::Loaded,
    polls::api::{load_poll_results, PollResults},
    polls::moderation::panel::ModerationPanel,
    polls::share::{meta::PollLinkMeta, share_box::ShareBox},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let poll_id = use_poll_id_param();
    let query = use_query_map();
    // Read again after a moderation action, which comes back to this page.
    let results = Resource::new(
        move || (poll_id.get(), query.read().get("moderated")),
        |(poll_id, _)| load_poll_results(poll_id),
    );
    let moderated = move || match query.read().get("moderated").as_deref() {
        Some("hidden") => Some("The poll is hidden."),
        Some("shown") => Some("The poll is shown again."),
        _ => None,
    };
    view! {
        {move || moderated().map(|notice| view! { <p class="notice" role="status">{notice}</p> })}
        <Loaded resource=results loading="Counting…" ready=move |results: PollResults| view! {
            <PollLinkMeta link=results.share.link.clone() />
            <section class="card">
                <h1>{results.question}</h1>
                <PollFactsLine facts=results.facts.clone() />
                <ul class="results">
                    {results.choices.into_iter().map(|choice| view! {
                        <li class:mine=choice.mine>
                            <span class="choice-text">{choice.text}</span>
                            {choice.mine.then(|| view! { <strong class="badge">"Your vote"</strong> })}
                            <meter min="0" max="100" value=choice.percent.to_string()>{format!("{}%", choice.percent)}</meter>
                            <span class="count">{votes_label(choice.votes)} " · " {format!("{}%", choice.percent)}</span>
                        </li>
                    }).collect_view()}
                </ul>
                {if results.multiple_answers {
                    view! { <p class="total">{voters_label(results.total)} ", each choosing one or more answers; shares are of the people who voted."</p> }.into_any()
                } else {
                    view! { <p class="total">"Total: " {votes_label(results.total)}</p> }.into_any()
                }}
                {results.moderation.map(|moderation| view! {
                    <ModerationPanel poll_id=results.poll_id moderation />
                })}
                {results.can_export.then(|| view! {
                    <p><a href=format!("/polls/{}/results.csv", results.poll_id) download>"Download the results (CSV)"</a></p>
                })}
                <p class="aside">
                    {results.facts.open.then(|| view! {
                        <a href=format!("/polls/{}", results.poll_id)>"Vote on this poll"</a>
                        " · "
                    })}
                    <a href="/">"Back to the polls"</a>
                </p>
                <ShareBox card=results.share />
            </section>
        } />
    }
}
