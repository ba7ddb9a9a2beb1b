//! `/2fa`: the phone step.

use super::api::{load_phone_step, PhoneStep, SendCode};
use super::field::PhoneNumberField;
use crate::components::{
    form::{last_error, FormError},
    loaded::Loaded,
    next::{use_next_path, NextField},
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn PhonePage() -> impl IntoView {
    let step = Resource::new(|| (), |_| load_phone_step());
    let send = ServerAction::<SendCode>::new();
    let error = last_error(send);
    let next = use_next_path();
    view! {
        <Loaded resource=step loading="Loading…" ready=move |step: PhoneStep| {
            let has_number = step.masked_number.is_some();
            view! {
                <section class="card narrow">
                    <h1>"Confirm it's you"</h1>
                    <ActionForm action=send>
                        <NextField next />
                        {match step.masked_number {
                            Some(masked) => view! {
                                <p>"We will send a code by SMS to your number " <strong class="phone">{masked}</strong> "."</p>
                            }.into_any(),
                            None => view! {
                                <p>"To vote, confirm this browser with a code we send to your mobile phone."</p>
                                <PhoneNumberField
                                    form="phone" action=SendCode::PATH error
                                    label="Phone number" hint="International format, like +1 212 555 0142"
                                />
                            }.into_any(),
                        }}
                        <FormError error=error />
                        <button type="submit" disabled=move || send.pending().get()>"Send code"</button>
                    </ActionForm>
                    {has_number.then(|| view! {
                        <p class="aside"><a href=move || next.get().attach_to("/2fa/recovery")>"I lost my phone"</a></p>
                    })}
                </section>
            }
        } />
    }
}
