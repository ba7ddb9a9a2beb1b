//! `/polls/:id/results`: counts, shares and bars, open to everyone (on the author's terms); the
//! caller's vote marked. The numbers are live (`LiveResults`) once the page is interactive.

use super::use_poll_id_param;
use crate::{
    components::{guard_redirect::set_page_status, loaded::Loaded},
    error::AppError,
    polls::api::{load_poll_results, PollResults},
    polls::live::{
        island::LiveResults,
        wire::{LiveChoice, ResultsSnapshot},
    },
    polls::moderation::panel::ModerationPanel,
    polls::share::{meta::PollLinkMeta, share_box::ShareBox},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The numbers, or (not for this viewer yet) why not: a sealed page still goes live, and
/// shows the numbers once the viewer may see them.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum ResultsView {
    Shown(Box<PollResults>),
    Sealed(AppError),
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let poll_id = use_poll_id_param();
    let query = use_query_map();
    // Read again after a moderation action, which comes back to this page.
    let results = Resource::new(
        move || (poll_id.get(), query.read().get("moderated")),
        |(poll_id, _)| async move {
            match load_poll_results(poll_id).await {
                Ok(results) => Ok(ResultsView::Shown(Box::new(results))),
                Err(sealed @ (AppError::ResultsAfterVote | AppError::ResultsAfterClose { .. })) => {
                    Ok(ResultsView::Sealed(sealed))
                }
                Err(error) => Err(error),
            }
        },
    );
    let moderated = move || match query.read().get("moderated").as_deref() {
        Some("hidden") => Some("The poll is hidden."),
        Some("shown") => Some("The poll is shown again."),
        _ => None,
    };
    view! {
        {move || moderated().map(|notice| view! { <p class="notice" role="status">{notice}</p> })}
        <Loaded resource=results loading="Counting…" ready=move |view: ResultsView| match view {
            ResultsView::Shown(results) => shown(*results).into_any(),
            ResultsView::Sealed(error) => sealed(poll_id.get_untracked(), error).into_any(),
        } />
    }
}

fn shown(results: PollResults) -> impl IntoView {
    let mine = results.choices.iter().map(|c| c.mine).collect();
    let snapshot = ResultsSnapshot {
        facts: results.facts.clone(),
        multiple_answers: results.multiple_answers,
        choices: results
            .choices
            .iter()
            .map(|c| LiveChoice {
                text: c.text.clone(),
                votes: c.votes,
                percent: c.percent,
            })
            .collect(),
    };
    view! {
        <PollLinkMeta link=results.share.link.clone() />
        <section class="card">
            <h1>{results.question}</h1>
            <LiveResults poll_id=results.poll_id.to_string() shown=Some(snapshot) sealed=None mine offers_vote=true />
            {results.moderation.map(|moderation| view! {
                <ModerationPanel poll_id=results.poll_id moderation />
            })}
            {results.can_export.then(|| view! {
                <p><a href=format!("/polls/{}/results.csv", results.poll_id) download>"Download the results (CSV)"</a></p>
            })}
            <p class="aside"><a href="/">"Back to the polls"</a></p>
            <ShareBox card=results.share />
        </section>
    }
}

/// Not yet for this viewer: the page says when, with the 403 a monitor sees.
fn sealed(poll_id: String, error: AppError) -> impl IntoView {
    set_page_status(&error);
    let offers_vote = matches!(error, AppError::ResultsAfterVote);
    view! {
        <section class="card">
            <h1>"Results"</h1>
            <LiveResults poll_id=poll_id.clone() shown=None sealed=Some(error.user_message()) mine=Vec::new() offers_vote />
            <p class="aside"><a href="/">"Back to the polls"</a></p>
        </section>
    }
}
