//! Server functions and wire types for polls.

use crate::{
    domain::{ChoiceId, PollId},
    error::AppError,
    polls::share::ShareCard,
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
pub struct Ballot {
    pub poll_id: PollId,
    pub question: String,
    pub facts: PollFacts,
    /// Tick boxes (several answers) instead of one choice.
    pub multiple_answers: bool,
    pub choices: Vec<BallotChoice>,
    pub share: ShareCard,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotChoice {
    pub id: ChoiceId,
    pub text: String,
    /// In the caller's current vote.
    pub chosen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResults {
    pub poll_id: PollId,
    pub question: String,
    pub facts: PollFacts,
    /// The caller made the poll (or moderates): the page offers the results as a CSV file.
    pub can_export: bool,
    /// For a moderator: what the page's moderation box shows.
    pub moderation: Option<Moderation>,
    /// People could tick several answers: shares are of the people who voted.
    pub multiple_answers: bool,
    pub choices: Vec<ChoiceResult>,
    /// People who voted.
    pub total: i64,
    pub share: ShareCard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moderation {
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceResult {
    pub text: String,
    pub votes: i64,
    /// Whole percent of the people who voted (0 when nobody has).
    pub percent: i64,
    /// The caller chose this one.
    pub mine: bool,
}

/// The poll's ballot, for a verified user only. (Its page is kept for everyone of a viewer
/// class: what this reads of its viewer must be in `polls::viewer_class`.)
#[server(endpoint = "load_ballot")]
pub async fn load_ballot(poll_id: String) -> Result<Ballot, AppError> {
    use crate::{
        polls::{
            format::{facts, parse_poll_id},
            share::card::share_card,
        },
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    let data = request.poll_for_page(poll_id, Some(user)).await?;
    let mine = request.choices_for_page(poll_id, user.id).await?;
    let (poll, choices) = (&data.poll, &data.choices);
    let texts = choices.iter().map(|c| c.text.as_str());
    let share = share_card(request.site_origin(), poll_id, &poll.question, texts);
    Ok(Ballot {
        poll_id,
        multiple_answers: poll.multiple_answers != 0,
        facts: facts(poll, request.now()),
        question: poll.question.clone(),
        share,
        choices: choices
            .iter()
            .map(|c| BallotChoice {
                chosen: mine.contains(&c.id),
                id: c.id,
                text: c.text.clone(),
            })
            .collect(),
    })
}

/// Records the caller's vote (one answer, or on a several-answers poll the ticked ones),
/// replacing any earlier one, then shows the results.
#[server(endpoint = "vote")]
pub async fn vote(
    poll_id: String,
    choice_id: Option<String>,
    /// A several-answers ballot's ticked boxes: `choice_ids[i]`.
    #[server(default)]
    choice_ids: Vec<String>,
) -> Result<(), AppError> {
    use crate::{
        error::OrInternal,
        polls::{
            format::{parse_choices, parse_poll_id},
            visibility::fetch_visible,
            votes::{fetch_vote_rules, record_votes},
        },
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    let rules = fetch_vote_rules(request.db(), poll_id)
        .await
        .or_internal("loading a poll")?
        .ok_or(AppError::PollNotFound)?;
    if rules.hidden {
        // "Not found" for all but its author and the moderators, before anything else.
        fetch_visible(request.db(), poll_id, Some(user)).await?;
    }
    let choices = parse_choices(rules.multiple_answers, choice_id, &choice_ids)?;
    let recorded = {
        let _turn = request.state().vote_turns.take().await;
        record_votes(request.db(), poll_id, user.id, &choices, request.now())
            .await
            .or_internal("recording a vote")?
    };
    if !recorded {
        // Read again: the poll may have closed, or been hidden, while the vote was on its way.
        let poll = fetch_visible(request.db(), poll_id, Some(user)).await?;
        let closed = poll.is_closed(request.now());
        return Err(if poll.hidden_at.is_some() {
            AppError::PollHidden
        } else if closed {
            AppError::PollClosed
        } else {
            AppError::InvalidChoice
        });
    }
    request.state().live.vote_committed(poll_id, user.id);
    request.state().metrics.vote_recorded();
    tracing::info!(user_id = user.id, %poll_id, answers = choices.len(), "vote recorded");
    leptos_axum::redirect(&format!("/polls/{poll_id}/results"));
    Ok(())
}

/// Results show on the author's terms (always, after the caller voted, or once the poll has
/// closed; the author always sees them); "yours" is marked for a logged-in caller. (Its page
/// is kept for everyone of a viewer class: what this reads of its viewer must be in
/// `polls::viewer_class`.)
#[server(endpoint = "load_poll_results")]
pub async fn load_poll_results(poll_id: String) -> Result<PollResults, AppError> {
    use crate::{
        polls::{
            format::{facts, parse_poll_id, shares},
            share::card::share_card,
            visibility::{may_manage, may_see_results},
        },
        request::Request,
    };
    let request = Request::current().await?;
    let poll_id = parse_poll_id(&poll_id)?;
    // An author's or a moderator's rights (hidden polls, sealed results, the moderation box)
    // come with a verified session only, as everywhere else; "your vote" needs a login.
    let verified = match request.verified_user().await {
        Ok(user) => Some(user),
        Err(AppError::NotLoggedIn | AppError::NotVerified) => None,
        Err(error) => return Err(error),
    };
    let data = request.poll_for_page(poll_id, verified).await?;
    let mine = match request.signed_in() {
        Some(user) => request.choices_for_page(poll_id, user.id).await?,
        None => Default::default(),
    };
    let caller = verified;
    let (poll, counts) = (&data.poll, &data.choices);
    may_see_results(poll, caller, !mine.is_empty(), request.now())?;
    let votes: Vec<i64> = counts.iter().map(|c| c.votes).collect();
    let multiple_answers = poll.multiple_answers != 0;
    let percents = shares(&votes, poll.voters, multiple_answers);
    let texts = counts.iter().map(|c| c.text.as_str());
    let share = share_card(request.site_origin(), poll_id, &poll.question, texts);
    Ok(PollResults {
        share,
        poll_id,
        can_export: caller.is_some_and(|user| may_manage(poll, user)),
        moderation: caller.filter(|user| user.is_moderator).map(|_| Moderation {
            hidden: poll.hidden_at.is_some(),
        }),
        facts: facts(poll, request.now()),
        question: poll.question.clone(),
        total: poll.voters,
        multiple_answers,
        choices: counts
            .iter()
            .zip(percents)
            .map(|(c, percent)| ChoiceResult {
                mine: mine.contains(&c.id),
                text: c.text.clone(),
                votes: c.votes,
                percent,
            })
            .collect(),
    })
}
