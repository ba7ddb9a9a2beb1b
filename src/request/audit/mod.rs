//! (ssr) The audit trail of verification attempts: who, which (masked) number, which
//! provider request, what was tried, how it ended, from where and when. Never the code or the
//! full number.

mod outcome;

pub use outcome::Outcome;

use crate::verify::RequestId;
use sqlx::AnyPool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    Check,
    Resend,
    Cancel,
    Recovery,
}

/// Each action's term in the log and the audit table, and its plain words for the page.
const ACTIONS: [(Action, &str, &str); 5] = [
    (Action::Start, "start", "New code"),
    (Action::Check, "check", "Code typed"),
    (Action::Resend, "resend", "Code sent again"),
    (Action::Cancel, "cancel", "Code cancelled"),
    (Action::Recovery, "recovery", "Recovery code"),
];

impl Action {
    fn log_term(self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(action, ..)| *action == self)
            .map_or("unknown", |(_, term, _)| term)
    }
}

/// A stored action's plain words ("Other" for one this version does not know).
fn action_in_plain_words(term: &str) -> &'static str {
    ACTIONS
        .iter()
        .find(|(_, stored, _)| *stored == term)
        .map_or("Other", |(.., plain)| plain)
}

pub struct Event<'a> {
    pub user_id: i64,
    pub masked_number: Option<String>,
    pub request_id: Option<&'a RequestId>,
    pub action: Action,
    pub outcome: &'a Outcome,
    pub client_ip: Option<String>,
    pub at: i64,
}

pub async fn record(db: &AnyPool, event: Event<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO verification_events (user_id, masked_number, request_id, action, outcome, client_ip, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(event.user_id)
    .bind(event.masked_number)
    .bind(event.request_id.map(|id| id.as_str().to_owned()))
    .bind(event.action.log_term())
    .bind(event.outcome.log_term().into_owned())
    .bind(event.client_ip)
    .bind(event.at)
    .execute(db)
    .await?;
    Ok(())
}

/// One row of a user's recent verification history, for their account page.
#[derive(Debug, sqlx::FromRow)]
pub struct EventRow {
    pub action: String,
    pub outcome: String,
    pub masked_number: Option<String>,
    pub created_at: i64,
}

impl EventRow {
    /// What was tried and how it ended, in plain words, for the person whose account it is.
    pub fn in_plain_words(&self) -> (&'static str, &'static str) {
        let outcome = Outcome::from_log_term(&self.outcome).in_plain_words();
        (action_in_plain_words(&self.action), outcome)
    }
}

pub async fn fetch_recent_events(
    db: &AnyPool,
    user_id: i64,
    limit: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT action, outcome, masked_number, created_at FROM verification_events \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// True when `user_id` started (or re-sent) the provider request `request_id`: whether a
/// "code already on its way" answer names a request of this account's, or someone else's.
pub async fn request_started_by(
    db: &AnyPool,
    user_id: i64,
    request_id: &RequestId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM verification_events WHERE user_id = $1 AND request_id = $2 \
         AND action IN ($3, $4) AND outcome IN ($5, $6) LIMIT 1",
    )
    .bind(user_id)
    .bind(request_id.as_str())
    .bind(Action::Start.log_term())
    .bind(Action::Resend.log_term())
    .bind(Outcome::Done.log_term().into_owned())
    .bind(Outcome::Resumed.log_term().into_owned())
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_activity_list_says_in_plain_words_what_the_log_says_in_its_terms() {
        let row = |action: &str, outcome: &str| EventRow {
            action: action.into(),
            outcome: outcome.into(),
            masked_number: None,
            created_at: 0,
        };
        assert_eq!(row("start", "ok").in_plain_words(), ("New code", "done"));
        assert_eq!(
            row("check", "status 16").in_plain_words(),
            ("Code typed", "wrong code")
        );
        assert_eq!(
            row("recovery", "throttled").in_plain_words(),
            ("Recovery code", "refused: too many attempts")
        );
        assert_eq!(row("later", "ok").in_plain_words().0, "Other");
        for (action, term, _) in ACTIONS {
            assert_eq!(action.log_term(), term);
        }
    }
}
