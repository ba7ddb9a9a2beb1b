//! `/2fa/verify`: the code step, with "Send a new code" (after the provider's 30 seconds, a
//! countdown that ticks with JavaScript and is a plain sentence without it) and "Call me
//! instead".

use super::{
    api::{load_code_step, CallMe, CheckCode, CodeStep, ResendCode},
    RESEND_WAIT_SECS,
};
use crate::{
    components::{
        form::{last_error, FormError, TextField},
        loaded::Loaded,
        next::{use_next_path, NextField},
    },
    domain::NextPath,
    error::{AppError, Field},
};
use leptos::{prelude::*, server_fn::ServerFn};
use std::time::Duration;

#[component]
pub fn CodePage() -> impl IntoView {
    let check = ServerAction::<CheckCode>::new();
    let step = Resource::new(|| (), |_| load_code_step());
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
                    <button type="submit">"Verify"</button>
                </ActionForm>
                {step.resend_in_secs.map(|wait| view! {
                    <ResendControls wait next=next.get_untracked() />
                })}
                <p class="aside">
                    <a href=move || next.get().attach_to("/2fa")>"Back to the phone step"</a>
                    " · "
                    <a href=move || next.get().attach_to("/2fa/recovery")>"I lost my phone"</a>
                </p>
            </section>
        } />
    }
}

/// An island: the countdown ticks in the browser, and the two buttons call their server
/// functions from here, so a new code restarts the countdown in place. Without JavaScript
/// the forms post as they are, the button stays usable and the server says if it is too
/// early. The server functions also name the code step as where to go next; that is for the
/// forms without JavaScript: no redirect hook is set in islands mode, so this page stays.
#[island]
fn ResendControls(
    /// Seconds until a new code may be asked for.
    wait: i64,
    next: NextPath,
) -> impl IntoView {
    let resend = ServerAction::<ResendCode>::new();
    let call = ServerAction::<CallMe>::new();
    let remaining = RwSignal::new(wait);
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
    // A new code starts a new request, which the provider lets be replaced only later; a
    // refusal as too early says how long is left (another tab may have sent a code).
    Effect::new(move |_| match resend.value().get() {
        Some(Ok(())) => remaining.set(RESEND_WAIT_SECS),
        Some(Err(AppError::TooSoon { retry_after_secs })) => remaining.set(retry_after_secs),
        _ => {}
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
    let too_early = move || ticking.get() && remaining.get() > 0;
    let next = StoredValue::new(next.as_str().to_owned());
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
                <form method="post" action=ResendCode::PATH class="inline" on:submit=move |ev| {
                    ev.prevent_default();
                    resend.dispatch(ResendCode { next: next.get_value() });
                }>
                    <input type="hidden" name="next" value=next.get_value() />
                    <button type="submit" class="secondary" disabled=move || too_early() || resend.pending().get()>
                        "Send a new code"
                    </button>
                </form>
                <form method="post" action=CallMe::PATH class="inline" on:submit=move |ev| {
                    ev.prevent_default();
                    call.dispatch(CallMe { next: next.get_value() });
                }>
                    <input type="hidden" name="next" value=next.get_value() />
                    <button type="submit" class="secondary" disabled=move || call.pending().get()>"Call me instead"</button>
                </form>
            </div>
            <FormError error=resend_error />
            <FormError error=call_error />
        </div>
    }
}
