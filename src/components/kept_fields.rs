//! The text a refused form held, for forms of a few plain fields (log in, sign up, the phone
//! number): the server keeps them (`request::refused_form`) when it refuses a post, and the
//! page shows them again when its URL says the last post was refused. With JavaScript or
//! without, a form posts as a page does (`navigation.js` only fetches that page), so this is
//! the one way back to a refused form.

use super::{form::use_refused_submission, loaded::Loaded};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Field name to the text it held.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFields(BTreeMap<String, String>);

impl KeptFields {
    /// At most this many characters of a field are kept: more than any of these fields takes
    /// (a username is at most 150, a phone number 40).
    const MAX_CHARS: usize = 160;

    pub fn of(fields: &[(&str, &str)]) -> Self {
        Self(
            fields
                .iter()
                .map(|(name, text)| {
                    (
                        (*name).to_owned(),
                        text.chars().take(Self::MAX_CHARS).collect(),
                    )
                })
                .collect(),
        )
    }

    /// What `name` held, if anything.
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).filter(|text| !text.is_empty()).cloned()
    }
}

#[server(endpoint = "load_kept_fields")]
pub async fn load_kept_fields(form: String) -> Result<KeptFields, AppError> {
    let request = crate::request::Request::current().await?;
    Ok(request.refused_form(&form).await.unwrap_or_default())
}

/// `ready` with what `form` held when its post to `action` (the server function's path) was
/// refused, or with nothing.
#[component]
pub fn WithKeptFields<V, F>(form: &'static str, action: &'static str, ready: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(KeptFields) -> V + Clone + Send + Sync + 'static,
{
    let refused = use_refused_submission(action);
    let kept = Resource::new(
        move || refused.get(),
        move |refused| async move {
            if refused {
                load_kept_fields(form.to_owned()).await
            } else {
                Ok(KeptFields::default())
            }
        },
    );
    view! { <Loaded resource=kept loading="Loading…" ready /> }
}
