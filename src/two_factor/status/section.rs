//! The account page's two-factor section: what is confirmed, and (from a verified session)
//! new recovery codes and a new number.

use super::api::{load_two_factor_status, TwoFactorStatus};
use crate::two_factor::phone::field::PhoneNumberField;
use crate::{
    components::{
        form::{last_error, FormError},
        loaded::Loaded,
        next::use_next_path,
    },
    two_factor::{phone::api::StartNumberChange, recovery::api::RegenerateRecoveryCodes},
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn TwoFactorSection() -> impl IntoView {
    let status = Resource::new(|| (), |_| load_two_factor_status());
    view! {
        <Loaded resource=status loading="Loading…" ready=move |status: TwoFactorStatus| view! { <StatusDetails status /> } />
    }
}

#[component]
fn StatusDetails(status: TwoFactorStatus) -> impl IntoView {
    let query = use_query_map();
    let next = use_next_path();
    let recovered = move || query.read().get("recovered").is_some();
    let number_changed = move || query.read().get("number").is_some();
    let regenerate = ServerAction::<RegenerateRecoveryCodes>::new();
    let regenerate_error = last_error(regenerate);
    let verified = status.verified_until.is_some();
    let codes_left = status.recovery_codes_left;
    view! {
        {move || recovered().then(|| view! {
            <p class="notice" role="status">
                "You verified this browser with a recovery code. " {codes_left} " left: "
                "generate a new set below if you are running low. "
                <a href=move || next.get().as_str().to_owned()>"Continue"</a>
            </p>
        })}
        {move || number_changed().then(|| view! {
            <p class="notice" role="status">"Your new number is confirmed."</p>
        })}
        <dl class="facts">
            <dt>"Confirmed number"</dt>
            <dd>{match status.masked_number {
                Some(masked) => view! { <span class="phone">{masked}</span> }.into_any(),
                None => view! { "None yet. " <a href="/2fa?next=%2Faccount">"Confirm a number"</a> }.into_any(),
            }}</dd>
            <dt>"This browser"</dt>
            <dd>{match status.verified_until {
                Some(until) => view! { "Verified until " {until} }.into_any(),
                None => view! { "Not verified. " <a href="/2fa?next=%2Faccount">"Verify now"</a> }.into_any(),
            }}</dd>
            <dt>"Recovery codes left"</dt>
            <dd>{codes_left}</dd>
        </dl>
        {verified.then(|| view! {
            <div class="actions">
                <ActionForm action=regenerate attr:class="inline">
                    <button type="submit">"Generate new recovery codes"</button>
                </ActionForm>
            </div>
            <FormError error=regenerate_error />
            <ChangeNumberForm />
        })}
    }
}

/// A new number is confirmed only by a code sent to it, from a session that is verified.
#[component]
fn ChangeNumberForm() -> impl IntoView {
    let change = ServerAction::<StartNumberChange>::new();
    let error = last_error(change);
    view! {
        <details class="change-number" open=move || error.get().is_some()>
            <summary>"Change my number"</summary>
            <ActionForm action=change>
                <PhoneNumberField
                    form="change_number" action=StartNumberChange::PATH error
                    label="New phone number"
                    hint="We send a code to the new number; it replaces the old one once you type it."
                />
                <FormError error=error />
                <button type="submit" disabled=move || change.pending().get()>"Send a code to the new number"</button>
            </ActionForm>
        </details>
    }
}
