//! The author downloads a poll's results as CSV: choices, votes and shares, no voters.

use crate::helpers::{browser, phone_number, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_author_downloads_the_results_as_csv_and_nobody_else_does() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(190, "never", "always").await;
    let voter = browser();
    let voter_name = app.verified_user(&voter, &phone_number(191)).await;
    assert!(app
        .vote_for_first_choice(&voter, poll)
        .await
        .error
        .is_none());
    let path = format!("/polls/{poll}/results.csv");

    let download = app.get(&author, &path).await;
    assert_eq!(download.status(), 200);
    let headers = download.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    let csv = download.text().await.unwrap();
    assert_eq!(
        csv,
        "choice,votes,share\r\n\"Cats\",1,100%\r\n\"Dogs\",0,0%\r\n"
    );
    assert!(!csv.contains(&voter_name));
    let results = app
        .page_text(&author, &format!("/polls/{poll}/results"))
        .await;
    assert!(results.contains("Download the results (CSV)"), "{results}");

    assert_eq!(app.get(&voter, &path).await.status(), 403);
    assert_eq!(app.get(&browser(), &path).await.status(), 401);
    let others = app
        .page_text(&voter, &format!("/polls/{poll}/results"))
        .await;
    assert!(!others.contains("Download the results"), "{others}");
    assert_eq!(
        app.get(&author, "/polls/999/results.csv").await.status(),
        404
    );
}
