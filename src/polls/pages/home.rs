//! `/`: the latest polls, open to everyone.

use super::facts::PollFactsLine;
use crate::{components::guard_redirect::set_page_status, polls::api::list_polls};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let polls = Resource::new(|| (), |_| list_polls());
    view! {
        <h1>"Latest polls"</h1>
        <Suspense fallback=|| view! { <p>"Loading polls…"</p> }>
            {move || Suspend::new(async move {
                match polls.await {
                    Ok(polls) if polls.is_empty() => view! { <p>"No polls yet."</p> }.into_any(),
                    Ok(polls) => view! {
                        <ul class="poll-list">
                            {polls.into_iter().map(|poll| view! {
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
                    }.into_any(),
                    Err(e) => {
                        set_page_status(&e);
                        view! { <p role="alert">{e.user_message()}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
