//! Members make polls: who may, what the form accepts, the throttle, and what a poll's page
//! then says about it.

use crate::helpers::{browser, phone_number, spawn_app, spawn_app_with, Outcome, TestApp};
use pollstr::error::{AppError, Field};
use reqwest::Client;

/// The new-poll form as a browser posts it: `choices[i]` fields, blank ones included.
pub fn poll_form<'a>(
    question: &'a str,
    choices: &'a [&'a str],
    closes: &'a str,
    results_shown: &'a str,
) -> Vec<(String, &'a str)> {
    let mut form = vec![
        ("question".to_owned(), question),
        ("closes".to_owned(), closes),
        ("closes_at".to_owned(), ""),
        ("results_shown".to_owned(), results_shown),
        ("answers".to_owned(), "one"),
    ];
    form.extend(
        choices
            .iter()
            .enumerate()
            .map(|(i, choice)| (format!("choices[{i}]"), *choice)),
    );
    form
}

impl TestApp {
    pub async fn create_poll(&self, browser: &Client, form: &[(String, &str)]) -> Outcome {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        self.call(browser, "create_poll", &form).await
    }

    /// A poll made by a new verified member through the form; its id and the author's browser.
    pub async fn poll_by_a_member(
        &self,
        n: u32,
        closes: &str,
        results_shown: &str,
    ) -> (i64, Client) {
        let author = browser();
        self.verified_user(&author, &phone_number(n)).await;
        let form = poll_form(
            "Cats or dogs?",
            &["Cats", "Dogs", ""],
            closes,
            results_shown,
        );
        let created = self.create_poll(&author, &form).await;
        let path = created
            .redirect
            .clone()
            .unwrap_or_else(|| panic!("{created:?}"));
        let id = path.strip_prefix("/polls/").unwrap().parse().unwrap();
        (id, author)
    }

    pub async fn poll_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM polls")
            .fetch_one(&self.db)
            .await
            .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_member_creates_a_poll_and_lands_on_its_page() {
    let app = spawn_app().await;
    let author = browser();
    let username = app.verified_user(&author, &phone_number(150)).await;
    let form = poll_form(
        "  Best walk?  ",
        &["Park", "", " Beach ", "Woods", ""],
        "never",
        "always",
    );
    let created = app.create_poll(&author, &form).await;
    let path = created.redirect.clone().expect("to the new poll");
    let id: i64 = path.strip_prefix("/polls/").unwrap().parse().unwrap();

    let (question, author_name): (String, String) = sqlx::query_as(
        "SELECT p.question, u.username FROM polls p JOIN users u ON u.id = p.author_id WHERE p.id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        (question.as_str(), author_name),
        ("Best walk?", username.clone())
    );
    let choices: Vec<String> =
        sqlx::query_scalar("SELECT text FROM choices WHERE poll_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(choices, ["Park", "Beach", "Woods"]);

    let page = app.page_text(&author, &path).await;
    assert!(page.contains("Best walk?"), "{page}");
    assert!(page.contains(&format!("By {username}")), "{page}");
    assert!(page.contains("0 people voted"), "{page}");
    let home = app.page_text(&browser(), "/").await;
    assert!(home.contains("Best walk?") && home.contains(&format!("By {username}")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_a_poll_needs_a_verified_session() {
    let app = spawn_app().await;
    let form = poll_form("Q?", &["a", "b"], "never", "always");
    app.create_poll(&browser(), &form)
        .await
        .failed_with(AppError::NotLoggedIn);
    let (member, _) = app.waiting_for_a_code(151).await;
    app.create_poll(&member, &form)
        .await
        .failed_with(AppError::NotVerified);
    assert_eq!(app.poll_count().await, 3, "only the demo polls");
    let page = app.get(&browser(), "/polls/new").await;
    assert_eq!(
        page.headers()[reqwest::header::LOCATION],
        "/login?next=%2Fpolls%2Fnew"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_a_message_beside_its_field_and_nothing_is_written() {
    let app = spawn_app().await;
    let author = browser();
    app.verified_user(&author, &phone_number(152)).await;
    let long_question = "q".repeat(201);
    let long_choice = "c".repeat(101);
    let with_long_choice = ["a", long_choice.as_str()];
    let many: Vec<&str> = vec!["x"; 1_000];
    let cases: Vec<(Vec<(String, &str)>, Field)> = vec![
        (
            poll_form("", &["a", "b"], "never", "always"),
            Field::Question,
        ),
        (
            poll_form(&long_question, &["a", "b"], "never", "always"),
            Field::Question,
        ),
        (
            poll_form("Q?", &["only", "", ""], "never", "always"),
            Field::Choices,
        ),
        (
            poll_form("Q?", &["Same", "same"], "never", "always"),
            Field::Choices,
        ),
        (
            poll_form("Q?", &with_long_choice, "never", "always"),
            Field::Choices,
        ),
        (poll_form("Q?", &many, "never", "always"), Field::Choices),
        (
            poll_form("Q?", &["a", "b"], "someday", "always"),
            Field::Closes,
        ),
        (
            poll_form("Q?", &["a", "b"], "never", "sometimes"),
            Field::ResultsShown,
        ),
        (
            poll_form("Q?", &["a", "b"], "never", "after_close"),
            Field::Closes,
        ),
    ];
    for (form, field) in cases {
        let outcome = app.create_poll(&author, &form).await;
        let message = outcome.error.as_ref().and_then(|e| e.message_for(field));
        assert!(message.is_some(), "{field:?}: {outcome:?}");
    }
    let mut in_the_past = poll_form("Q?", &["a", "b"], "at", "always");
    in_the_past[2].1 = "2001-01-01T00:00";
    let outcome = app.create_poll(&author, &in_the_past).await;
    let message = outcome.error.and_then(|e| e.message_for(Field::Closes));
    assert_eq!(
        message.as_deref(),
        Some("That closing time has already passed.")
    );
    // Ten thousand fields are more than any form of this app can send: refused unread, with
    // a message the form shows (a JavaScript call gets it as the error; see the no-JS case in
    // forms_without_javascript.rs).
    let ten_thousand = vec!["x"; 10_000];
    let flood = poll_form("Q?", &ten_thousand, "never", "always");
    let refused = app.create_poll(&author, &flood).await;
    assert_eq!(refused.status, 413);
    refused.failed_with(AppError::TooLarge);
    assert_eq!(app.poll_count().await, 3, "nothing written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creating_is_throttled_per_account() {
    let app = spawn_app_with(&[("THROTTLE_POLLS_PER_ACCOUNT", "2/3600")]).await;
    let author = browser();
    app.verified_user(&author, &phone_number(153)).await;
    let form = poll_form("Q?", &["a", "b"], "never", "always");
    for _ in 0..2 {
        assert!(app.create_poll(&author, &form).await.redirect.is_some());
    }
    let third = app.create_poll(&author, &form).await;
    assert!(
        matches!(third.error, Some(AppError::Throttled { .. })),
        "{third:?}"
    );
    assert_eq!(app.poll_count().await, 5);
}
