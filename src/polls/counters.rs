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
        // Votes wait while the counts are taken, so none lands between a count and its write;
        // an operator's command may take longer than a request's statement limit. (SQLite: the
        // first statement below writes, which holds its one writer's lock.)
        sqlx::query("LOCK TABLE votes IN SHARE MODE")
            .execute(&mut *tx)
            .await?;
        sqlx::query("SET LOCAL statement_timeout = 0")
            .execute(&mut *tx)
            .await?;
    }
    // Each count once, grouped (not a count per row, which the planner may turn into a scan
    // of the votes for every choice), and only the counters that differ are written.
    let choices_fixed = sqlx::query(
        "UPDATE choices SET votes = counted.n FROM \
           (SELECT c.id, COUNT(v.choice_id) AS n FROM choices c \
            LEFT JOIN votes v ON v.choice_id = c.id GROUP BY c.id) AS counted \
         WHERE choices.id = counted.id AND choices.votes <> counted.n",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let polls_fixed = sqlx::query(
        "UPDATE polls SET voters = counted.n FROM \
           (SELECT p.id, COUNT(DISTINCT v.user_id) AS n FROM polls p \
            LEFT JOIN votes v ON v.poll_id = p.id GROUP BY p.id) AS counted \
         WHERE polls.id = counted.id AND polls.voters <> counted.n",
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
