//! `<Loaded>`: what every data page does with its server resource. While it loads, a short
//! sentence in place; when it fails, the guard's redirect (log in, verify) or an error card
//! with the right HTTP status; when it succeeds, the page's own view of the value.

use super::guard_redirect::{error_view, use_here};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

#[component]
pub fn Loaded<T, V, F>(
    resource: Resource<Result<T, AppError>>,
    /// Shown in place while the data loads; the server renders these pages whole
    /// (`SsrMode::Async`) and only the server runs them (islands), so nobody should see it.
    loading: &'static str,
    /// The page's view of the loaded value.
    ready: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let here = use_here();
    view! {
        <Suspense fallback=move || view! { <p>{loading}</p> }>
            {move || {
                let ready = ready.clone();
                Suspend::new(async move {
                    match resource.await {
                        Err(error) => error_view(error, here.get_untracked()),
                        Ok(value) => ready(value).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
