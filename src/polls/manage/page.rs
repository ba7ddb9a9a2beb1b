//! `/polls/mine`: the member's polls, newest first, each with its facts, "Close now" while it
//! is open, and "Delete" behind a confirmation box. A refusal shows once, above the list (it
//! names its poll): without JavaScript the page cannot tell which row was sent.

use super::api::{load_my_polls, ClosePoll, DeletePoll, MyPoll};
use crate::{
    components::{
        form::{last_error, FieldError, FormError},
        loaded::Loaded,
    },
    error::Field,
    polls::pages::facts::{votes_label, PollFactsLine},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// (A name for the view macro, which cannot read generics in an attribute.)
type MyPolls = Vec<MyPoll>;

#[component]
pub fn MyPollsPage() -> impl IntoView {
    let close = ServerAction::<ClosePoll>::new();
    let delete = ServerAction::<DeletePoll>::new();
    // Read again after each close or delete, which stay on this page.
    let polls = Resource::new(
        move || (close.version().get(), delete.version().get()),
        |_| load_my_polls(),
    );
    let query = use_query_map();
    let closed = move || query.read().get("closed").is_some();
    let deleted = move || query.read().get("deleted").is_some();
    let close_error = last_error(close);
    let delete_error = last_error(delete);
    view! {
        <h1>"My polls"</h1>
        {move || closed().then(|| view! { <p class="notice" role="status">"The poll is closed. Its results are final."</p> })}
        {move || deleted().then(|| view! { <p class="notice" role="status">"The poll and its votes are deleted."</p> })}
        <FormError error=close_error />
        <FormError error=delete_error />
        <FieldError error=delete_error field=Field::Confirm />
        <Loaded resource=polls loading="Loading your polls…" ready=move |polls: MyPolls| {
            if polls.is_empty() {
                return view! {
                    <p>"You have not made a poll yet. " <a href="/polls/new">"Make one"</a></p>
                }.into_any();
            }
            view! {
                <ul class="poll-list">
                    {polls.into_iter().map(|poll| view! { <MyPollRow poll close delete /> }).collect_view()}
                </ul>
            }.into_any()
        } />
    }
}

#[component]
fn MyPollRow(
    poll: MyPoll,
    close: ServerAction<ClosePoll>,
    delete: ServerAction<DeletePoll>,
) -> impl IntoView {
    let id = poll.id;
    let confirm_id = format!("confirm-delete-{id}");
    let open = poll.facts.open;
    let voters = poll.facts.voters;
    view! {
        <li class="card">
            <h2><a href=format!("/polls/{id}")>{poll.question}</a></h2>
            <PollFactsLine facts=poll.facts />
            {poll.hidden.then(|| view! { <p role="status">"A moderator has hidden this poll: only you and the moderators see it."</p> })}
            <div class="actions">
                <a href=format!("/polls/{id}/results")>"Results"</a>
                {(open && voters == 0).then(|| view! { <a href=format!("/polls/{id}/edit")>"Edit"</a> })}
                {open.then(|| view! {
                    <ActionForm action=close attr:class="inline">
                        <input type="hidden" name="poll_id" value=id.to_string() />
                        <button type="submit" class="secondary">"Close now"</button>
                    </ActionForm>
                })}
            </div>
            <details class="delete-poll">
                <summary>"Delete…"</summary>
                <ActionForm action=delete>
                    <input type="hidden" name="poll_id" value=id.to_string() />
                    <div class="choice">
                        <input type="checkbox" id=confirm_id.clone() name="confirm" value="yes" />
                        <label for=confirm_id>{format!("Yes, delete this poll and its {}", votes_label(voters))}</label>
                    </div>
                    <button type="submit" class="danger">"Delete"</button>
                </ActionForm>
            </details>
        </li>
    }
}
