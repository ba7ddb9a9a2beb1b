//! Server functions and wire types for polls.

use crate::{
    domain::{ChoiceId, PollId},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What every poll page says about a poll besides its question and answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollFacts {
    /// The author's username; none when their account is gone.
    pub author: Option<String>,
    /// `YYYY-MM-DD`, UTC.
    pub published: String,
    pub open: bool,
    /// "Open", "Open, closes in 3 hours" or "Closed on 2026-12-01 14:00 UTC".
    pub status: String,
    /// People who voted.
    pub voters: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollSummary {
    pub id: PollId,
    pub question: String,
    pub facts: PollFacts,
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub poll_id: PollId,
    pub question: String,
    pub facts: PollFacts,
    pub choices: Vec<BallotChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotChoice {
    pub id: ChoiceId,
    pub text: String,
    /// The caller's current vote.
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResults {
    pub poll_id: PollId,
    pub question: String,
    pub facts: PollFacts,
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
    use crate::{error::OrInternal, polls::db, request::Request};
    let request = Request::current().await?;
    let polls = db::fetch_latest_polls(request.db(), db::LATEST_POLLS)
        .await
        .or_internal("listing polls")?;
    let choices = db::fetch_choices_of_latest_polls(request.db(), db::LATEST_POLLS)
        .await
        .or_internal("listing choices")?;
    Ok(polls
        .into_iter()
        .map(|poll| PollSummary {
            id: poll.id,
            facts: crate::polls::format::facts(&poll, request.now()),
            question: poll.question,
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
        error::OrInternal,
        polls::{
            db,
            format::{facts, parse_poll_id},
        },
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    let poll = db::fetch_poll(request.db(), poll_id)
        .await
        .or_internal("loading a poll")?
        .ok_or(AppError::PollNotFound)?;
    let choices = db::fetch_choices(request.db(), poll_id)
        .await
        .or_internal("loading choices")?;
    let current = db::fetch_vote(request.db(), poll_id, user.id)
        .await
        .or_internal("loading a vote")?;
    Ok(Ballot {
        poll_id,
        facts: facts(&poll, request.now()),
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
        error::OrInternal,
        polls::{
            db,
            format::{parse_choice_id, parse_poll_id},
        },
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let (poll_id, choice_id) = (parse_poll_id(&poll_id)?, parse_choice_id(choice_id)?);
    let recorded = db::record_vote(request.db(), poll_id, user.id, choice_id, request.now())
        .await
        .or_internal("recording a vote")?;
    if !recorded {
        let poll = db::fetch_poll(request.db(), poll_id)
            .await
            .or_internal("loading a poll")?
            .ok_or(AppError::PollNotFound)?;
        let closed = poll.closes_at.is_some_and(|at| at <= request.now());
        return Err(if closed {
            AppError::PollClosed
        } else {
            AppError::InvalidChoice
        });
    }
    tracing::info!(user_id = user.id, %poll_id, "vote recorded");
    leptos_axum::redirect(&format!("/polls/{poll_id}/results"));
    Ok(())
}

/// Results show on the author's terms (always, after the caller voted, or once the poll has
/// closed; the author always sees them); "yours" is marked for a logged-in caller.
#[server(endpoint = "load_poll_results")]
pub async fn load_poll_results(poll_id: String) -> Result<PollResults, AppError> {
    use crate::{
        error::OrInternal,
        polls::{
            db,
            format::{facts, parse_poll_id, percentages},
            visibility::may_see_results,
        },
        request::Request,
    };
    let request = Request::current().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    let poll = db::fetch_poll(request.db(), poll_id)
        .await
        .or_internal("loading a poll")?
        .ok_or(AppError::PollNotFound)?;
    let mine = match request.signed_in() {
        Some(user) => db::fetch_vote(request.db(), poll_id, user.id)
            .await
            .or_internal("loading a vote")?,
        None => None,
    };
    let caller = request.signed_in().map(|user| user.id);
    may_see_results(&poll, caller, mine.is_some(), request.now())?;
    let counts = db::fetch_results(request.db(), poll_id)
        .await
        .or_internal("counting votes")?;
    let votes: Vec<i64> = counts.iter().map(|c| c.votes).collect();
    let shares = percentages(&votes);
    Ok(PollResults {
        poll_id,
        facts: facts(&poll, request.now()),
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
