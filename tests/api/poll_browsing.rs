//! The home page's list: open polls newest first a page at a time (keyset, "Older polls"),
//! the closed tab, and the search over questions.

use crate::helpers::{browser, spawn_app, TestApp};
use pollstr::error::Field;
use serde_json::Value;

impl TestApp {
    /// `count` polls written straight to the database, one a minute apart from `from`, with
    /// `closes_at` as given; their questions are "Poll N".
    async fn many_polls(&self, count: i64, from: i64, closes_at: Option<i64>) {
        for n in 0..count {
            sqlx::query(
                "INSERT INTO polls (question, published_at, closes_at) VALUES ($1, $2, $3)",
            )
            .bind(format!("Poll {n}"))
            .bind(from + n * 60)
            .bind(closes_at)
            .execute(&self.db)
            .await
            .unwrap();
        }
    }

    async fn list(&self, form: &[(&str, &str)]) -> Value {
        let outcome = self.call(&browser(), "list_polls", form).await;
        assert!(outcome.error.is_none(), "{outcome:?}");
        serde_json::from_str(&outcome.body).unwrap()
    }
}

fn questions(list: &Value) -> Vec<String> {
    list["polls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|poll| poll["question"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_polls_come_newest_first_a_page_at_a_time() {
    let app = spawn_app().await;
    app.many_polls(45, 1_700_000_000, None).await;

    let first = app.list(&[]).await;
    let expected: Vec<String> = (25..45).rev().map(|n| format!("Poll {n}")).collect();
    assert_eq!(questions(&first), expected);
    let older = first["older"].as_str().expect("an older page").to_owned();

    let second = app.list(&[("before", &older)]).await;
    let expected: Vec<String> = (5..25).rev().map(|n| format!("Poll {n}")).collect();
    assert_eq!(questions(&second), expected);
    let older = second["older"].as_str().unwrap().to_owned();

    let last = app.list(&[("before", &older)]).await;
    assert_eq!(
        questions(&last).len(),
        5 + 3,
        "the last five, then the demo polls"
    );
    assert!(last["older"].is_null());

    let page = app.page_text(&browser(), "/").await;
    assert!(
        page.contains("rel=\"next\"") && page.contains(">Older polls</a>"),
        "{page}"
    );
    let garbage = app.list(&[("before", "not-a-cursor")]).await;
    assert_eq!(
        questions(&garbage),
        questions(&first),
        "an unreadable cursor starts over"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_polls_have_a_tab_of_their_own() {
    let app = spawn_app().await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    app.many_polls(2, now - 600, Some(now - 1)).await;
    let open = questions(&app.list(&[]).await);
    assert!(!open.iter().any(|q| q.starts_with("Poll ")), "{open:?}");
    let closed = app.list(&[("tab", "closed")]).await;
    assert_eq!(questions(&closed), ["Poll 1", "Poll 0"]);
    let page = app.page_text(&browser(), "/?tab=closed").await;
    assert!(
        page.contains("Closed polls") && page.contains("Closed on"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_finds_questions_ignoring_case_and_takes_wildcards_literally() {
    let app = spawn_app().await;
    let dogs = questions(&app.list(&[("q", "DOG")]).await);
    assert_eq!(dogs.len(), 3, "{dogs:?}");
    assert_eq!(
        questions(&app.list(&[("q", "let the")]).await),
        ["Who let the dogs out?"]
    );
    assert!(questions(&app.list(&[("q", "%")]).await).is_empty());
    let long = "x".repeat(101);
    let refused = app.call(&browser(), "list_polls", &[("q", &long)]).await;
    assert!(refused
        .error
        .and_then(|e| e.message_for(Field::Search))
        .is_some());
    let page = app.page_text(&browser(), "/?q=zebra").await;
    assert!(page.contains("No polls match that search."), "{page}");
}
