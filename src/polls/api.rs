//! Server functions and wire types for polls.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollSummary {
    pub id: i64,
    pub question: String,
    /// `YYYY-MM-DD`, UTC.
    pub published: String,
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub poll_id: i64,
    pub question: String,
    pub choices: Vec<BallotChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotChoice {
    pub id: i64,
    pub text: String,
    /// The caller's current vote.
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResults {
    pub poll_id: i64,
    pub question: String,
    pub choices: Vec<ChoiceResult>,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceResult {
    pub text: String,
    pub votes: i64,
    /// Whole percent of all votes (0 when there are none).
    pub percent: i64,
    /// The caller voted for this one.
    pub mine: bool,
}

#[server(endpoint = "list_polls")]
pub async fn list_polls() -> Result<Vec<PollSummary>, AppError> {
    use crate::{
        polls::db,
        server::state::{internal_error, AppState},
    };
    let state = AppState::current()?;
    let polls = db::fetch_latest_polls(&state.db, db::LATEST_POLLS)
        .await
        .map_err(|e| internal_error("listing polls", e))?;
    let choices = db::fetch_choices_of_latest_polls(&state.db, db::LATEST_POLLS)
        .await
        .map_err(|e| internal_error("listing choices", e))?;
    Ok(polls
        .into_iter()
        .map(|poll| PollSummary {
            id: poll.id,
            question: poll.question,
            published: crate::polls::format::date(poll.published_at),
            choices: choices
                .iter()
                .filter(|c| c.poll_id == poll.id)
                .map(|c| c.text.clone())
                .collect(),
        })
        .collect())
}

/// The poll's ballot, for a verified user only.
#[server(endpoint = "load_ballot")]
pub async fn load_ballot(poll_id: String) -> Result<Ballot, AppError> {
    use crate::{
        polls::{db, format::parse_poll_id},
        server::state::{internal_error, AppState},
        two_factor::guard::require_verified_user,
    };
    let user = require_verified_user().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    let state = AppState::current()?;
    let poll = db::fetch_poll(&state.db, poll_id)
        .await
        .map_err(|e| internal_error("loading a poll", e))?
        .ok_or(AppError::PollNotFound)?;
    let choices = db::fetch_choices(&state.db, poll_id)
        .await
        .map_err(|e| internal_error("loading choices", e))?;
    let current = db::fetch_vote(&state.db, poll_id, user.id)
        .await
        .map_err(|e| internal_error("loading a vote", e))?;
    Ok(Ballot {
        poll_id,
        question: poll.question,
        choices: choices
            .into_iter()
            .map(|c| BallotChoice {
                chosen: current == Some(c.id),
                id: c.id,
                text: c.text,
            })
            .collect(),
    })
}

/// Records (or moves) the caller's vote, then shows the results.
#[server(endpoint = "vote")]
pub async fn vote(poll_id: String, choice_id: Option<String>) -> Result<(), AppError> {
    use crate::{
        error::Field,
        polls::{db, format::parse_poll_id},
        server::{
            db::unix_now,
            state::{internal_error, AppState},
        },
        two_factor::guard::require_verified_user,
    };
    let user = require_verified_user().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    let choice_id: i64 = choice_id
        .as_deref()
        .and_then(|c| c.trim().parse().ok())
        .ok_or_else(|| AppError::invalid(Field::Choice, "Please choose one of the answers."))?;
    let state = AppState::current()?;
    let recorded = db::record_vote(&state.db, poll_id, user.id, choice_id, unix_now())
        .await
        .map_err(|e| internal_error("recording a vote", e))?;
    if !recorded {
        let exists = db::fetch_poll(&state.db, poll_id)
            .await
            .map_err(|e| internal_error("loading a poll", e))?;
        return Err(if exists.is_some() {
            AppError::InvalidChoice
        } else {
            AppError::PollNotFound
        });
    }
    tracing::info!(user_id = user.id, poll_id, "vote recorded");
    leptos_axum::redirect(&format!("/polls/{poll_id}/results"));
    Ok(())
}

/// Results are public; "yours" is marked for a logged-in caller.
#[server(endpoint = "load_poll_results")]
pub async fn load_poll_results(poll_id: String) -> Result<PollResults, AppError> {
    use crate::{
        polls::{
            db,
            format::{parse_poll_id, percentages},
        },
        server::state::{internal_error, AppState},
        two_factor::guard::auth_session,
    };
    let poll_id = parse_poll_id(&poll_id)?;
    let state = AppState::current()?;
    let poll = db::fetch_poll(&state.db, poll_id)
        .await
        .map_err(|e| internal_error("loading a poll", e))?
        .ok_or(AppError::PollNotFound)?;
    let counts = db::fetch_results(&state.db, poll_id)
        .await
        .map_err(|e| internal_error("counting votes", e))?;
    let mine = match auth_session().await?.user {
        Some(user) => db::fetch_vote(&state.db, poll_id, user.id)
            .await
            .map_err(|e| internal_error("loading a vote", e))?,
        None => None,
    };
    let votes: Vec<i64> = counts.iter().map(|c| c.votes).collect();
    let shares = percentages(&votes);
    Ok(PollResults {
        poll_id,
        question: poll.question,
        total: votes.iter().sum(),
        choices: counts
            .into_iter()
            .zip(shares)
            .map(|(c, percent)| ChoiceResult {
                mine: mine == Some(c.id),
                text: c.text,
                votes: c.votes,
                percent,
            })
            .collect(),
    })
}
