//! (ssr) The original app's demo data: the user `test` / `test1234` and its three dog polls,
//! loaded into an empty database so a fresh checkout has something to vote on.

use super::db::{insert_poll, PollToInsert};
use crate::{accounts::password_hash, domain::new_poll::ResultsShown, server::db::unix_now};
use serde::Deserialize;
use sqlx::AnyPool;

const DEMO_POLLS: &str = include_str!("demo_polls.json");
const DEMO_USERNAME: &str = "test";
const DEMO_PASSWORD: &str = "test1234";

#[derive(Deserialize)]
struct DemoFile {
    polls: Vec<DemoPoll>,
}

#[derive(Deserialize)]
struct DemoPoll {
    question: String,
    published: String,
    choices: Vec<String>,
}

/// The demo user first, so that the demo polls (the original app's, made by its owner) have
/// an author: the demo account, when it is there.
pub async fn load_into_empty_database(
    db: &AnyPool,
    password_work: &crate::server::password_work::PasswordWork,
) -> Result<(), sqlx::Error> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await?;
    if users == 0 {
        let hash = password_hash::hash(password_work, DEMO_PASSWORD.to_owned())
            .await
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let username = crate::domain::Username::parse(DEMO_USERNAME).expect("a valid demo name");
        crate::accounts::db::insert_user(db, &username, &hash, unix_now()).await?;
        tracing::info!("created the demo user {DEMO_USERNAME:?} (password {DEMO_PASSWORD:?})");
    }
    let demo: DemoFile =
        serde_json::from_str(DEMO_POLLS).map_err(|e| sqlx::Error::Decode(e.into()))?;
    let author_id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username_key = $1")
        .bind(DEMO_USERNAME)
        .fetch_optional(db)
        .await?;
    let polls: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM polls")
        .fetch_one(db)
        .await?;
    if polls > 0 {
        // Demo polls loaded before polls had authors: the demo account made them.
        for poll in &demo.polls {
            sqlx::query(
                "UPDATE polls SET author_id = $1 WHERE author_id IS NULL AND question = $2",
            )
            .bind(author_id)
            .bind(&poll.question)
            .execute(db)
            .await?;
        }
    } else {
        for poll in &demo.polls {
            let poll = PollToInsert {
                question: &poll.question,
                choices: &poll.choices,
                author_id,
                published_at: published_at(&poll.published),
                closes_at: None,
                results_shown: ResultsShown::Always.as_str(),
                multiple_answers: false,
            };
            insert_poll(db, &poll).await?;
        }
        tracing::info!(polls = demo.polls.len(), "loaded the demo polls");
    }
    Ok(())
}

fn published_at(rfc3339: &str) -> i64 {
    time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .map_or_else(|_| unix_now(), |t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_file_has_the_three_dog_polls() {
        let demo: DemoFile = serde_json::from_str(DEMO_POLLS).unwrap();
        let questions: Vec<_> = demo.polls.iter().map(|p| p.question.as_str()).collect();
        assert_eq!(
            questions,
            [
                "What is your favorite kind of dog?",
                "Who let the dogs out?",
                "What's up dog?"
            ]
        );
        assert!(demo.polls.iter().all(|p| p.choices.len() == 4));
        assert_eq!(published_at(&demo.polls[0].published), 1_469_451_264);
    }
}
