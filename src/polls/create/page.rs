//! `/polls/new`: the new-poll form. Without JavaScript it shows all ten choice fields; once
//! the page is interactive, two plus "Add a choice" and "Remove".

use super::api::CreatePoll;
use crate::{
    components::form::{last_error, FormError, FormResult, TextField},
    domain::poll_limits::{CHOICE_MAX_CHARS, MAX_CHOICES, MIN_CHOICES, QUESTION_MAX_CHARS},
    error::Field,
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
                <TextField
                    label="Question" name="question" field=Field::Question error=error
                    maxlength=QUESTION_MAX_CHARS as u32
                />
                <ChoiceFields error />
                <fieldset class="options">
                    <legend>"People may choose"</legend>
                    <Radio name="answers" value="one" label="One answer" checked=true />
                    <Radio name="answers" value="several" label="Several answers" checked=false />
                    <FieldError error field=Field::Answers />
                </fieldset>
                <fieldset class="options">
                    <legend>"Closes"</legend>
                    <Radio name="closes" value="never" label="Never" checked=true />
                    <Radio name="closes" value="1h" label="In 1 hour" checked=false />
                    <Radio name="closes" value="1d" label="In 1 day" checked=false />
                    <Radio name="closes" value="1w" label="In 1 week" checked=false />
                    <Radio name="closes" value="at" label="At a date and time (UTC):" checked=false />
                    <input type="datetime-local" name="closes_at" aria-label="Closing date and time (UTC)" />
                    <FieldError error field=Field::Closes />
                </fieldset>
                <fieldset class="options">
                    <legend>"Show results"</legend>
                    <Radio name="results_shown" value="always" label="Always" checked=true />
                    <Radio name="results_shown" value="after_vote" label="After the person has voted" checked=false />
                    <Radio name="results_shown" value="after_close" label="Only once the poll has closed" checked=false />
                    <FieldError error field=Field::ResultsShown />
                </fieldset>
                <FormError error=error />
                <button type="submit" disabled=move || create.pending().get()>"Create poll"</button>
            </ActionForm>
        </section>
    }
}

/// Ten fields in the HTML; after hydration only as many as are in use (at least two).
#[component]
fn ChoiceFields(error: FormResult) -> impl IntoView {
    let values: Vec<RwSignal<String>> = (0..MAX_CHOICES)
        .map(|_| RwSignal::new(String::new()))
        .collect();
    let values = StoredValue::new(values);
    // Every field until the browser runs the page (the server's HTML and hydration agree).
    let shown = RwSignal::new(MAX_CHOICES);
    let interactive = RwSignal::new(false);
    Effect::new(move |_| {
        interactive.set(true);
        shown.set(MIN_CHOICES);
    });
    let remove = move |at: usize| {
        values.with_value(|values| {
            for i in at..MAX_CHOICES - 1 {
                values[i].set(values[i + 1].get_untracked());
            }
            values[MAX_CHOICES - 1].set(String::new());
        });
        shown.update(|n| *n = (*n - 1).max(MIN_CHOICES));
    };
    view! {
        <fieldset class="choices-fields">
            <legend>"Choices"</legend>
            {(0..MAX_CHOICES).map(|i| {
                let value = values.with_value(|values| values[i]);
                let id = format!("field-choice-{}", i + 1);
                view! {
                    <div class="field choice-field" hidden=move || (i >= shown.get()).then_some(true)>
                        <label for=id.clone()>{format!("Choice {}", i + 1)}</label>
                        <input
                            id=id name=format!("choices[{i}]") maxlength=CHOICE_MAX_CHARS as u32
                            prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev))
                        />
                        <button
                            type="button" class="link-button"
                            hidden=move || (!interactive.get() || shown.get() <= MIN_CHOICES).then_some(true)
                            aria-label=format!("Remove choice {}", i + 1)
                            on:click=move |_| remove(i)
                        >"Remove"</button>
                    </div>
                }
            }).collect_view()}
            <button
                type="button" class="secondary"
                hidden=move || (!interactive.get() || shown.get() >= MAX_CHOICES).then_some(true)
                on:click=move |_| shown.update(|n| *n = (*n + 1).min(MAX_CHOICES))
            >"Add a choice"</button>
            <FieldError error field=Field::Choices />
        </fieldset>
    }
}

#[component]
fn Radio(
    name: &'static str,
    value: &'static str,
    label: &'static str,
    checked: bool,
) -> impl IntoView {
    let id = format!("field-{name}-{value}");
    view! {
        <div class="choice">
            <input type="radio" id=id.clone() name=name value=value checked=checked />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
fn FieldError(error: FormResult, field: Field) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.message_for(field))
            .map(|message| view! { <p class="field-error" role="alert">{message}</p> })
    }
}
