//! `<VerifiedOnly>`: a form-only page that needs a verified session (making a poll) sends a
//! visitor to log in and a member to verify first, as the ballot does, and then comes back.

use crate::{components::loaded::Loaded, error::AppError};
use leptos::prelude::*;

/// `Ok` for a verified session; `NotLoggedIn` / `NotVerified` otherwise.
#[server(endpoint = "check_verified_session")]
pub async fn check_verified_session() -> Result<(), AppError> {
    let request = crate::request::Request::current().await?;
    request.verified_user().await.map(|_| ())
}

#[component]
pub fn VerifiedOnly(children: ChildrenFn) -> impl IntoView {
    let verified = Resource::new(|| (), |_| check_verified_session());
    let children = StoredValue::new(children);
    view! {
        <Loaded resource=verified loading="Loading…" ready=move |()| children.get_value()() />
    }
}
