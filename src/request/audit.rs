//! (ssr) The audit trail of verification attempts: who, which (masked) number, which
//! provider request, what was tried, how it ended, from where and when. Never the code or the
//! full number.

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

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Check => "check",
            Self::Resend => "resend",
            Self::Cancel => "cancel",
            Self::Recovery => "recovery",
        }
    }
}

/// An audit row as the person whose account it is reads it on their account page: what was
/// tried and how it ended, in plain words. The stored outcome stays in the log's terms (the
/// provider's status, or our own reason); this is the one place that says them plainly.
pub fn in_plain_words(action: &str, outcome: &str) -> (&'static str, &'static str) {
    let action = match action {
        "start" => "New code",
        "check" => "Code typed",
        "resend" => "Code sent again",
        "cancel" => "Code cancelled",
        "recovery" => "Recovery code",
        _ => "Other",
    };
    let outcome = match outcome {
        "ok" => "done",
        "resumed" => "done (the code on its way)",
        "next event" => "call on its way",
        "throttled" => "refused: too many attempts",
        "too soon" => "refused: too soon",
        "invalid number" => "refused: not a valid number",
        "number taken" => "refused: the number is on another account",
        "on its way for another account" => "refused: a code was just sent to that number",
        "stale request" => "refused: asked for before the number changed",
        "no longer verified" => "refused: this browser was no longer verified",
        "wrong recovery code" | "status 16" => "wrong code",
        "status 17" => "wrong code, too many times",
        "status 6" => "code expired or already used",
        "status 10" => "a code was already on its way",
        "status 19" => "too late to change",
        "status 1" => "refused by the SMS service: too many requests",
        "status 3" | "status 15" | "status 7" => "the SMS service cannot reach that number",
        "timeout" | "connection" | "malformed response" | "status 5" => {
            "the SMS service did not answer"
        }
        http if http.starts_with("http ") => "the SMS service did not answer",
        _ => "failed",
    };
    (action, outcome)
}

pub struct Event<'a> {
    pub user_id: i64,
    pub masked_number: Option<String>,
    pub request_id: Option<&'a RequestId>,
    pub action: Action,
    /// "ok", "resumed", the provider's status ("status 16"), or our own reason.
    pub outcome: &'a str,
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
    .bind(event.action.as_str())
    .bind(event.outcome)
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
         AND action IN ('start', 'resend') AND outcome IN ('ok', 'resumed') LIMIT 1",
    )
    .bind(user_id)
    .bind(request_id.as_str())
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_activity_list_says_in_plain_words_what_the_log_says_in_the_providers() {
        assert_eq!(in_plain_words("start", "ok"), ("New code", "done"));
        assert_eq!(
            in_plain_words("check", "status 16"),
            ("Code typed", "wrong code")
        );
        assert_eq!(
            in_plain_words("check", "status 17"),
            ("Code typed", "wrong code, too many times")
        );
        assert_eq!(
            in_plain_words("start", "http 502").1,
            "the SMS service did not answer"
        );
        assert_eq!(
            in_plain_words("recovery", "throttled"),
            ("Recovery code", "refused: too many attempts")
        );
        // Nothing in the log's own terms reaches the page.
        for outcome in [
            "status 16",
            "status 6",
            "status 19",
            "timeout",
            "something new",
        ] {
            assert!(!in_plain_words("check", outcome).1.contains("status"));
        }
    }
}
