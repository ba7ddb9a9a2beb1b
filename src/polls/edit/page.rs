//! `/polls/{id}/edit`: the poll's form, filled in with the poll as it is (or as typed, when
//! the page shows a refusal of it).

use super::api::{load_poll_draft, EditablePoll, UpdatePoll};
use crate::{
    components::{
        form::{last_error, use_refused_submission, FormError},
        loaded::Loaded,
    },
    polls::{create::fields::PollFields, pages::use_poll_id_param},
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn EditPollPage() -> impl IntoView {
    let poll_id = use_poll_id_param();
    let refused = use_refused_submission(UpdatePoll::PATH);
    let poll = Resource::new(
        move || (poll_id.get(), refused.get()),
        |(poll_id, refused)| load_poll_draft(poll_id, refused),
    );
    view! {
        <Loaded resource=poll loading="Loading the poll…" ready=move |poll: EditablePoll| view! { <EditForm poll /> } />
    }
}

#[component]
fn EditForm(poll: EditablePoll) -> impl IntoView {
    let update = ServerAction::<UpdatePoll>::new();
    let error = last_error(update);
    view! {
        <section class="card">
            <h1>"Edit poll"</h1>
            <p class="hint">"A poll can be changed until its first vote."</p>
            <ActionForm action=update>
                <input type="hidden" name="poll_id" value=poll.poll_id.to_string() />
                <PollFields draft=poll.draft error />
                <FormError error=error />
                <button type="submit" disabled=move || update.pending().get()>"Save changes"</button>
            </ActionForm>
        </section>
    }
}
