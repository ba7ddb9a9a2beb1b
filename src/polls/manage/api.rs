//! Server functions for `/polls/mine`. Each needs a verified session and the poll's author.

use crate::{domain::PollId, error::AppError, polls::api::PollFacts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPoll {
    pub id: PollId,
    pub question: String,
    pub facts: PollFacts,
    /// A moderator hid it.
    pub hidden: bool,
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
            hidden: poll.hidden_at.is_some(),
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
    let poll = managed_poll(&request, user, &poll_id).await?;
    let closed = db::close_poll(request.db(), poll.id, request.now())
        .await
        .or_internal("closing a poll")?;
    if !closed {
        return Err(AppError::PollClosed);
    }
    request.state().live.poll_changed(poll.id).await;
    record_if_moderating(&request, user, &poll, "close").await?;
    tracing::info!(user_id = user.id, poll_id = %poll.id, "poll closed");
    leptos_axum::redirect("/polls/mine?closed=1");
    Ok(())
}

/// Deletes the poll and its votes, once the author has ticked the confirmation.
#[server(endpoint = "delete_poll")]
pub async fn delete_poll(
    poll_id: String,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::{error::OrInternal, polls::manage::db, request::Request};
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll = managed_poll(&request, user, &poll_id).await?;
    confirmed(confirm.as_deref(), &poll.question)?;
    let deleted = db::delete_poll(request.db(), poll.id)
        .await
        .or_internal("deleting a poll")?;
    if !deleted {
        return Err(AppError::PollNotFound);
    }
    request.state().live.poll_changed(poll.id).await;
    record_if_moderating(&request, user, &poll, "delete").await?;
    tracing::info!(user_id = user.id, poll_id = %poll.id, "poll deleted");
    leptos_axum::redirect("/polls/mine?deleted=1");
    Ok(())
}

/// A deletion goes ahead only with its box ticked (`confirm=yes`). The refusal names the poll:
/// a page of several polls shows it once, above them all.
#[cfg(feature = "ssr")]
pub(crate) fn confirmed(confirm: Option<&str>, question: &str) -> Result<(), AppError> {
    if confirm == Some("yes") {
        Ok(())
    } else {
        Err(AppError::invalid(
            crate::error::Field::Confirm,
            format!("To delete “{question}”, please tick the box that confirms its votes go too."),
        ))
    }
}

/// The poll `raw` names, if `user` made it or moderates.
#[cfg(feature = "ssr")]
pub(crate) async fn managed_poll(
    request: &crate::request::Request,
    user: &crate::accounts::backend::User,
    raw: &str,
) -> Result<crate::polls::db::PollRow, AppError> {
    use crate::polls::{
        format::parse_poll_id,
        visibility::{fetch_visible, may_manage},
    };
    let poll = fetch_visible(request.db(), parse_poll_id(raw)?, Some(user)).await?;
    if may_manage(&poll, user) {
        Ok(poll)
    } else {
        Err(AppError::NotYourPoll)
    }
}

/// A moderator acting on someone else's poll leaves a record of it.
#[cfg(feature = "ssr")]
pub(crate) async fn record_if_moderating(
    request: &crate::request::Request,
    user: &crate::accounts::backend::User,
    poll: &crate::polls::db::PollRow,
    action: &str,
) -> Result<(), AppError> {
    use crate::{error::OrInternal, polls::moderation::db};
    if poll.author_id == Some(user.id) {
        return Ok(());
    }
    let target = db::poll_target(poll);
    db::record(request.db(), &user.username, action, &target, request.now())
        .await
        .or_internal("recording a moderation action")
}
