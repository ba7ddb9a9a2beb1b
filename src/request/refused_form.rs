//! (ssr) The last refused form of this browser, kept in its session so the page that says why
//! can show the form as it was typed. With JavaScript the form simply stays on the page; without
//! it, server_fn sends the browser back to the form with the error in the URL (`__err`), and a
//! fresh page would come back empty. Only the last refusal is kept, for the account (or the
//! stranger) that made it; passwords are never kept.

use super::Request;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

const SESSION_KEY: &str = "refused_form";

#[derive(Serialize, Deserialize)]
struct RefusedForm {
    /// Which form: `login`, `poll:new`, `poll:7`…
    form: String,
    user_id: Option<i64>,
    value: serde_json::Value,
}

impl Request {
    /// Keeps `value` as what `form` held when it was refused. Failing to keep it only costs
    /// the person their typing, so it is logged, not returned.
    pub async fn keep_refused_form<T: Serialize>(&self, form: &str, value: &T) {
        let Ok(value) = serde_json::to_value(value) else {
            return;
        };
        let refused = RefusedForm {
            form: form.to_owned(),
            user_id: self.signed_in().map(|user| user.id),
            value,
        };
        if let Err(error) = self.session().insert(SESSION_KEY, refused).await {
            tracing::warn!(%error, form, "could not keep a refused form");
        }
    }

    /// What `form` held when it was last refused, if it was the last form refused here, by
    /// the same account.
    pub async fn refused_form<T: DeserializeOwned>(&self, form: &str) -> Option<T> {
        let refused: RefusedForm = self.session().get(SESSION_KEY).await.ok().flatten()?;
        let same_caller = refused.user_id == self.signed_in().map(|user| user.id);
        if refused.form != form || !same_caller {
            return None;
        }
        serde_json::from_value(refused.value).ok()
    }
}
