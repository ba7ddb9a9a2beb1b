//! (ssr) What the pages kept for signed-in viewers (`server::page_cache`) show differently from
//! one viewer to another, their name aside: a page is kept once for each class and answered
//! to everyone in it, with their own name filled in.
//!
//! The class must hold everything a kept page reads of its viewer. Today that is, in
//! `api::load_ballot` and `api::load_poll_results`: whether the session is verified, whether
//! the viewer wrote the poll or moderates (`visibility`: hidden polls, sealed results, the
//! moderation box, the export link), and their own vote; the home page reads nothing of its
//! viewer. A page that comes to read more of its viewer must add it here, or leave the list.
//! Debug builds check every answer from memory against a fresh render for its viewer, so the
//! test suites find a page that reads more than its class.

use super::memo::PollMemo;
use crate::{
    accounts::backend::User, domain::PollId, server::state::AppState,
    two_factor::state::TwoFactorState,
};
use std::fmt::Write;
use tower_sessions::Session;

/// The routes whose pages are kept for signed-in viewers.
pub const ROUTES: [&str; 3] = ["/", "/polls/{id}", "/polls/{id}/results"];

/// The viewer's class for the page of `route` at `path` (one of `ROUTES`), written without
/// spaces; `None` when the page is not to be kept for them (no such poll, or their class
/// could not be read: the page is then rendered as usual, and tells).
pub async fn viewer_class(
    state: &AppState,
    user: &User,
    session: &Session,
    route: &str,
    path: &str,
) -> Option<String> {
    if route == "/" {
        return Some("home".to_owned());
    }
    let poll_id = path
        .strip_prefix("/polls/")
        .and_then(|rest| rest.split('/').next())
        .and_then(PollId::parse)?;
    let memo: &PollMemo = &state.polls;
    let poll = memo.read(&state.db, poll_id).await.ok()??;
    let verified = TwoFactorState::new(session, user.id)
        .is_verified(state.two_factor_max_age, state.clock.now())
        .await
        .ok()?;
    let mine = memo.my_choices(&state.db, poll_id, user.id).await.ok()?;
    let author = poll.poll.author_id == Some(user.id);
    let mut class = format!(
        "poll{poll_id}:verified={}:author={}:moderator={}:mine=",
        u8::from(verified),
        u8::from(author),
        u8::from(user.is_moderator),
    );
    for (i, choice) in mine.iter().enumerate() {
        let _ = write!(class, "{}{choice}", if i == 0 { "" } else { "," });
    }
    Some(class)
}
