//! `/account/recovery-codes` (the new codes, shown once) and `/2fa/recovery` ("I lost my
//! phone": verify with a recovery code).

use super::api::{take_fresh_recovery_codes, FreshRecoveryCodes, UseRecoveryCode};
use crate::{
    components::{
        form::{last_error, FormError, TextField},
        loaded::Loaded,
        next::{use_next_path, NextField},
    },
    error::Field,
};
use leptos::prelude::*;

/// The codes as a text file the browser can save, with no second request.
fn download_href(codes: &[String]) -> String {
    let text = format!(
        "Pollstr recovery codes. Each works once, when you cannot receive a code by SMS.\n\n{}\n",
        codes.join("\n")
    );
    let encoded: String =
        percent_encoding::utf8_percent_encode(&text, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    format!("data:text/plain;charset=utf-8,{encoded}")
}

#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let fresh = Resource::new(|| (), |_| take_fresh_recovery_codes());
    let next = use_next_path();
    view! {
        <Loaded resource=fresh loading="Loading…" ready=move |fresh: FreshRecoveryCodes| {
            if fresh.codes.is_empty() {
                return view! {
                    <section class="card narrow">
                        <h1>"Recovery codes"</h1>
                        <p>"Recovery codes are shown only once, right after they are made. You can make a new set on your account page."</p>
                        <p><a href="/account">"Go to my account"</a></p>
                    </section>
                }.into_any();
            }
            let href = download_href(&fresh.codes);
            view! {
                <section class="card narrow">
                    <h1>"Your recovery codes"</h1>
                    <p>"If you lose your phone, each of these codes lets you in once instead of an SMS code. Keep them somewhere safe: this is the only time they are shown."</p>
                    <ul class="recovery-codes" aria-label="Recovery codes">
                        {fresh.codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
                    </ul>
                    <p><a href=href download="pollstr-recovery-codes.txt">"Download as a text file"</a></p>
                    <p><a class="button" href=move || next.get().as_str().to_owned()>"I have saved them, continue"</a></p>
                </section>
            }.into_any()
        } />
    }
}

#[component]
pub fn RecoveryPage() -> impl IntoView {
    let recover = ServerAction::<UseRecoveryCode>::new();
    let error = last_error(recover);
    let next = use_next_path();
    view! {
        <section class="card narrow">
            <h1>"Lost your phone?"</h1>
            <p>"Type one of the recovery codes you saved when you confirmed your number. Each code works once."</p>
            <ActionForm action=recover>
                <NextField next />
                <TextField
                    label="Recovery code" name="recovery_code" field=Field::RecoveryCode error=error
                    maxlength=40 hint="Like ABCDE-FGHJK"
                />
                <FormError error=error />
                <button type="submit" disabled=move || recover.pending().get()>"Use recovery code"</button>
            </ActionForm>
            <p class="aside"><a href=move || next.get().attach_to("/2fa/verify")>"Back to the code step"</a></p>
        </section>
    }
}
