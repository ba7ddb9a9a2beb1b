//! Turning a guard error from a server function into the redirect a page should make.

use crate::{domain::NextPath, error::AppError};
use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_location};

/// The current path and query, as a `next` value.
pub fn use_here() -> Signal<NextPath> {
    let location = use_location();
    Signal::derive(move || {
        let search = location.search.get();
        let path = location.pathname.get();
        NextPath::parse(&if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        })
    })
}

/// Not logged in: to the login page; not verified: to the phone step; both coming back to
/// `here` afterwards. Other errors render as a message.
pub fn error_view(error: AppError, here: NextPath) -> AnyView {
    match error {
        AppError::NotLoggedIn => view! { <Redirect path=here.attach_to("/login") /> }.into_any(),
        AppError::NotVerified => view! { <Redirect path=here.attach_to("/2fa") /> }.into_any(),
        other => {
            set_page_status(&other);
            view! {
            <section class="card">
                <h1>"Sorry"</h1>
                <p role="alert">{other.user_message()}</p>
                <p><a href="/">"Back to the polls"</a></p>
            </section>
            }
            .into_any()
        }
    }
}

/// On the server, gives a page that shows `error` the error's HTTP status (a missing poll is
/// a 404, a busy database a 503), so monitors and load balancers see what a person sees.
pub fn set_page_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.http_status()) {
            response.set_status(status);
            if status == axum::http::StatusCode::SERVICE_UNAVAILABLE {
                response.insert_header(axum::http::header::RETRY_AFTER, crate::error::RETRY_AFTER);
            }
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}
