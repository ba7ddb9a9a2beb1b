//! `/polls/new`: the new-poll form (its fields are in `fields`), empty, or as typed when the
//! page shows a refusal of it (see `refused`).

use super::{
    api::CreatePoll,
    fields::{PollDraft, PollFields},
    refused::load_refused_poll_draft,
};
use crate::{
    components::{
        form::{last_error, use_refused_submission, FormError},
        loaded::Loaded,
    },
    two_factor::verified_only::VerifiedOnly,
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn NewPollPage() -> impl IntoView {
    view! {
        <VerifiedOnly>
            <NewPollForm />
        </VerifiedOnly>
    }
}

/// (A name for the view macro, which cannot read generics in an attribute.)
type MaybeDraft = Option<PollDraft>;

#[component]
fn NewPollForm() -> impl IntoView {
    let refused = use_refused_submission(CreatePoll::PATH);
    let draft = Resource::new(
        move || refused.get(),
        |refused| async move {
            if refused {
                load_refused_poll_draft().await
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <Loaded resource=draft loading="Loading the form…" ready=|draft: MaybeDraft| view! {
            <PollForm draft=draft.unwrap_or_default() />
        } />
    }
}

#[component]
fn PollForm(draft: PollDraft) -> impl IntoView {
    let create = ServerAction::<CreatePoll>::new();
    let error = last_error(create);
    view! {
        <section class="card">
            <h1>"New poll"</h1>
            <ActionForm action=create>
                <PollFields draft error />
                <FormError error=error />
                <button type="submit" disabled=move || create.pending().get()>"Create poll"</button>
            </ActionForm>
        </section>
    }
}
