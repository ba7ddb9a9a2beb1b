//! `/account`: the confirmed number, this session's verification, recovery codes, the recent
//! verification history, and "sign out other sessions".

use super::{
    account_api::{load_account, AccountView, SignOutOtherSessions},
    phone::api::StartNumberChange,
    recovery::api::RegenerateRecoveryCodes,
};
use crate::{
    components::{
        form::{last_error, FormError, TextField},
        loaded::Loaded,
        next::use_next_path,
    },
    error::Field,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| load_account());
    view! {
        <Loaded resource=account loading="Loading…" ready=move |account: AccountView| view! { <AccountDetails account /> } />
    }
}

#[component]
fn AccountDetails(account: AccountView) -> impl IntoView {
    let query = use_query_map();
    let next = use_next_path();
    let recovered = move || query.read().get("recovered").is_some();
    let others_signed_out = move || query.read().get("others").is_some();
    let number_changed = move || query.read().get("number").is_some();
    let regenerate = ServerAction::<RegenerateRecoveryCodes>::new();
    let sign_out_others = ServerAction::<SignOutOtherSessions>::new();
    let regenerate_error = last_error(regenerate);
    let sign_out_error = last_error(sign_out_others);
    let verified = account.verified_until.is_some();
    let codes_left = account.recovery_codes_left;
    view! {
        <section class="card">
            <h1>"Your account"</h1>
            {move || recovered().then(|| view! {
                <p class="notice" role="status">
                    "You verified this browser with a recovery code. " {codes_left} " left: "
                    "generate a new set below if you are running low. "
                    <a href=move || next.get().as_str().to_owned()>"Continue"</a>
                </p>
            })}
            {move || others_signed_out().then(|| view! {
                <p class="notice" role="status">"Your other sessions are signed out."</p>
            })}
            {move || number_changed().then(|| view! {
                <p class="notice" role="status">"Your new number is confirmed."</p>
            })}
            <dl class="facts">
                <dt>"Username"</dt>
                <dd>{account.username}</dd>
                <dt>"Confirmed number"</dt>
                <dd>{match account.masked_number {
                    Some(masked) => view! { <span class="phone">{masked}</span> }.into_any(),
                    None => view! { "None yet. " <a href="/2fa?next=%2Faccount">"Confirm a number"</a> }.into_any(),
                }}</dd>
                <dt>"This browser"</dt>
                <dd>{match account.verified_until {
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
                    <ActionForm action=sign_out_others attr:class="inline">
                        <button type="submit" class="secondary">"Sign out other sessions"</button>
                    </ActionForm>
                </div>
                <FormError error=regenerate_error />
                <FormError error=sign_out_error />
                <ChangeNumberForm />
            })}
        </section>
        <section class="card">
            <h2>"Recent verification activity"</h2>
            {if account.recent_events.is_empty() {
                view! { <p>"Nothing yet."</p> }.into_any()
            } else {
                view! {
                    <table>
                        <thead><tr><th scope="col">"Time"</th><th scope="col">"Action"</th><th scope="col">"Outcome"</th><th scope="col">"Number"</th></tr></thead>
                        <tbody>
                            {account.recent_events.into_iter().map(|event| view! {
                                <tr><td>{event.at}</td><td>{event.action}</td><td>{event.outcome}</td><td>{event.masked_number.unwrap_or_default()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
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
                <TextField
                    label="New phone number" name="phone_number" field=Field::PhoneNumber error=error
                    input_type="tel" autocomplete="tel" maxlength=40 inputmode="tel"
                    hint="We send a code to the new number; it replaces the old one once you type it."
                />
                <FormError error=error />
                <button type="submit" disabled=move || change.pending().get()>"Send a code to the new number"</button>
            </ActionForm>
        </details>
    }
}
