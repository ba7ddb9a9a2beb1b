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
use leptos::{nonce::use_nonce, prelude::*};
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// Links and forms as page fetches once the page runs JavaScript (what it does and why it is
/// not Leptos' islands router: in the file).
const NAVIGATION_SCRIPT: &str = include_str!("navigation.js");

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
                <HydrationScripts options islands=true />
                <script type="module" nonce=use_nonce()>{NAVIGATION_SCRIPT}</script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Every route renders on the server with its data in place (`SsrMode::Async`): the pages work
/// with JavaScript off, and the guards can answer with a real redirect. This runs on the
/// server only (islands mode): in the browser, `navigation.js` fetches the next page's HTML
/// and puts it in place, and only `#[island]` components run there.
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
