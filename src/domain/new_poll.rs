//! (ssr) A poll as its creator typed it, checked once: the question, two to ten distinct
//! answers, when it closes and when its results show. Every refusal names the field it is
//! about, so the form can show it there.

use crate::error::Field;
use time::{format_description::FormatItem, macros::format_description, PrimitiveDateTime};

use super::poll_limits::{CHOICE_MAX_CHARS, MAX_CHOICES, MIN_CHOICES, QUESTION_MAX_CHARS};
/// A chosen closing time may be at most this far ahead.
const LATEST_CLOSE_SECS: i64 = 366 * 24 * 3600;

/// When the results of a poll show, to people other than its creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsShown {
    Always,
    AfterVote,
    AfterClose,
}

impl ResultsShown {
    /// The form's value, which is also what the database stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::AfterVote => "after_vote",
            Self::AfterClose => "after_close",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Always, Self::AfterVote, Self::AfterClose]
            .into_iter()
            .find(|shown| shown.as_str() == raw.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPoll {
    pub question: String,
    pub choices: Vec<String>,
    /// Unix seconds; `None`: never.
    pub closes_at: Option<i64>,
    pub results_shown: ResultsShown,
    /// A person may tick several answers.
    pub multiple_answers: bool,
}

/// The form's raw fields.
pub struct NewPollForm<'a> {
    pub question: &'a str,
    pub choices: &'a [String],
    /// `never`, `1h`, `1d`, `1w` or `at`.
    pub closes: &'a str,
    /// With `at`: `YYYY-MM-DDTHH:MM` (what a datetime-local input sends), in UTC.
    pub closes_at: &'a str,
    pub results_shown: &'a str,
    /// `one` or `several`.
    pub answers: &'a str,
}

pub type Refusal = (Field, String);

impl NewPoll {
    pub fn parse(form: &NewPollForm<'_>, now: i64) -> Result<Self, Refusal> {
        let question = text(form.question, QUESTION_MAX_CHARS)
            .map_err(|why| (Field::Question, why.for_question()))?;
        let choices = choices(form.choices)?;
        let multiple_answers = match form.answers.trim() {
            "one" => false,
            "several" => true,
            _ => {
                return Err((
                    Field::Answers,
                    "Please choose how many answers people may choose.".to_owned(),
                ))
            }
        };
        let closes_at = closes_at(form.closes, form.closes_at, now)?;
        let results_shown = ResultsShown::parse(form.results_shown).ok_or_else(|| {
            (
                Field::ResultsShown,
                "Please choose when the results show.".to_owned(),
            )
        })?;
        if results_shown == ResultsShown::AfterClose && closes_at.is_none() {
            return Err((
                Field::Closes,
                "Results shown once the poll has closed need a closing time.".to_owned(),
            ));
        }
        Ok(Self {
            question,
            choices,
            closes_at,
            results_shown,
            multiple_answers,
        })
    }
}

enum TextRefusal {
    Empty,
    TooLong(usize),
    Control,
}

impl TextRefusal {
    fn for_question(&self) -> String {
        match self {
            Self::Empty => "Please type the question.".to_owned(),
            Self::TooLong(max) => format!("A question has at most {max} characters."),
            Self::Control => "A question is one line of text.".to_owned(),
        }
    }

    fn for_choice(&self, n: usize) -> String {
        match self {
            Self::Empty => format!("Choice {n} is empty."),
            Self::TooLong(max) => format!("Choice {n} is too long: at most {max} characters."),
            Self::Control => format!("Choice {n} must be one line of text."),
        }
    }
}

/// Trimmed, one line, 1 to `max` characters.
fn text(raw: &str, max: usize) -> Result<String, TextRefusal> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        Err(TextRefusal::Empty)
    } else if trimmed.chars().count() > max {
        Err(TextRefusal::TooLong(max))
    } else if trimmed.chars().any(|c| c.is_control() || is_invisible(c)) {
        Err(TextRefusal::Control)
    } else {
        Ok(trimmed.to_owned())
    }
}

/// Characters that show nothing or turn text around (zero-width spaces and joiners, bidi
/// controls, the byte-order mark): with them, "Yes" and "Yes" could be two different answers,
/// or a choice could read backwards.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// The filled-in choices, in order; blank ones are skipped.
fn choices(raw: &[String]) -> Result<Vec<String>, Refusal> {
    let refuse = |message: String| (Field::Choices, message);
    if raw.len() > MAX_CHOICES {
        return Err(refuse(format!("A poll has at most {MAX_CHOICES} choices.")));
    }
    let mut choices: Vec<String> = Vec::new();
    for (i, typed) in raw.iter().enumerate() {
        if typed.trim().is_empty() {
            continue;
        }
        let choice = text(typed, CHOICE_MAX_CHARS).map_err(|why| refuse(why.for_choice(i + 1)))?;
        let key = choice.to_lowercase();
        if choices.iter().any(|earlier| earlier.to_lowercase() == key) {
            return Err(refuse(format!("Choice {} repeats an earlier one.", i + 1)));
        }
        choices.push(choice);
    }
    if choices.len() < MIN_CHOICES {
        return Err(refuse(format!(
            "Please give at least {MIN_CHOICES} choices."
        )));
    }
    Ok(choices)
}

const DATETIME_LOCAL: &[FormatItem<'_>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]");

fn closes_at(closes: &str, at: &str, now: i64) -> Result<Option<i64>, Refusal> {
    let refuse = |message: &str| (Field::Closes, message.to_owned());
    let after = |secs: i64| Ok(Some(now + secs));
    match closes.trim() {
        "never" => Ok(None),
        "1h" => after(3600),
        "1d" => after(24 * 3600),
        "1w" => after(7 * 24 * 3600),
        "at" => {
            let chosen = PrimitiveDateTime::parse(at.trim(), DATETIME_LOCAL)
                .map_err(|_| {
                    refuse("Please give the closing date and time, like 2027-01-31 18:00.")
                })?
                .assume_utc()
                .unix_timestamp();
            if chosen <= now {
                Err(refuse("That closing time has already passed."))
            } else if chosen > now + LATEST_CLOSE_SECS {
                Err(refuse("A poll closes at most a year from now."))
            } else {
                Ok(Some(chosen))
            }
        }
        _ => Err(refuse("Please choose when the poll closes.")),
    }
}

#[cfg(test)]
mod tests;
