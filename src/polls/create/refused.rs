//! A refused poll form, kept so the person finds what they typed when JavaScript is off (see
//! `request::refused_form`): the new-poll form reads it back here, the edit form through
//! `load_poll_draft`.

use super::fields::PollDraft;
use crate::error::AppError;
use leptos::prelude::*;

/// The new-poll form as it was last refused, if it was.
#[server(endpoint = "load_refused_poll_draft")]
pub async fn load_refused_poll_draft() -> Result<Option<PollDraft>, AppError> {
    let request = crate::request::Request::current().await?;
    request.verified_user().await?;
    Ok(recall(&request, None).await)
}

#[cfg(feature = "ssr")]
pub use ssr::{kept_if_refused, recall};

#[cfg(feature = "ssr")]
mod ssr {
    use super::PollDraft;
    use crate::{
        domain::{
            new_poll::NewPollForm,
            poll_limits::{CHOICE_MAX_CHARS, MAX_CHOICES, QUESTION_MAX_CHARS},
            PollId,
        },
        error::AppError,
        request::Request,
    };

    /// A refused value may be too long (that can be why it was refused); it is kept up to
    /// twice its limit, so the person sees it was long, and the session stays small.
    const KEPT_OVER_LIMIT: usize = 2;

    /// `poll:new`, or `poll:7` for an edit of poll 7.
    fn form_name(poll_id: Option<PollId>) -> String {
        poll_id.map_or_else(|| "poll:new".to_owned(), |id| format!("poll:{id}"))
    }

    /// `result`, after keeping `form` if it is a refusal (see `Request::kept_if_refused`).
    pub async fn kept_if_refused<T>(
        request: &Request,
        poll_id: Option<PollId>,
        form: &NewPollForm<'_>,
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        request
            .kept_if_refused(&form_name(poll_id), || draft_of(form), result)
            .await
    }

    pub async fn recall(request: &Request, poll_id: Option<PollId>) -> Option<PollDraft> {
        request.refused_form(&form_name(poll_id)).await
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
            // A datetime-local value is 16 characters (`YYYY-MM-DDTHH:MM`); more is not one.
            closes_at: form.closes_at.chars().take(16).collect(),
            results_shown: known(form.results_shown, &["always", "after_vote", "after_close"]),
        }
    }
}
