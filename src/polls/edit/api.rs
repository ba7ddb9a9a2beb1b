//! Server functions for editing a poll. Each needs a verified session and the poll's author
//! (or a moderator), and a poll with no vote yet.

use crate::{domain::PollId, error::AppError, polls::create::fields::PollDraft};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditablePoll {
    pub poll_id: PollId,
    pub draft: PollDraft,
}

/// The poll as it is, or, when `refused` (the page shows a refused edit), as it was typed.
#[server(endpoint = "load_poll_draft")]
pub async fn load_poll_draft(
    poll_id: String,
    #[server(default)] refused: bool,
) -> Result<EditablePoll, AppError> {
    use crate::{
        error::OrInternal,
        polls::{create::refused::recall, db::fetch_choices, manage::api::managed_poll},
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll = managed_poll(&request, user, &poll_id).await?;
    if poll.is_closed(request.now()) {
        return Err(AppError::PollClosed);
    }
    if poll.voters > 0 {
        return Err(AppError::PollHasVotes);
    }
    if refused {
        if let Some(draft) = recall(&request, Some(poll.id)).await {
            return Ok(EditablePoll {
                poll_id: poll.id,
                draft,
            });
        }
    }
    let choices = fetch_choices(request.db(), poll.id)
        .await
        .or_internal("loading choices")?;
    Ok(EditablePoll {
        poll_id: poll.id,
        draft: PollDraft {
            question: poll.question,
            choices: choices.into_iter().map(|c| c.text).collect(),
            multiple_answers: poll.multiple_answers != 0,
            closes: if poll.closes_at.is_some() {
                "at"
            } else {
                "never"
            }
            .to_owned(),
            closes_at: poll
                .closes_at
                .map(crate::domain::utc::datetime_local)
                .unwrap_or_default(),
            results_shown: poll.results_shown,
        },
    })
}

/// The form's fields as `create_poll` takes them; the poll's page afterwards.
#[server(endpoint = "update_poll")]
#[allow(clippy::too_many_arguments)] // One per form field, as the form posts them.
pub async fn update_poll(
    poll_id: String,
    question: String,
    #[server(default)] choices: Vec<String>,
    closes: String,
    #[server(default)] closes_at: String,
    results_shown: String,
    answers: String,
) -> Result<(), AppError> {
    use crate::{
        domain::new_poll::{NewPoll, NewPollForm},
        error::OrInternal,
        polls::{
            create::refused::kept_if_refused,
            edit::db,
            manage::api::{managed_poll, record_if_moderating},
        },
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll = managed_poll(&request, user, &poll_id).await?;
    let form = NewPollForm {
        question: &question,
        choices: &choices,
        closes: &closes,
        closes_at: &closes_at,
        results_shown: &results_shown,
        answers: &answers,
    };
    let edited: Result<(), AppError> = async {
        let edited = NewPoll::parse(&form, request.now())
            .map_err(|(field, message)| AppError::invalid(field, message))?;
        if poll.is_closed(request.now()) {
            return Err(AppError::PollClosed);
        }
        let updated = db::update_poll(request.db(), poll.id, &edited, request.now())
            .await
            .or_internal("editing a poll")?;
        if !updated {
            // Between the look above and the write: a vote came, or the poll closed.
            let now_closed = managed_poll(&request, user, &poll_id)
                .await?
                .is_closed(request.now());
            return Err(if now_closed {
                AppError::PollClosed
            } else {
                AppError::PollHasVotes
            });
        }
        Ok(())
    }
    .await;
    kept_if_refused(&request, Some(poll.id), &form, edited).await?;
    request.state().live.poll_changed(poll.id).await;
    record_if_moderating(&request, user, &poll, "edit").await?;
    tracing::info!(user_id = user.id, poll_id = %poll.id, "poll edited");
    leptos_axum::redirect(&format!("/polls/{}", poll.id));
    Ok(())
}
