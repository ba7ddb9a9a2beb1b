//! (ssr) Who may see a poll's results yet: the rule the results server function enforces,
//! whatever a page shows.

use super::db::PollRow;
use crate::{
    domain::{new_poll::ResultsShown, utc},
    error::AppError,
};

/// `Ok` when `caller` (if signed in; `voted` in this poll or not) may see the results now;
/// otherwise the error says when they will show.
pub fn may_see_results(
    poll: &PollRow,
    caller: Option<i64>,
    voted: bool,
    now: i64,
) -> Result<(), AppError> {
    let closed = poll.closes_at.is_some_and(|at| at <= now);
    let is_author = caller.is_some() && caller == poll.author_id;
    if closed || is_author {
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
        }
    }

    #[test]
    fn results_show_on_the_authors_terms() {
        let later = Some(NOW + 3600);
        let always = poll(ResultsShown::Always, None);
        assert_eq!(may_see_results(&always, None, false, NOW), Ok(()));

        let after_vote = poll(ResultsShown::AfterVote, later);
        assert_eq!(
            may_see_results(&after_vote, Some(8), false, NOW),
            Err(AppError::ResultsAfterVote)
        );
        assert_eq!(may_see_results(&after_vote, Some(8), true, NOW), Ok(()));
        assert_eq!(
            may_see_results(&after_vote, Some(7), false, NOW),
            Ok(()),
            "the author"
        );

        let after_close = poll(ResultsShown::AfterClose, later);
        assert!(matches!(
            may_see_results(&after_close, Some(8), true, NOW),
            Err(AppError::ResultsAfterClose { closes_at }) if closes_at == "2027-01-15 09:00 UTC"
        ));
        assert_eq!(
            may_see_results(&after_close, Some(8), true, NOW + 3600),
            Ok(()),
            "closed"
        );
        assert_eq!(
            may_see_results(&after_close, None, false, NOW + 3600),
            Ok(())
        );
    }
}
