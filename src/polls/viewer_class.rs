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
//!
//! The render reads the poll and the vote the class was made of (`ClassReads`, handed to it
//! as a request extension), not a copy read again: a vote committed in between must not be
//! rendered into a page kept for those who have not voted. The session and the user are one
//! read per request already.

use super::memo::PollData;
use crate::{
    accounts::backend::User,
    domain::{ChoiceId, PollId},
    error::{AppError, OrInternal},
    request::Request,
    server::state::AppState,
    two_factor::state::TwoFactorState,
};
use std::{fmt::Write, sync::Arc};
use tower_sessions::Session;

/// The routes whose pages are kept for signed-in viewers.
pub const ROUTES: [&str; 3] = ["/", "/polls/{id}", "/polls/{id}/results"];

/// The poll and the viewer's vote a class was made of, for the render of its page.
#[derive(Clone)]
pub struct ClassReads {
    poll_id: PollId,
    user_id: i64,
    data: Arc<PollData>,
    mine: Arc<Vec<ChoiceId>>,
}

/// A viewer's class, written without spaces, and what it was read from.
pub struct ViewerClass {
    pub class: String,
    pub reads: Option<ClassReads>,
}

/// The viewer's class for the page of `route` at `path` (one of `ROUTES`); `None` when the
/// page is not to be kept for them (no such poll, or their class could not be read: the page
/// is then rendered as usual, and tells).
pub async fn viewer_class(
    state: &AppState,
    user: &User,
    session: &Session,
    route: &str,
    path: &str,
) -> Option<ViewerClass> {
    if route == "/" {
        return Some(ViewerClass {
            class: "home".to_owned(),
            reads: None,
        });
    }
    let poll_id = path
        .strip_prefix("/polls/")
        .and_then(|rest| rest.split('/').next())
        .and_then(PollId::parse)?;
    let data = state.polls.read(&state.db, poll_id).await.ok()??;
    let verified = TwoFactorState::new(session, user.id)
        .is_verified(state.two_factor_max_age, state.clock.now())
        .await
        .ok()?;
    let mine = state
        .polls
        .my_choices(&state.db, poll_id, user.id)
        .await
        .ok()?;
    let author = data.poll.author_id == Some(user.id);
    let mut class = format!(
        "poll{poll_id}:verified={}:author={}:moderator={}:mine=",
        u8::from(verified),
        u8::from(author),
        u8::from(user.is_moderator),
    );
    for (i, choice) in mine.iter().enumerate() {
        let _ = write!(class, "{}{choice}", if i == 0 { "" } else { "," });
    }
    Some(ViewerClass {
        class,
        reads: Some(ClassReads {
            poll_id,
            user_id: user.id,
            data,
            mine,
        }),
    })
}

impl Request {
    /// The poll and its choices, if it exists for `caller` (`visibility::may_view`): as this
    /// page's class was read, if it was, else from the memo.
    pub async fn poll_for_page(
        &self,
        poll_id: PollId,
        caller: Option<&User>,
    ) -> Result<Arc<PollData>, AppError> {
        let data = match self.class_reads().filter(|r| r.poll_id == poll_id) {
            Some(reads) => Some(Arc::clone(&reads.data)),
            None => self
                .state()
                .polls
                .read(self.db(), poll_id)
                .await
                .or_internal("loading a poll")?,
        };
        data.filter(|data| super::visibility::may_view(&data.poll, caller))
            .ok_or(AppError::PollNotFound)
    }

    /// The answers `user_id` chose in the poll: as this page's class was read, if it was.
    pub async fn choices_for_page(
        &self,
        poll_id: PollId,
        user_id: i64,
    ) -> Result<Arc<Vec<ChoiceId>>, AppError> {
        match self
            .class_reads()
            .filter(|r| r.poll_id == poll_id && r.user_id == user_id)
        {
            Some(reads) => Ok(Arc::clone(&reads.mine)),
            None => {
                self.state()
                    .polls
                    .my_choices(self.db(), poll_id, user_id)
                    .await
            }
        }
    }
}
