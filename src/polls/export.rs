//! (ssr) `GET /polls/{id}/results.csv`: the results as a spreadsheet file, for the poll's
//! author (or a moderator) from a verified session. One row per choice (its text, its votes, its share of the
//! votes); nothing about who voted.

use super::{
    db,
    format::shares,
    visibility::{fetch_visible, may_manage},
};
use crate::{
    domain::PollId,
    error::{AppError, OrInternal},
    request::Request,
    server::state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/polls/{id}/results.csv", get(results_csv))
}

async fn results_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    parts: Parts,
) -> Response {
    match export(state, &id, &parts).await {
        Ok((poll_id, csv)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                // Results that may not be public yet: no cache keeps a copy.
                (header::CACHE_CONTROL, "no-store".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"poll-{poll_id}-results.csv\""),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => {
            let status = StatusCode::from_u16(error.http_status())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.user_message()).into_response()
        }
    }
}

async fn export(
    state: AppState,
    raw_id: &str,
    parts: &Parts,
) -> Result<(PollId, String), AppError> {
    let request = Request::from_parts(state, parts)?;
    let user = request.verified_user().await?;
    let poll_id = PollId::parse(raw_id).ok_or(AppError::PollNotFound)?;
    let poll = fetch_visible(request.db(), poll_id, Some(user)).await?;
    if !may_manage(&poll, user) {
        return Err(AppError::NotYourPoll);
    }
    let counts = db::fetch_results(request.db(), poll_id)
        .await
        .or_internal("counting votes")?;
    let votes: Vec<i64> = counts.iter().map(|c| c.votes).collect();
    let rows = counts
        .iter()
        .zip(shares(&votes, poll.voters, poll.multiple_answers != 0))
        .map(|(choice, share)| (choice.text.as_str(), choice.votes, share));
    tracing::info!(user_id = user.id, %poll_id, "results exported");
    Ok((poll_id, to_csv(rows)))
}

/// RFC 4180 text: a header, then each choice with its votes and whole-percent share.
fn to_csv<'a>(rows: impl Iterator<Item = (&'a str, i64, i64)>) -> String {
    let mut csv = String::from("choice,votes,share\r\n");
    for (text, votes, share) in rows {
        csv.push_str(&format!("{},{votes},{share}%\r\n", cell(text)));
    }
    csv
}

/// Quoted, with quotes doubled; a text a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@` first) starts with `'`, so opening the file never runs what a poll's author typed.
fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_quotes_every_text_and_defuses_formulas() {
        let rows = [
            ("Rex, the \"good\" dog", 2, 67),
            ("=HYPERLINK(\"x\")", 1, 33),
        ];
        assert_eq!(
            to_csv(rows.into_iter()),
            "choice,votes,share\r\n\"Rex, the \"\"good\"\" dog\",2,67%\r\n\"'=HYPERLINK(\"\"x\"\")\",1,33%\r\n"
        );
    }
}
