//! `/2fa` (the phone step) and `/2fa/verify` (the code step).

use super::api::{load_code_step, load_phone_step, CheckCode, SendCode};
use crate::{
    components::{
        form::{last_error, FormError, TextField},
        guard_redirect::{error_view, use_here},
        next::use_next_path,
    },
    error::Field,
};
use leptos::prelude::*;

#[component]
pub fn PhonePage() -> impl IntoView {
    let step = Resource::new(|| (), |_| load_phone_step());
    let send = ServerAction::<SendCode>::new();
    let error = last_error(send);
    let next = use_next_path();
    let here = use_here();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match step.await {
                    Err(e) => error_view(e, here.get_untracked()),
                    Ok(step) => {
                        let has_number = step.masked_number.is_some();
                        view! {
                        <section class="card narrow">
                            <h1>"Confirm it's you"</h1>
                            <ActionForm action=send>
                                <input type="hidden" name="next" value=move || next.get().as_str().to_owned() />
                                {match step.masked_number {
                                    Some(masked) => view! {
                                        <p>"We will send a code by SMS to your number " <strong class="phone">{masked}</strong> "."</p>
                                    }.into_any(),
                                    None => view! {
                                        <p>"To vote, confirm this browser with a code we send to your mobile phone."</p>
                                        <TextField
                                            label="Phone number" name="phone_number" field=Field::PhoneNumber error=error
                                            input_type="tel" autocomplete="tel" maxlength=40 inputmode="tel"
                                            hint="International format, like +1 212 555 0142"
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
                    }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn CodePage() -> impl IntoView {
    let step = Resource::new(|| (), |_| load_code_step());
    let check = ServerAction::<CheckCode>::new();
    let error = last_error(check);
    let next = use_next_path();
    let here = use_here();
    let phone_step_href = move || next.get().attach_to("/2fa");
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match step.await {
                    Err(e) => error_view(e, here.get_untracked()),
                    Ok(step) => view! {
                        <section class="card narrow">
                            <h1>"Type the code"</h1>
                            {match step.masked_number {
                                Some(masked) => view! {
                                    <p>"We sent a code by SMS to " <strong class="phone">{masked}</strong> "."</p>
                                }.into_any(),
                                None => view! {
                                    <p>"No code has been sent to this browser yet."</p>
                                }.into_any(),
                            }}
                            <ActionForm action=check>
                                <input type="hidden" name="next" value=move || next.get().as_str().to_owned() />
                                <TextField
                                    label="Code" name="code" field=Field::Code error=error
                                    autocomplete="one-time-code" maxlength=20 inputmode="numeric"
                                />
                                <FormError error=error />
                                <button type="submit" disabled=move || check.pending().get()>"Verify"</button>
                            </ActionForm>
                            <p class="aside">"No SMS, or it expired? " <a href=phone_step_href>"Ask for a new code"</a></p>
                            <p class="aside"><a href=move || next.get().attach_to("/2fa/recovery")>"I lost my phone"</a></p>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
