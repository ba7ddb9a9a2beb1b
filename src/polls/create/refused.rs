//! A refused poll form, kept so the person finds what they typed. With JavaScript the form
//! stays on the page as it was; without it, server_fn sends the browser back to the form with
//! the error in the URL (`__err`), and the fresh page would be empty. So the server keeps the
//! last refused poll form in the session, and the form page reads it back when its URL says
//! the last submission was refused.

use super::fields::PollDraft;
use crate::error::AppError;
use leptos::prelude::*;

/// The new-poll form's refused draft, if the last refusal was of a new poll by this caller.
#[server(endpoint = "load_refused_poll_draft")]
pub async fn load_refused_poll_draft() -> Result<Option<PollDraft>, AppError> {
    let request = crate::request::Request::current().await?;
    let user = request.verified_user().await?;
    Ok(ssr::recall(&request, user.id, None).await)
}

#[cfg(feature = "ssr")]
pub use ssr::{recall, remember};

#[cfg(feature = "ssr")]
mod ssr {
    use super::PollDraft;
    use crate::{
        domain::{
            new_poll::NewPollForm,
            poll_limits::{CHOICE_MAX_CHARS, MAX_CHOICES, QUESTION_MAX_CHARS},
            PollId,
        },
        request::Request,
    };
    use serde::{Deserialize, Serialize};

    const SESSION_KEY: &str = "refused_poll_form";
    /// A refused value may be too long (that can be why it was refused); it is kept up to
    /// twice its limit, so the person sees it was long, and the session stays small.
    const KEPT_OVER_LIMIT: usize = 2;

    #[derive(Serialize, Deserialize)]
    struct RefusedDraft {
        user_id: i64,
        /// The poll being edited; none for a new one.
        poll_id: Option<PollId>,
        draft: PollDraft,
    }

    /// Keeps `form` as the caller's last refused one. Failing to keep it only costs the
    /// person their typing, so it is logged, not returned.
    pub async fn remember(
        request: &Request,
        user_id: i64,
        poll_id: Option<PollId>,
        form: &NewPollForm<'_>,
    ) {
        let refused = RefusedDraft {
            user_id,
            poll_id,
            draft: draft_of(form),
        };
        if let Err(error) = request.session().insert(SESSION_KEY, refused).await {
            tracing::warn!(%error, "could not keep a refused poll form");
        }
    }

    /// The caller's last refused form for `poll_id` (none: the new-poll form), if that is
    /// what was refused last.
    pub async fn recall(
        request: &Request,
        user_id: i64,
        poll_id: Option<PollId>,
    ) -> Option<PollDraft> {
        let refused: RefusedDraft = request.session().get(SESSION_KEY).await.ok().flatten()?;
        (refused.user_id == user_id && refused.poll_id == poll_id).then_some(refused.draft)
    }

    fn draft_of(form: &NewPollForm<'_>) -> PollDraft {
        let kept = |text: &str, limit: usize| text.chars().take(limit * KEPT_OVER_LIMIT).collect();
        // An option the form does not offer is dropped: the form then checks its default.
        let known = |value: &str, known: &[&str]| {
            let value = value.trim();
            if known.contains(&value) {
                value.to_owned()
            } else {
                String::new()
            }
        };
        PollDraft {
            question: kept(form.question, QUESTION_MAX_CHARS),
            choices: form
                .choices
                .iter()
                .take(MAX_CHOICES)
                .map(|choice| kept(choice, CHOICE_MAX_CHARS))
                .collect(),
            multiple_answers: form.answers.trim() == "several",
            closes: known(form.closes, &["never", "1h", "1d", "1w", "at"]),
            // A datetime-local value is 16 characters; anything longer is not one.
            closes_at: kept(form.closes_at, 8),
            results_shown: known(form.results_shown, &["always", "after_vote", "after_close"]),
        }
    }
}
