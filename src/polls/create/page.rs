//! `/polls/new`: the new-poll form (its fields are in `fields`).

use super::{
    api::CreatePoll,
    fields::{PollDraft, PollFields},
};
use crate::{
    components::form::{last_error, FormError},
    two_factor::verified_only::VerifiedOnly,
};
use leptos::prelude::*;

#[component]
pub fn NewPollPage() -> impl IntoView {
    view! {
        <VerifiedOnly>
            <PollForm />
        </VerifiedOnly>
    }
}

#[component]
fn PollForm() -> impl IntoView {
    let create = ServerAction::<CreatePoll>::new();
    let error = last_error(create);
    view! {
        <section class="card">
            <h1>"New poll"</h1>
            <ActionForm action=create>
                <PollFields draft=PollDraft::default() error />
                <FormError error=error />
                <button type="submit" disabled=move || create.pending().get()>"Create poll"</button>
            </ActionForm>
        </section>
    }
}
