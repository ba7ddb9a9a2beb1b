//! The server function behind the new-poll form.

use crate::error::AppError;
use leptos::prelude::*;

/// Checks the poll as typed, writes it with its choices in one transaction, and goes to its
/// page. Needs a verified session; throttled per account (`THROTTLE_POLLS_PER_ACCOUNT`).
/// A refused form is kept for the page that says why (see `refused`).
#[server(endpoint = "create_poll")]
pub async fn create_poll(
    question: String,
    /// `choices[0]` … `choices[9]`; blank ones are ignored.
    #[server(default)]
    choices: Vec<String>,
    closes: String,
    /// With `closes=at`: `YYYY-MM-DDTHH:MM`, UTC.
    #[server(default)]
    closes_at: String,
    results_shown: String,
    /// `one` or `several`: how many answers a person may choose.
    answers: String,
) -> Result<(), AppError> {
    use crate::{
        domain::{
            new_poll::{NewPoll, NewPollForm},
            PollId,
        },
        error::internal_error,
        polls::{
            create::refused::kept_if_refused,
            db::{insert_poll, PollToInsert},
        },
        request::{throttle::bucket, Request},
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    let form = NewPollForm {
        question: &question,
        choices: &choices,
        closes: &closes,
        closes_at: &closes_at,
        results_shown: &results_shown,
        answers: &answers,
    };
    let created: Result<PollId, AppError> = async {
        let poll = NewPoll::parse(&form, request.now())
            .map_err(|(field, message)| AppError::invalid(field, message))?;
        let limit = request.state().throttles.polls_per_account;
        let buckets = [(bucket("polls-account", &user.id.to_string()), limit)];
        let reservation = request.reserve(&buckets).await?;
        let inserted = insert_poll(
            request.db(),
            &PollToInsert {
                question: &poll.question,
                choices: &poll.choices,
                author_id: Some(user.id),
                published_at: request.now(),
                closes_at: poll.closes_at,
                results_shown: poll.results_shown.as_str(),
                multiple_answers: poll.multiple_answers,
            },
        )
        .await;
        match inserted {
            Ok(poll_id) => {
                reservation.keep();
                Ok(poll_id)
            }
            Err(error) => {
                // Nothing was made: the attempt does not count.
                request.release(reservation).await;
                Err(internal_error("creating a poll", error))
            }
        }
    }
    .await;
    let poll_id = kept_if_refused(&request, None, &form, created).await?;
    tracing::info!(user_id = user.id, %poll_id, "poll created");
    // Nobody watches it yet, but the home page shows it.
    request.state().live.poll_changed(poll_id).await;
    leptos_axum::redirect(&format!("/polls/{poll_id}"));
    Ok(())
}
