//! Form parts: a labelled input that shows its own error, and an alert for the rest.

use crate::error::{AppError, Field};
use leptos::prelude::*;

/// The error of the last submission of a form, if it failed.
pub type FormResult = Signal<Option<AppError>>;

/// The last error of an action, as a signal the form parts read.
pub fn last_error<I, T>(action: ServerAction<I>) -> FormResult
where
    I: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The URL says the last post to the server function at `path` (`CreatePoll::PATH`) was
/// refused: without JavaScript, server_fn sends the browser back to the form with the error
/// in `__err` and the function in `__path`.
pub fn use_refused_submission(path: &'static str) -> Signal<bool> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || {
        let query = query.read();
        query.get("__err").is_some() && query.get("__path").as_deref() == Some(path)
    })
}

/// A labelled input. `field` ties it to the `AppError::Invalid` errors about it.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    field: Field,
    error: FormResult,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    /// What the field starts with (an edit form's current value, or what a refused post held).
    #[prop(into, default = None)]
    value: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || error.get().and_then(|e| e.message_for(field));
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                maxlength=maxlength
                inputmode=inputmode
                value=value
                required=true
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            />
            {move || message().map(|text| view! { <p class="field-error" role="alert" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// The message about `field`, for fields that are not a `TextField` (a group of radio buttons
/// or boxes, a confirmation box).
#[component]
pub fn FieldError(error: FormResult, field: Field) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.message_for(field))
            .map(|message| view! { <p class="field-error" role="alert">{message}</p> })
    }
}

/// Errors that are not about one field (wrong credentials, service down).
#[component]
pub fn FormError(error: FormResult) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid { .. }))
            .map(|e| {
                view! { <p class="form-error" role="alert">{e.user_message()}</p> }
            })
    }
}
