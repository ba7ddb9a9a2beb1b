//! The fields of a poll's form, new or edited. Without JavaScript all ten choice fields show;
//! once the page is interactive, only those in use (at least two), plus "Add a choice" and
//! "Remove".

use crate::{
    components::form::{FieldError, FormResult, TextField},
    domain::poll_limits::{CHOICE_MAX_CHARS, MAX_CHOICES, MIN_CHOICES, QUESTION_MAX_CHARS},
    error::Field,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the form starts with: empty for a new poll, the poll as it is for an edit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollDraft {
    pub question: String,
    pub choices: Vec<String>,
    pub multiple_answers: bool,
    /// The "Closes" option: `never`, `1h`, `1d`, `1w` or `at`; empty means `never`.
    pub closes: String,
    /// With `at`: `YYYY-MM-DDTHH:MM` (UTC).
    pub closes_at: String,
    /// `always`, `after_vote` or `after_close`; empty means `always`.
    pub results_shown: String,
}

#[component]
pub fn PollFields(draft: PollDraft, error: FormResult) -> impl IntoView {
    let shown = if draft.results_shown.is_empty() {
        "always".to_owned()
    } else {
        draft.results_shown.clone()
    };
    let closes = if draft.closes.is_empty() {
        "never".to_owned()
    } else {
        draft.closes.clone()
    };
    view! {
        <TextField
            label="Question" name="question" field=Field::Question error=error
            maxlength=QUESTION_MAX_CHARS as u32 value=draft.question.clone()
        />
        <ChoiceFields error initial=draft.choices.clone() />
        <fieldset class="options">
            <legend>"People may choose"</legend>
            <Radio name="answers" value="one" label="One answer" checked=!draft.multiple_answers />
            <Radio name="answers" value="several" label="Several answers" checked=draft.multiple_answers />
            <FieldError error field=Field::Answers />
        </fieldset>
        <fieldset class="options">
            <legend>"Closes"</legend>
            <Radio name="closes" value="never" label="Never" checked=closes == "never" />
            <Radio name="closes" value="1h" label="In 1 hour" checked=closes == "1h" />
            <Radio name="closes" value="1d" label="In 1 day" checked=closes == "1d" />
            <Radio name="closes" value="1w" label="In 1 week" checked=closes == "1w" />
            <Radio name="closes" value="at" label="At a date and time (UTC):" checked=closes == "at" />
            <input
                type="datetime-local" name="closes_at" aria-label="Closing date and time (UTC)"
                value=(!draft.closes_at.is_empty()).then(|| draft.closes_at.clone())
            />
            <FieldError error field=Field::Closes />
        </fieldset>
        <fieldset class="options">
            <legend>"Show results"</legend>
            <Radio name="results_shown" value="always" label="Always" checked=shown == "always" />
            <Radio name="results_shown" value="after_vote" label="After the person has voted" checked=shown == "after_vote" />
            <Radio name="results_shown" value="after_close" label="Only once the poll has closed" checked=shown == "after_close" />
            <FieldError error field=Field::ResultsShown />
        </fieldset>
    }
}

#[component]
fn ChoiceFields(error: FormResult, initial: Vec<String>) -> impl IntoView {
    view! {
        <fieldset class="choices-fields">
            <legend>"Choices"</legend>
            <ChoiceInputs initial />
            <FieldError error field=Field::Choices />
        </fieldset>
    }
}

/// Ten fields in the HTML; once the island runs, only as many as are in use (at least two),
/// with "Add a choice" and "Remove".
#[island]
fn ChoiceInputs(initial: Vec<String>) -> impl IntoView {
    let in_use = initial.len().clamp(MIN_CHOICES, MAX_CHOICES);
    let values: Vec<RwSignal<String>> = (0..MAX_CHOICES)
        .map(|i| RwSignal::new(initial.get(i).cloned().unwrap_or_default()))
        .collect();
    let values = StoredValue::new(values);
    // Every field until the browser runs the page (the server's HTML and hydration agree).
    let shown = RwSignal::new(MAX_CHOICES);
    let interactive = RwSignal::new(false);
    Effect::new(move |_| {
        interactive.set(true);
        shown.set(in_use);
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
        {(0..MAX_CHOICES).map(|i| {
            let value = values.with_value(|values| values[i]);
            let id = format!("field-choice-{}", i + 1);
            view! {
                <div class="field choice-field" hidden=move || (i >= shown.get()).then_some(true)>
                    <label for=id.clone()>{format!("Choice {}", i + 1)}</label>
                    <input
                        id=id name=format!("choices[{i}]") maxlength=CHOICE_MAX_CHARS as u32
                        value=value.get_untracked() prop:value=move || value.get()
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
