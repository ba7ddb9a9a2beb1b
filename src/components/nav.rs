//! The nav bar: who is logged in, and the way in or out.

use crate::{
    accounts::api::{load_current_user, Logout},
    domain::NextPath,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Nav() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let location = use_location();
    // Read on the server for every page (each navigation is a page fetch).
    let user = Resource::new(|| (), |_| load_current_user());
    // "Log in" brings the person back here afterwards, except from the account pages.
    let login_href = move || {
        let path = location.pathname.get();
        if path.starts_with("/login") || path.starts_with("/register") {
            "/login".to_owned()
        } else {
            NextPath::parse(&path).attach_to("/login")
        }
    };
    view! {
        <header class="site-header">
            <span class="brand">"Pollstr"</span>
            <nav aria-label="Main">
                <a href="/">"Polls"</a>
                <a href="/polls/new">"New poll"</a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await {
                            Ok(Some(current)) => view! {
                                <span class="who">"Signed in as " <strong>{current.username}</strong></span>
                                <a href="/polls/mine">"My polls"</a>
                                <a href="/account">"Account"</a>
                                <ActionForm action=logout attr:class="inline">
                                    <button type="submit" class="link-button">"Log out"</button>
                                </ActionForm>
                            }
                            .into_any(),
                            _ => view! {
                                <a href=login_href>"Log in"</a>
                                <a href="/register">"Sign up"</a>
                            }
                            .into_any(),
                        }
                    })}
                </Suspense>
            </nav>
        </header>
    }
}
