//! (ssr) The vote counters (`choices.votes`, `polls.voters`) recomputed from the votes, for
//! `pollstr admin recount`: each vote keeps them exact in its own transaction
//! (`votes::record_votes`), so this finds a difference only after someone changed the tables
//! by hand (deleted a user's row, say).

use sqlx::AnyPool;

/// What a recount found, and set right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recount {
    pub polls: i64,
    pub choices: i64,
    /// Choices whose `votes` differed from their votes, now set right.
    pub choices_fixed: u64,
    /// Polls whose `voters` differed from the people who voted, now set right.
    pub polls_fixed: u64,
}

pub async fn recount(db: &AnyPool) -> Result<Recount, sqlx::Error> {
    let mut tx = db.begin().await?;
    if tx.backend_name() == "PostgreSQL" {
        // Votes wait while the counts are taken, so none lands between a count and its write.
        // (SQLite: the first statement below writes, which holds its one writer's lock.)
        sqlx::query("LOCK TABLE votes IN SHARE MODE")
            .execute(&mut *tx)
            .await?;
    }
    let choices_fixed = sqlx::query(
        "UPDATE choices SET votes = (SELECT COUNT(*) FROM votes v WHERE v.choice_id = choices.id) \
         WHERE votes <> (SELECT COUNT(*) FROM votes v WHERE v.choice_id = choices.id)",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let polls_fixed = sqlx::query(
        "UPDATE polls SET voters = \
           (SELECT COUNT(DISTINCT v.user_id) FROM votes v WHERE v.poll_id = polls.id) \
         WHERE voters <> (SELECT COUNT(DISTINCT v.user_id) FROM votes v WHERE v.poll_id = polls.id)",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let (polls, choices): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM polls), (SELECT COUNT(*) FROM choices)")
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Recount {
        polls,
        choices,
        choices_fixed,
        polls_fixed,
    })
}

impl Recount {
    /// The sentence the command prints.
    pub fn summary(&self) -> String {
        if self.choices_fixed == 0 && self.polls_fixed == 0 {
            format!(
                "The counters match the votes ({} polls, {} choices).",
                self.polls, self.choices
            )
        } else {
            format!(
                "The counters differed from the votes and are set right now: {} of {} choices, \
                 {} of {} polls.",
                self.choices_fixed, self.choices, self.polls_fixed, self.polls
            )
        }
    }
}
