//! (ssr) A poll's link and share card, made from the site's address and the poll's text.

use super::{qr::remembered_qr_path, PollLink, ShareCard};
use crate::domain::PollId;

/// Link previews cut descriptions at about this many characters; ours is cut first, with an
/// ellipsis.
const DESCRIPTION_MAX_CHARS: usize = 160;

pub fn poll_link<'a>(
    site_origin: &str,
    poll_id: PollId,
    question: &str,
    choices: impl IntoIterator<Item = &'a str>,
) -> PollLink {
    let choices: Vec<&str> = choices.into_iter().collect();
    PollLink {
        url: format!("{site_origin}/polls/{poll_id}"),
        title: question.to_owned(),
        description: shorten(&choices.join(" · "), DESCRIPTION_MAX_CHARS),
    }
}

/// What the poll's share box shows: its link, and the link's QR code.
pub fn share_card<'a>(
    site_origin: &str,
    poll_id: PollId,
    question: &str,
    choices: impl IntoIterator<Item = &'a str>,
) -> ShareCard {
    let link = poll_link(site_origin, poll_id, question, choices);
    ShareCard {
        qr: remembered_qr_path(&link.url),
        link,
    }
}

/// `text`, or its first characters and "…" when it is longer than `max` characters.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_absolute_and_the_description_lists_the_choices() {
        let choices = ["Tea", "Coffee"];
        let link = poll_link(
            "https://polls.example.org",
            PollId::try_from(7).unwrap(),
            "Tea or coffee?",
            choices,
        );
        assert_eq!(link.url, "https://polls.example.org/polls/7");
        assert_eq!(link.title, "Tea or coffee?");
        assert_eq!(link.description, "Tea · Coffee");
    }

    #[test]
    fn a_long_description_ends_with_an_ellipsis_within_the_limit() {
        let choices: Vec<String> = (0..10)
            .map(|i| format!("Choice number {i} is long"))
            .collect();
        let link = poll_link(
            "http://h",
            PollId::try_from(1).unwrap(),
            "Q?",
            choices.iter().map(String::as_str),
        );
        assert!(link.description.chars().count() <= DESCRIPTION_MAX_CHARS);
        assert!(link.description.ends_with('…'));
    }
}
