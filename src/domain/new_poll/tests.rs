use super::*;

const NOW: i64 = 1_800_000_000;

fn form<'a>(question: &'a str, choices: &'a [String]) -> NewPollForm<'a> {
    NewPollForm {
        question,
        choices,
        closes: "never",
        closes_at: "",
        results_shown: "always",
        answers: "one",
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn refused(form: &NewPollForm<'_>) -> (Field, String) {
    NewPoll::parse(form, NOW).expect_err("refused")
}

#[test]
fn a_question_and_two_choices_make_a_poll_with_blanks_skipped_and_text_trimmed() {
    let choices = strings(&["  Rex ", "", "Fido", "   "]);
    let poll = NewPoll::parse(&form(" Best dog? ", &choices), NOW).unwrap();
    assert_eq!(poll.question, "Best dog?");
    assert_eq!(poll.choices, ["Rex", "Fido"]);
    assert_eq!(poll.closes_at, None);
    assert_eq!(poll.results_shown, ResultsShown::Always);
    assert!(!poll.multiple_answers);
    let several = NewPollForm {
        answers: "several",
        ..form("Q?", &choices)
    };
    assert!(NewPoll::parse(&several, NOW).unwrap().multiple_answers);
    let unknown = NewPollForm {
        answers: "all",
        ..form("Q?", &choices)
    };
    assert_eq!(refused(&unknown).0, Field::Answers);
}

#[test]
fn the_question_has_limits() {
    let choices = strings(&["a", "b"]);
    assert_eq!(refused(&form("   ", &choices)).0, Field::Question);
    let long = "q".repeat(201);
    assert!(refused(&form(&long, &choices)).1.contains("200"));
    assert!(NewPoll::parse(&form(&"q".repeat(200), &choices), NOW).is_ok());
    assert_eq!(refused(&form("two\nlines", &choices)).0, Field::Question);
    assert_eq!(
        refused(&form("Best\u{202E}dog", &choices)).0,
        Field::Question
    );
    let invisible = strings(&["Yes", "Yes\u{200B}"]);
    assert_eq!(refused(&form("Q?", &invisible)).0, Field::Choices);
}

#[test]
fn choices_need_two_distinct_short_ones_and_at_most_ten_fields() {
    for (choices, says) in [
        (strings(&["only one", ""]), "at least 2"),
        (strings(&["Rex", "rex"]), "repeats"),
        (vec!["a".into(), "b".repeat(101)], "at most 100"),
        (vec![String::new(); 11], "at most 10"),
        (vec!["x".to_owned(); 10_000], "at most 10"),
    ] {
        let (field, message) = refused(&form("Q?", &choices));
        assert_eq!(field, Field::Choices);
        assert!(message.contains(says), "{message}");
    }
    let ten: Vec<String> = (1..=10).map(|n| format!("choice {n}")).collect();
    assert_eq!(
        NewPoll::parse(&form("Q?", &ten), NOW)
            .unwrap()
            .choices
            .len(),
        10
    );
}

#[test]
fn closing_is_never_a_preset_or_a_future_time_within_a_year() {
    let choices = strings(&["a", "b"]);
    let with = |closes: &'static str, at: &'static str| NewPollForm {
        closes,
        closes_at: at,
        ..form("Q?", &choices)
    };
    let closes = |closes, at| NewPoll::parse(&with(closes, at), NOW).map(|p| p.closes_at);
    assert_eq!(closes("1h", ""), Ok(Some(NOW + 3600)));
    assert_eq!(closes("1d", ""), Ok(Some(NOW + 86_400)));
    assert_eq!(closes("1w", ""), Ok(Some(NOW + 604_800)));
    // 1_800_000_000 is 2027-01-15 08:00 UTC.
    assert_eq!(closes("at", "2027-01-15T09:00"), Ok(Some(NOW + 3600)));
    for (kind, at) in [
        ("at", "2027-01-15T07:59"),
        ("at", "2029-01-01T00:00"),
        ("at", "tomorrow"),
        ("soon", ""),
    ] {
        assert_eq!(refused(&with(kind, at)).0, Field::Closes, "{kind} {at}");
    }
}

#[test]
fn results_after_the_close_need_a_closing_time_and_unknown_options_are_refused() {
    let choices = strings(&["a", "b"]);
    let after_close = NewPollForm {
        results_shown: "after_close",
        ..form("Q?", &choices)
    };
    assert_eq!(refused(&after_close).0, Field::Closes);
    let unknown = NewPollForm {
        results_shown: "sometimes",
        ..form("Q?", &choices)
    };
    assert_eq!(refused(&unknown).0, Field::ResultsShown);
    for shown in [
        ResultsShown::Always,
        ResultsShown::AfterVote,
        ResultsShown::AfterClose,
    ] {
        assert_eq!(ResultsShown::parse(shown.as_str()), Some(shown));
    }
}
