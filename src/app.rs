//! The HTML shell, the app component and the route table.

use crate::{
    accounts::{
        account::page::AccountPage,
        pages::{LoginPage, RegisterPage},
    },
    components::nav::Nav,
    polls::{
        create::page::NewPollPage,
        edit::page::EditPollPage,
        manage::page::MyPollsPage,
        pages::{BallotPage, HomePage, ResultsPage},
        share::invitation::PollInvitation,
    },
    two_factor::{
        code::page::CodePage,
        phone::page::PhonePage,
        recovery::pages::{RecoveryCodesPage, RecoveryPage},
        status::section::TwoFactorSection,
    },
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // `/pkg/pollstr.<hash>.css` of this build (see `server::assets`).
                <HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Every route renders on the server with its data in place (`SsrMode::Async`): the pages work
/// with JavaScript off, and the guards can answer with a real redirect.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Pollstr" />
        <Router>
            <Nav />
            <main>
                <Routes fallback=|| view! { <section class="card"><h1>"Page not found"</h1><p><a href="/">"Back to the polls"</a></p></section> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/polls/new") view=NewPollPage ssr=SsrMode::Async />
                    <Route path=path!("/polls/mine") view=MyPollsPage ssr=SsrMode::Async />
                    <Route path=path!("/polls/:id") view=BallotPage ssr=SsrMode::Async />
                    <Route path=path!("/polls/:id/results") view=ResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/polls/:id/edit") view=EditPollPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=|| view! { <LoginPage><PollInvitation /></LoginPage> } ssr=SsrMode::Async />
                    <Route path=path!("/register") view=|| view! { <RegisterPage><PollInvitation /></RegisterPage> } ssr=SsrMode::Async />
                    <Route path=path!("/2fa") view=PhonePage ssr=SsrMode::Async />
                    <Route path=path!("/2fa/verify") view=CodePage ssr=SsrMode::Async />
                    <Route path=path!("/2fa/recovery") view=RecoveryPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=|| view! { <AccountPage><TwoFactorSection /></AccountPage> } ssr=SsrMode::Async />
                    <Route path=path!("/account/recovery-codes") view=RecoveryCodesPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
    }
}
