//! (ssr) Who may see a poll, its results, and manage it: the rules the server functions
//! enforce, whatever a page shows.

use super::db::PollRow;
use crate::{
    accounts::backend::User,
    domain::{new_poll::ResultsShown, utc},
    error::AppError,
};

/// The poll, if it exists for `caller` (see `visible`).
pub async fn fetch_visible(
    db: &sqlx::AnyPool,
    poll_id: crate::domain::PollId,
    caller: Option<&User>,
) -> Result<PollRow, AppError> {
    use crate::error::OrInternal;
    let poll = super::db::fetch_poll(db, poll_id)
        .await
        .or_internal("loading a poll")?
        .ok_or(AppError::PollNotFound)?;
    visible(poll, caller)
}

/// A hidden poll is "not found" for everyone but its author and the moderators.
pub fn visible(poll: PollRow, caller: Option<&User>) -> Result<PollRow, AppError> {
    if may_view(&poll, caller) {
        Ok(poll)
    } else {
        Err(AppError::PollNotFound)
    }
}

/// The rule of `visible`, for a poll that stays where it is (a live feed's).
pub fn may_view(poll: &PollRow, caller: Option<&User>) -> bool {
    poll.hidden_at.is_none() || caller.is_some_and(|user| may_manage(poll, user))
}

/// Its author, or a moderator.
pub fn may_manage(poll: &PollRow, user: &User) -> bool {
    poll.author_id == Some(user.id) || user.is_moderator
}

/// `Ok` when `caller` (from a verified session, if any; `voted` in this poll or not) may see
/// the results now;
/// otherwise the error says when they will show. The author and the moderators always may.
pub fn may_see_results(
    poll: &PollRow,
    caller: Option<&User>,
    voted: bool,
    now: i64,
) -> Result<(), AppError> {
    let closed = poll.is_closed(now);
    if closed || caller.is_some_and(|user| may_manage(poll, user)) {
        return Ok(());
    }
    // An unknown stored value shows nothing: the safe reading of a rule we cannot read.
    match ResultsShown::parse(&poll.results_shown) {
        Some(ResultsShown::Always) => Ok(()),
        Some(ResultsShown::AfterVote) if voted => Ok(()),
        Some(ResultsShown::AfterVote) => Err(AppError::ResultsAfterVote),
        Some(ResultsShown::AfterClose) | None => Err(AppError::ResultsAfterClose {
            closes_at: poll
                .closes_at
                .map_or_else(|| "a date to come".to_owned(), utc::minutes),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PollId;

    const NOW: i64 = 1_800_000_000;

    fn poll(results_shown: ResultsShown, closes_at: Option<i64>) -> PollRow {
        PollRow {
            id: PollId::try_from(1).unwrap(),
            question: "Q?".into(),
            published_at: NOW - 100,
            author_id: Some(7),
            author: Some("ann".into()),
            closes_at,
            results_shown: results_shown.as_str().into(),
            voters: 0,
            hidden_at: None,
            multiple_answers: 0,
            closed_at: None,
        }
    }

    fn user(id: i64, is_moderator: bool) -> User {
        let mut user = User::for_tests(id, None, 0);
        user.is_moderator = is_moderator;
        user
    }

    #[test]
    fn results_show_on_the_authors_terms() {
        let later = Some(NOW + 3600);
        let (author, member) = (user(7, false), user(8, false));
        let always = poll(ResultsShown::Always, None);
        assert_eq!(may_see_results(&always, None, false, NOW), Ok(()));

        let after_vote = poll(ResultsShown::AfterVote, later);
        assert_eq!(
            may_see_results(&after_vote, Some(&member), false, NOW),
            Err(AppError::ResultsAfterVote)
        );
        assert_eq!(
            may_see_results(&after_vote, Some(&member), true, NOW),
            Ok(())
        );
        assert_eq!(
            may_see_results(&after_vote, Some(&author), false, NOW),
            Ok(()),
            "the author"
        );

        let after_close = poll(ResultsShown::AfterClose, later);
        assert!(matches!(
            may_see_results(&after_close, Some(&member), true, NOW),
            Err(AppError::ResultsAfterClose { closes_at }) if closes_at == "2027-01-15 09:00 UTC"
        ));
        assert_eq!(
            may_see_results(&after_close, Some(&member), true, NOW + 3600),
            Ok(()),
            "closed"
        );
        assert_eq!(
            may_see_results(&after_close, None, false, NOW + 3600),
            Ok(())
        );
    }
}
