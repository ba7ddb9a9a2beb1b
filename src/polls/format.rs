//! (ssr) Small conversions between the database and the wire types.

use super::{api::PollFacts, db::PollRow};
use crate::{
    domain::{poll_limits::MAX_CHOICES, utc, ChoiceId, PollId},
    error::{AppError, Field},
};

/// A poll id from the URL or a form: a positive whole number, else "no such poll".
pub fn parse_poll_id(raw: &str) -> Result<PollId, AppError> {
    PollId::parse(raw).ok_or(AppError::PollNotFound)
}

/// The answers of a ballot form: on a one-answer poll exactly the one chosen (`choice_id`);
/// on a several-answers poll the ticked ones (`choice_ids`, and `choice_id` if sent), once
/// each, at least one.
pub fn parse_choices(
    multiple_answers: bool,
    choice_id: Option<String>,
    choice_ids: &[String],
) -> Result<Vec<ChoiceId>, AppError> {
    if !multiple_answers {
        return Ok(vec![parse_choice_id(choice_id)?]);
    }
    // No poll has more answers than this: a longer list is refused before any work.
    if choice_ids.len() > MAX_CHOICES {
        return Err(AppError::InvalidChoice);
    }
    let mut choices = Vec::new();
    for raw in choice_id
        .iter()
        .chain(choice_ids)
        .filter(|raw| !raw.trim().is_empty())
    {
        let choice = parse_choice_id(Some(raw.clone()))?;
        if !choices.contains(&choice) {
            choices.push(choice);
        }
    }
    if choices.is_empty() {
        return Err(AppError::invalid(
            Field::Choice,
            "Please choose at least one of the answers.",
        ));
    }
    Ok(choices)
}

/// Each choice's whole-percent share. With one answer each, of all votes, adding up to 100;
/// with several, of the people who voted (so they may add up to more).
pub fn shares(votes: &[i64], voters: i64, multiple_answers: bool) -> Vec<i64> {
    if !multiple_answers {
        return percentages(votes);
    }
    votes
        .iter()
        .map(|v| {
            if voters == 0 {
                0
            } else {
                (v * 100 + voters / 2) / voters
            }
        })
        .collect()
}

/// The chosen answer's id from a ballot form. None, or not a number, asks to choose; a
/// number that is no id is no answer of this poll.
pub fn parse_choice_id(raw: Option<String>) -> Result<ChoiceId, AppError> {
    let number: i64 = raw
        .as_deref()
        .and_then(|c| c.trim().parse().ok())
        .ok_or_else(|| AppError::invalid(Field::Choice, "Please choose one of the answers."))?;
    ChoiceId::try_from(number).map_err(|_| AppError::InvalidChoice)
}

/// Who made the poll, when, whether it is open, and how many voted, as the pages say it.
pub fn facts(poll: &PollRow, now: i64) -> PollFacts {
    let open = !poll.is_closed(now);
    let status = match (poll.closed_at, poll.closes_at) {
        (Some(at), _) => format!("Closed on {}", utc::minutes(at)),
        (None, None) => "Open".to_owned(),
        (None, Some(at)) if at > now => format!("Open, closes in {}", duration_words(at - now)),
        (None, Some(at)) => format!("Closed on {}", utc::minutes(at)),
    };
    PollFacts {
        author: poll.author.clone(),
        published: utc::date(poll.published_at),
        open,
        status,
        voters: poll.voters,
    }
}

/// "3 hours", "1 minute", "2 days": the largest whole unit, rounded up so that "closes in 0
/// minutes" never shows.
fn duration_words(secs: i64) -> String {
    let (count, unit) = match secs {
        ..=3600 => ((secs + 59) / 60, "minute"),
        3601..=172_800 => ((secs + 3599) / 3600, "hour"),
        _ => ((secs + 86_399) / 86_400, "day"),
    };
    let count = count.max(1);
    if count == 1 {
        format!("1 {unit}")
    } else {
        format!("{count} {unit}s")
    }
}

/// Whole percentages that add up to 100 (largest remainder), so a results page never shows
/// 33% + 33% + 33%.
pub fn percentages(votes: &[i64]) -> Vec<i64> {
    let total: i64 = votes.iter().sum();
    if total == 0 {
        return vec![0; votes.len()];
    }
    let mut shares: Vec<i64> = votes.iter().map(|v| v * 100 / total).collect();
    let mut by_remainder: Vec<usize> = (0..votes.len()).collect();
    by_remainder.sort_by_key(|&i| std::cmp::Reverse(votes[i] * 100 % total));
    let missing = 100 - shares.iter().sum::<i64>();
    for &i in by_remainder.iter().take(missing as usize) {
        shares[i] += 1;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_add_up_to_one_hundred() {
        assert_eq!(percentages(&[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(percentages(&[2, 1, 0, 0]), vec![67, 33, 0, 0]);
        assert_eq!(percentages(&[0, 0]), vec![0, 0]);
        assert_eq!(percentages(&[5]), vec![100]);
    }

    #[test]
    fn closing_times_read_in_the_largest_whole_unit() {
        assert_eq!(duration_words(1), "1 minute");
        assert_eq!(duration_words(3600), "60 minutes");
        assert_eq!(duration_words(3 * 3600), "3 hours");
        assert_eq!(duration_words(3 * 3600 - 10), "3 hours");
        assert_eq!(duration_words(7 * 86_400), "7 days");
    }

    #[test]
    fn several_answers_are_each_a_share_of_the_voters() {
        assert_eq!(shares(&[2, 1], 2, true), vec![100, 50]);
        assert_eq!(shares(&[0, 0], 0, true), vec![0, 0]);
        assert_eq!(shares(&[1, 1, 1], 3, false), vec![34, 33, 33]);
    }

    #[test]
    fn a_several_answers_ballot_takes_each_ticked_box_once_and_needs_one() {
        let ids = |raw: &[&str]| raw.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let chosen = parse_choices(true, None, &ids(&["3", "5", "3", ""])).unwrap();
        assert_eq!(chosen.iter().map(|c| c.get()).collect::<Vec<_>>(), [3, 5]);
        assert!(matches!(
            parse_choices(true, None, &[]),
            Err(AppError::Invalid { .. })
        ));
        let one = parse_choices(false, Some("4".into()), &ids(&["5"])).unwrap();
        assert_eq!(one.len(), 1, "a one-answer poll takes the one choice only");
    }

    #[test]
    fn poll_ids_must_be_positive_numbers() {
        assert_eq!(parse_poll_id(" 12 ").map(PollId::get), Ok(12));
        for raw in ["", "0", "-1", "abc", "99999999999999999999999", "1.5"] {
            assert_eq!(parse_poll_id(raw), Err(AppError::PollNotFound), "{raw:?}");
        }
    }
}
