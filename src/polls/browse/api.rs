//! The server function behind the home page's list.

use crate::{domain::PollId, error::AppError, polls::api::PollFacts};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollSummary {
    pub id: PollId,
    pub question: String,
    pub facts: PollFacts,
    pub choices: Vec<String>,
}

/// A page of the home page's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollList {
    pub polls: Vec<PollSummary>,
    /// Where "Older polls" starts, when there are more.
    pub older: Option<String>,
}

/// Open polls (or, with `tab=closed`, closed ones), newest first, a page at a time from
/// `before`, only those whose question contains `q` when it is given.
#[server(endpoint = "list_polls")]
pub async fn list_polls(
    #[server(default)] tab: Option<String>,
    #[server(default)] before: Option<String>,
    #[server(default)] q: Option<String>,
) -> Result<PollList, AppError> {
    use crate::{
        error::OrInternal,
        polls::{
            browse::{
                db,
                listing::{Cursor, Listing, PAGE_SIZE},
            },
            format::facts,
        },
        request::Request,
    };
    let request = Request::current().await?;
    let listing = Listing::parse(tab.as_deref(), before.as_deref(), q.as_deref())?;
    // One more than a page: whether there is an older page, without counting.
    let mut polls = db::fetch_page(request.db(), &listing, request.now(), PAGE_SIZE + 1)
        .await
        .or_internal("listing polls")?;
    let older = (polls.len() as i64 > PAGE_SIZE).then(|| {
        polls.truncate(PAGE_SIZE as usize);
        polls.last().map(|last| {
            Cursor {
                published_at: last.published_at,
                id: last.id.get(),
            }
            .encode()
        })
    });
    let ids: Vec<PollId> = polls.iter().map(|poll| poll.id).collect();
    let choices = db::fetch_choices_of(request.db(), &ids)
        .await
        .or_internal("listing choices")?;
    let polls = polls
        .into_iter()
        .map(|poll| PollSummary {
            id: poll.id,
            facts: facts(&poll, request.now()),
            question: poll.question,
            choices: choices
                .iter()
                .filter(|c| c.poll_id == poll.id)
                .map(|c| c.text.clone())
                .collect(),
        })
        .collect();
    Ok(PollList {
        polls,
        older: older.flatten(),
    })
}
