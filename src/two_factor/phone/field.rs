//! The phone number field of the phone step and of the account's "Change my number": what a
//! refused post to `action` held comes back in it (`components::kept_fields`).

use crate::{
    components::{
        form::{FormResult, TextField},
        kept_fields::{KeptFields, WithKeptFields},
    },
    error::Field,
};
use leptos::prelude::*;

#[component]
pub fn PhoneNumberField(
    /// The name the server keeps the refused form under.
    form: &'static str,
    /// The server function's path (`SendCode::PATH`).
    action: &'static str,
    label: &'static str,
    hint: &'static str,
    error: FormResult,
) -> impl IntoView {
    view! {
        <WithKeptFields form action ready=move |kept: KeptFields| view! {
            <TextField
                label name="phone_number" field=Field::PhoneNumber error=error
                input_type="tel" autocomplete="tel" maxlength=40 inputmode="tel"
                hint value=kept.get("phone_number")
            />
        } />
    }
}
