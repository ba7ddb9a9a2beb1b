//! `/polls/:id`: the ballot and the share box, for a verified session; others are sent to
//! log in or verify.

use super::{facts::PollFactsLine, use_poll_id_param};
use crate::{
    components::{
        form::{last_error, FieldError, FormError},
        loaded::Loaded,
    },
    error::Field,
    polls::{
        api::{load_ballot, Ballot, Vote},
        share::{meta::PollLinkMeta, share_box::ShareBox},
    },
};
use leptos::prelude::*;

#[component]
pub fn BallotPage() -> impl IntoView {
    let poll_id = use_poll_id_param();
    let poll = Resource::new(move || poll_id.get(), load_ballot);
    let vote = ServerAction::<Vote>::new();
    let error = last_error(vote);
    view! {
        <Loaded resource=poll loading="Loading the poll…" ready=move |poll: Ballot| {
            let results_href = format!("/polls/{}/results", poll.poll_id);
            let multiple = poll.multiple_answers;
            let share = view! {
                <PollLinkMeta link=poll.share.link.clone() />
                <ShareBox card=poll.share.clone() />
            };
            if !poll.facts.open {
                return view! {
                    <section class="card">
                        <h1>{poll.question}</h1>
                        <PollFactsLine facts=poll.facts />
                        <p role="status">"This poll is closed: it takes no more votes."</p>
                        <p class="aside"><a href=results_href>"See the results"</a></p>
                        {share}
                    </section>
                }.into_any();
            }
            view! {
                <section class="card">
                    <ActionForm action=vote>
                        <input type="hidden" name="poll_id" value=poll.poll_id.to_string() />
                        <fieldset>
                            <legend><h1>{poll.question}</h1></legend>
                            <PollFactsLine facts=poll.facts />
                            {multiple.then(|| view! { <p class="hint">"Tick every answer you choose."</p> })}
                            {poll.choices.into_iter().enumerate().map(|(i, choice)| {
                                let id = format!("choice-{}", choice.id);
                                // Several answers: one indexed field per box, as the server reads them.
                                let (kind, name) = if multiple {
                                    ("checkbox", format!("choice_ids[{i}]"))
                                } else {
                                    ("radio", "choice_id".to_owned())
                                };
                                view! {
                                    <div class="choice">
                                        <input type=kind name=name id=id.clone()
                                            value=choice.id.to_string() checked=choice.chosen />
                                        <label for=id>{choice.text}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <FieldError error=error field=Field::Choice />
                        <FormError error=error />
                        <button type="submit" disabled=move || vote.pending().get()>"Vote"</button>
                    </ActionForm>
                    <p class="aside"><a href=results_href>"See the results"</a></p>
                    {share}
                </section>
            }.into_any()
        } />
    }
}
