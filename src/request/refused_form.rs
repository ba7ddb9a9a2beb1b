//! (ssr) The last refused form of this browser, kept in its session so the page that says why
//! can show the form as it was typed. A form posts as a page does (with JavaScript,
//! `navigation.js` fetches that same page), and server_fn sends the browser back to the form
//! with the error in the URL (`__err`): a fresh page would come back empty. A server function
//! called from an island's code (a JSON call) keeps nothing: its form stays on the page. Only the last refusal is
//! kept, for the account (or the stranger) that made it, and only until that form is sent
//! successfully. Passwords are never kept.

use super::Request;
use crate::error::AppError;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::time::Duration;
use tower_sessions::Expiry;

const SESSION_KEY: &str = "refused_form";
/// A stranger's session made only to carry a refused form lives this long, not a login's
/// two weeks: a client that never comes back for its form leaves no lasting row.
const STRANGER_KEEPS_FOR: Duration = Duration::from_secs(10 * 60);

#[derive(Serialize, Deserialize)]
struct RefusedForm {
    /// Which form: `login`, `poll:new`, `poll:7`…
    form: String,
    user_id: Option<i64>,
    value: serde_json::Value,
}

impl Request {
    /// `result`, after keeping `kept` as what `form` held when it is a refusal of a plain
    /// form post, or forgetting an earlier refusal when it is a success.
    pub async fn kept_if_refused<T, K: Serialize>(
        &self,
        form: &str,
        kept: impl FnOnce() -> K,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if !self.is_plain_form_post() {
            return result;
        }
        match &result {
            Err(_) => self.keep_refused_form(form, &kept()).await,
            Ok(_) => {
                let _ = self.session().remove::<RefusedForm>(SESSION_KEY).await;
            }
        }
        result
    }

    /// Failing to keep a form only costs the person their typing, so it is logged.
    async fn keep_refused_form<K: Serialize>(&self, form: &str, value: &K) {
        let Ok(value) = serde_json::to_value(value) else {
            return;
        };
        let user_id = self.signed_in().map(|user| user.id);
        let session = self.session();
        if user_id.is_none() && session.is_empty().await {
            session.set_expiry(Some(Expiry::OnInactivity(
                time::Duration::try_from(STRANGER_KEEPS_FOR).unwrap_or(time::Duration::MINUTE),
            )));
        }
        let refused = RefusedForm {
            form: form.to_owned(),
            user_id,
            value,
        };
        if let Err(error) = session.insert(SESSION_KEY, refused).await {
            tracing::warn!(%error, form, "could not keep a refused form");
        }
    }

    /// What `form` held when it was last refused, if it was the last form refused here, by
    /// the same account. (Read, not taken: a page may render its parts more than once.)
    pub async fn refused_form<T: DeserializeOwned>(&self, form: &str) -> Option<T> {
        let refused: RefusedForm = self.session().get(SESSION_KEY).await.ok().flatten()?;
        let same_caller = refused.user_id == self.signed_in().map(|user| user.id);
        if refused.form != form || !same_caller {
            return None;
        }
        serde_json::from_value(refused.value).ok()
    }
}
