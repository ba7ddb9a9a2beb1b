//! (ssr) The rows every request reads, its session and its user, kept for the rest of the
//! second they were read in (`kept_rows`). Each write in this process forgets its row after
//! it commits. On PostgreSQL other instances and `pollstr admin` write them too: a trigger on
//! each table (migration `..._request_row_notices.sql`) sends `session:<id>` or `user:<id>`
//! (`all` for a TRUNCATE) on `CHANNEL` at commit, and every instance's `change_listener`
//! hears it.
//!
//! Only a request that changes nothing (GET, HEAD: a page, a stream) is answered from the
//! kept rows (`serve_reads_from_kept_rows`); one that can change something (a vote, a
//! moderation, a sign-out, any server function) reads its session and user from the database,
//! so a logout or a revoked right binds every write at once, whether or not its notification
//! has arrived.

use super::{clock::Clock, kept_rows::KeptRows, sessions::KeptSessions};
use crate::accounts::backend::KeptUsers;
use axum::{extract::Request, http::Method, middleware::Next, response::Response};
use std::{str::FromStr, sync::Arc};
use tower_sessions::session::Id;

tokio::task_local! {
    /// Set for the whole of a request that changes nothing.
    static READ_ONLY_REQUEST: ();
}

/// Whether the running request may use a kept session or user (see the module's doc).
/// Outside a request (a spawned task, a test) the answer is no: the database is read.
pub fn may_use_kept_rows() -> bool {
    READ_ONLY_REQUEST.try_with(|_| ()).is_ok()
}

/// Middleware, outside the session and login layers (they read the rows): marks a GET or a
/// HEAD as one that may be answered from the kept rows.
pub async fn serve_reads_from_kept_rows(request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        READ_ONLY_REQUEST.scope((), next.run(request)).await
    } else {
        next.run(request).await
    }
}

/// The channel the triggers notify on.
pub const CHANNEL: &str = "pollstr_rows";

/// Sessions and users kept at once: those seen in the last second, so only the active ones;
/// past that a request reads its row as it would without them.
const SESSIONS_KEPT: usize = 4096;
const USERS_KEPT: usize = 4096;

#[derive(Clone)]
pub struct RequestRows {
    pub sessions: KeptSessions,
    pub users: KeptUsers,
}

impl RequestRows {
    /// `hears_every_write`: true when this process makes every write (SQLite); false when
    /// other instances write too, until the listener says it hears them (`hearing`).
    pub fn new(clock: &Clock, hears_every_write: bool) -> Self {
        Self {
            sessions: Arc::new(KeptRows::new(
                SESSIONS_KEPT,
                clock.clone(),
                hears_every_write,
            )),
            users: Arc::new(KeptRows::new(USERS_KEPT, clock.clone(), hears_every_write)),
        }
    }

    /// Whether every write is heard from now on; what was kept is forgotten either way.
    pub fn hearing(&self, hearing: bool) {
        self.sessions.hearing(hearing);
        self.users.hearing(hearing);
    }

    /// A notification from `CHANNEL`; false when it is not understood.
    pub fn heard(&self, payload: &str) -> bool {
        match Notice::parse(payload) {
            Some(Notice::Session(id)) => self.sessions.forget(&id),
            Some(Notice::User(id)) => self.users.forget(&id),
            Some(Notice::All) => {
                self.sessions.forget_all();
                self.users.forget_all();
            }
            None => return false,
        }
        true
    }
}

#[derive(Debug, PartialEq)]
enum Notice {
    Session(Id),
    User(i64),
    /// A whole table was emptied (TRUNCATE).
    All,
}

impl Notice {
    fn parse(payload: &str) -> Option<Self> {
        if payload == "all" {
            return Some(Self::All);
        }
        match payload.split_once(':')? {
            ("session", id) => Id::from_str(id).ok().map(Self::Session),
            ("user", id) => id.parse().ok().map(Self::User),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::backend::User;

    #[test]
    fn a_notice_names_a_session_or_a_user() {
        let id = Id::default();
        assert_eq!(
            Notice::parse(&format!("session:{id}")),
            Some(Notice::Session(id))
        );
        assert_eq!(Notice::parse("user:7"), Some(Notice::User(7)));
        assert_eq!(Notice::parse("all"), Some(Notice::All));
        for junk in ["", "user:", "user:x", "session:%%", "vote:1", "7"] {
            assert_eq!(Notice::parse(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn a_heard_write_forgets_its_row_only() {
        let clock = Clock::default();
        clock.freeze();
        let rows = RequestRows::new(&clock, true);
        for id in [1, 2] {
            rows.users
                .keep(id, rows.users.before_read(), User::for_tests(id, None, 0));
        }
        assert!(rows.heard("user:1"));
        assert!(rows.users.get(&1).is_none());
        assert!(rows.users.get(&2).is_some(), "another user stays");
        assert!(!rows.heard("user:x"));
    }
}
