//! `/2fa/verify`: the code step, with "Send a new code" (after the provider's 30 seconds, a
//! countdown that ticks with JavaScript and is a plain sentence without it) and "Call me
//! instead".

use super::api::{load_code_step, CallMe, CheckCode, CodeStep, ResendCode};
use crate::{
    components::{
        form::{last_error, FormError, TextField},
        loaded::Loaded,
        next::{use_next_path, NextField},
    },
    domain::NextPath,
    error::Field,
};
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn CodePage() -> impl IntoView {
    let check = ServerAction::<CheckCode>::new();
    let resend = ServerAction::<ResendCode>::new();
    let call = ServerAction::<CallMe>::new();
    // Reloaded after a new code or a call, for the new countdown.
    let step = Resource::new(
        move || (resend.version().get(), call.version().get()),
        |_| load_code_step(),
    );
    let error = last_error(check);
    let next = use_next_path();
    view! {
        <Loaded resource=step loading="Loading…" ready=move |step: CodeStep| view! {
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
                    <NextField next />
                    <TextField
                        label="Code" name="code" field=Field::Code error=error
                        autocomplete="one-time-code" maxlength=20 inputmode="numeric"
                    />
                    <FormError error=error />
                    <button type="submit" disabled=move || check.pending().get()>"Verify"</button>
                </ActionForm>
                {step.resend_in_secs.map(|wait| view! { <ResendControls wait resend call next /> })}
                <p class="aside">
                    <a href=move || next.get().attach_to("/2fa")>"Back to the phone step"</a>
                    " · "
                    <a href=move || next.get().attach_to("/2fa/recovery")>"I lost my phone"</a>
                </p>
            </section>
        } />
    }
}

#[component]
fn ResendControls(
    /// Seconds until a new code may be asked for.
    wait: i64,
    resend: ServerAction<ResendCode>,
    call: ServerAction<CallMe>,
    next: Signal<NextPath>,
) -> impl IntoView {
    let remaining = RwSignal::new(wait);
    // Without JavaScript the button stays usable and the server says if it is too early.
    let ticking = RwSignal::new(false);
    Effect::new(move |_| {
        ticking.set(true);
        if let Ok(handle) = set_interval_with_handle(
            move || remaining.update(|secs| *secs = (*secs - 1).max(0)),
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    let resend_error = last_error(resend);
    let call_error = last_error(call);
    let done = move || {
        if matches!(resend.value().get(), Some(Ok(()))) {
            Some("A new code is on its way.")
        } else if matches!(call.value().get(), Some(Ok(()))) {
            Some("We are calling you to read the code out.")
        } else {
            None
        }
    };
    let next_value = move || next.get().as_str().to_owned();
    let too_early = move || ticking.get() && remaining.get() > 0;
    view! {
        <div class="resend">
            {move || done().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <p class="hint" aria-live="polite">
                {move || match remaining.get() {
                    0 => "No code yet? You can ask for a new one now.".to_owned(),
                    secs => format!("No code yet? You can ask for a new one in {secs} seconds."),
                }}
            </p>
            <div class="actions">
                <ActionForm action=resend attr:class="inline">
                    <input type="hidden" name="next" value=next_value />
                    <button type="submit" class="secondary" disabled=too_early>
                        "Send a new code"
                    </button>
                </ActionForm>
                <ActionForm action=call attr:class="inline">
                    <input type="hidden" name="next" value=next_value />
                    <button type="submit" class="secondary">"Call me instead"</button>
                </ActionForm>
            </div>
            <FormError error=resend_error />
            <FormError error=call_error />
        </div>
    }
}
