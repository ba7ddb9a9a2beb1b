//! Server functions for `/polls/mine`. Each needs a verified session and the poll's author.

use crate::{domain::PollId, error::AppError, polls::api::PollFacts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPoll {
    pub id: PollId,
    pub question: String,
    pub facts: PollFacts,
}

#[server(endpoint = "load_my_polls")]
pub async fn load_my_polls() -> Result<Vec<MyPoll>, AppError> {
    use crate::{
        error::OrInternal,
        polls::{format::facts, manage::db},
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let polls = db::fetch_polls_by_author(request.db(), user.id, db::MY_POLLS)
        .await
        .or_internal("listing a member's polls")?;
    Ok(polls
        .into_iter()
        .map(|poll| MyPoll {
            id: poll.id,
            facts: facts(&poll, request.now()),
            question: poll.question,
        })
        .collect())
}

/// Closes the poll for good: no more votes, and its results are final.
#[server(endpoint = "close_poll")]
pub async fn close_poll(poll_id: String) -> Result<(), AppError> {
    use crate::{error::OrInternal, polls::manage::db, request::Request};
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll_id = own_poll(&request, user.id, &poll_id).await?;
    let closed = db::close_poll(request.db(), poll_id, user.id, request.now())
        .await
        .or_internal("closing a poll")?;
    if !closed {
        return Err(AppError::PollClosed);
    }
    tracing::info!(user_id = user.id, %poll_id, "poll closed");
    leptos_axum::redirect("/polls/mine?closed=1");
    Ok(())
}

/// Deletes the poll and its votes, once the author has ticked the confirmation.
#[server(endpoint = "delete_poll")]
pub async fn delete_poll(
    poll_id: String,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        error::{Field, OrInternal},
        polls::manage::db,
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll_id = own_poll(&request, user.id, &poll_id).await?;
    if confirm.as_deref() != Some("yes") {
        return Err(AppError::invalid(
            Field::Confirm,
            "Please tick the box to confirm that the poll and its votes go.",
        ));
    }
    let deleted = db::delete_poll(request.db(), poll_id, user.id)
        .await
        .or_internal("deleting a poll")?;
    if !deleted {
        return Err(AppError::PollNotFound);
    }
    tracing::info!(user_id = user.id, %poll_id, "poll deleted");
    leptos_axum::redirect("/polls/mine?deleted=1");
    Ok(())
}

/// The poll `raw` names, if `user_id` made it.
#[cfg(feature = "ssr")]
async fn own_poll(
    request: &crate::request::Request,
    user_id: i64,
    raw: &str,
) -> Result<PollId, AppError> {
    use crate::{
        error::OrInternal,
        polls::{db, format::parse_poll_id},
    };
    let poll_id = parse_poll_id(raw)?;
    let poll = db::fetch_poll(request.db(), poll_id)
        .await
        .or_internal("loading a poll")?
        .ok_or(AppError::PollNotFound)?;
    if poll.author_id != Some(user_id) {
        return Err(AppError::NotYourPoll);
    }
    Ok(poll_id)
}
