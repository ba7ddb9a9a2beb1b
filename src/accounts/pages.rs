//! The login and sign-up pages.

use super::api::{Login, Register};
use crate::{
    components::{
        form::{last_error, FormError, TextField},
        kept_fields::{KeptFields, WithKeptFields},
        next::{use_next_path, NextField},
    },
    error::Field,
};
use leptos::{prelude::*, server_fn::ServerFn};

/// `children`: what the route adds above the form (a shared poll's invitation).
#[component]
pub fn LoginPage(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let error = last_error(login);
    let next = use_next_path();
    view! {
        <section class="card narrow">
            <h1>"Log in"</h1>
            {children.map(|children| children())}
            <ActionForm action=login>
                <NextField next />
                <WithKeptFields form="login" action=Login::PATH ready=move |kept: KeptFields| view! {
                    <TextField label="Username" name="username" field=Field::Username error=error autocomplete="username" maxlength=150 value=kept.get("username") />
                } />
                <TextField label="Password" name="password" field=Field::Password error=error input_type="password" autocomplete="current-password" maxlength=1024 />
                <FormError error=error />
                <button type="submit" disabled=move || login.pending().get()>"Log in"</button>
            </ActionForm>
            <p class="aside">
                "New here? " <a href=move || next.get().attach_to("/register")>"Create an account"</a>
            </p>
        </section>
    }
}

#[component]
pub fn RegisterPage(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    let register = ServerAction::<Register>::new();
    let error = last_error(register);
    let next = use_next_path();
    view! {
        <section class="card narrow">
            <h1>"Sign up"</h1>
            {children.map(|children| children())}
            <ActionForm action=register>
                <NextField next />
                <WithKeptFields form="register" action=Register::PATH ready=move |kept: KeptFields| view! {
                    <TextField
                        label="Username" name="username" field=Field::Username error=error
                        autocomplete="username" maxlength=150
                        hint="Up to 150 letters, digits and @ . + - _"
                        value=kept.get("username")
                    />
                } />
                <TextField
                    label="Password" name="password" field=Field::Password error=error
                    input_type="password" autocomplete="new-password" maxlength=128
                    hint="8 to 128 characters, not only digits, not your username."
                />
                <TextField
                    label="Password again" name="password_again" field=Field::PasswordAgain error=error
                    input_type="password" autocomplete="new-password" maxlength=128
                />
                <FormError error=error />
                <button type="submit" disabled=move || register.pending().get()>"Sign up"</button>
            </ActionForm>
            <p class="aside">
                <a href=move || next.get().attach_to("/login")>"I already have an account"</a>
            </p>
        </section>
    }
}
