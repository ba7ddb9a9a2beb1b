//! `/account`: the username, a slot for what other features show about the account (the route
//! puts two-factor's section there), "sign out other sessions", and the recent activity.

use super::api::{load_account, AccountEvent, AccountView, SignOutOtherSessions};
use crate::components::{
    form::{last_error, FormError},
    loaded::Loaded,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage(
    /// Rendered inside the account card, after the username: the sections other features
    /// keep about the account.
    children: ChildrenFn,
) -> impl IntoView {
    let account = Resource::new(|| (), |_| load_account());
    let children = StoredValue::new(children);
    view! {
        <Loaded resource=account loading="Loading…" ready=move |account: AccountView| view! {
            <AccountDetails account sections=children.get_value() />
        } />
    }
}

#[component]
fn AccountDetails(account: AccountView, sections: ChildrenFn) -> impl IntoView {
    let query = use_query_map();
    let others_signed_out = move || query.read().get("others").is_some();
    let sign_out_others = ServerAction::<SignOutOtherSessions>::new();
    let sign_out_error = last_error(sign_out_others);
    view! {
        <section class="card">
            <h1>"Your account"</h1>
            {move || others_signed_out().then(|| view! {
                <p class="notice" role="status">"Your other sessions are signed out."</p>
            })}
            <dl class="facts">
                <dt>"Username"</dt>
                <dd>{account.username}</dd>
            </dl>
            {sections()}
            {account.verified.then(|| view! {
                <div class="actions">
                    <ActionForm action=sign_out_others attr:class="inline">
                        <button type="submit" class="secondary">"Sign out other sessions"</button>
                    </ActionForm>
                </div>
                <FormError error=sign_out_error />
            })}
        </section>
        <RecentActivity events=account.recent_events />
    }
}

#[component]
fn RecentActivity(events: Vec<AccountEvent>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Recent verification activity"</h2>
            {if events.is_empty() {
                view! { <p>"Nothing yet."</p> }.into_any()
            } else {
                // Four columns are wider than a phone: the table scrolls in its own box, which
                // a keyboard can reach to scroll too.
                view! {
                    <div class="table-scroll" role="region" aria-label="Recent verification activity" tabindex="0">
                    <table>
                        <thead><tr><th scope="col">"Time"</th><th scope="col">"Action"</th><th scope="col">"Outcome"</th><th scope="col">"Number"</th></tr></thead>
                        <tbody>
                            {events.into_iter().map(|event| view! {
                                <tr><td>{event.at}</td><td>{event.action}</td><td>{event.outcome}</td><td>{event.masked_number.unwrap_or_default()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
