//! Pages kept for signed-in viewers (`server::page_cache::signed_in`): one rendering for
//! everyone who sees the same thing (`polls::viewer_class`), each answer with its viewer's own
//! name, and never a page of another class: another vote, an author's or a moderator's
//! rights, a verified session. The clock is stopped, so every page of a test is of one second
//! and only the class keeps viewers apart. (Debug builds also check each answer from memory
//! against a fresh render, so a mix-up would be a 500 as well.)

use crate::helpers::{browser, phone_number, spawn_app_with, TestApp, PASSWORD};
use reqwest::Client;

const WITH_METRICS: &[(&str, &str)] = &[("METRICS_ADDR", "127.0.0.1:0")];

impl TestApp {
    /// How many signed-in pages came from memory so far.
    async fn signed_in_pages_from_memory(&self) -> u64 {
        let address = self.metrics_address.as_ref().expect("METRICS_ADDR");
        let text = browser()
            .get(format!("{address}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        text.lines()
            .find_map(|line| {
                line.strip_prefix(
                    r#"pollstr_page_cache_answers_total{viewer="signed_in",outcome="hit"} "#,
                )?
                .parse()
                .ok()
            })
            .unwrap_or(0)
    }
}

/// A page that must be a 200 (a kept page that differs from its fresh render is a 500 in
/// debug builds), without the empty comments Leptos puts between text nodes.
async fn page(app: &TestApp, browser: &Client, path: &str) -> String {
    let response = app.get(browser, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap().replace("<!>", "")
}

/// A page with its nonce and the viewer's name written the same for everyone.
fn as_anyone(page: &str, name: &str) -> String {
    let start = page.find("nonce=\"").expect("a nonce") + "nonce=\"".len();
    let nonce = &page[start..start + page[start..].find('"').unwrap()];
    page.replace(nonce, "NONCE").replace(name, "NAME")
}

fn checked_boxes(page: &str) -> usize {
    page.matches(" checked").count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewers_who_see_the_same_share_one_kept_page_with_their_own_names() {
    let app = spawn_app_with(WITH_METRICS).await;
    let (ann, bea) = (browser(), browser());
    let ann_name = app.verified_user(&ann, &phone_number(150)).await;
    let bea_name = app.verified_user(&bea, &phone_number(151)).await;
    app.clock.freeze();
    for path in ["/", "/polls/1", "/polls/1/results"] {
        let ann_page = page(&app, &ann, path).await;
        let before = app.signed_in_pages_from_memory().await;
        let answer = app.get(&bea, path).await;
        assert_eq!(answer.status(), 200, "{path}");
        // The answer from memory names its own nonce in its policy and on every script.
        let (_, bea_page) = crate::page_cache::nonce_of(answer).await;
        let bea_page = bea_page.replace("<!>", "");
        assert!(
            app.signed_in_pages_from_memory().await > before,
            "{path} came from memory the second time"
        );
        assert!(
            bea_page.contains(&format!("Signed in as <strong>{bea_name}</strong>")),
            "{bea_page}"
        );
        assert!(!bea_page.contains(&ann_name), "{path}: {bea_page}");
        assert_eq!(
            as_anyone(&bea_page, &bea_name),
            as_anyone(&ann_page, &ann_name)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_page_never_shows_one_viewer_what_is_anothers() {
    let app = spawn_app_with(WITH_METRICS).await;
    let (poll, author) = app.poll_by_a_member(152, "never", "after_vote").await;
    let moderator = app.moderator(153).await;
    let (voter, member) = (browser(), browser());
    app.verified_user(&voter, &phone_number(154)).await;
    let member_name = app.verified_user(&member, &phone_number(155)).await;
    assert!(app
        .vote_for_first_choice(&voter, poll)
        .await
        .error
        .is_none());
    // The same password without the phone: signed in, not verified.
    let unverified = browser();
    app.login(&unverified, &member_name, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.clock.freeze();
    let from_memory = app.signed_in_pages_from_memory().await;

    let (ballot, results) = (format!("/polls/{poll}"), format!("/polls/{poll}/results"));
    // The voter's ballot first, then one who has not voted: no box of theirs is ticked.
    assert_eq!(checked_boxes(&page(&app, &voter, &ballot).await), 1);
    assert_eq!(checked_boxes(&page(&app, &member, &ballot).await), 0);
    // A verified ballot, then the same person's unverified session: sent to verify.
    let status = app.get(&unverified, &ballot).await.status();
    assert!(status.is_redirection(), "{status}");

    // Results the author and a moderator may always see, then one who may not yet.
    let seen = |page: &str| page.contains("Download the results (CSV)");
    assert!(seen(&page(&app, &author, &results).await));
    let panel = page(&app, &moderator, &results).await;
    assert!(panel.contains("Hide this poll") && seen(&panel), "{panel}");
    let sealed = app.get(&member, &results).await;
    assert_eq!(sealed.status(), 403);
    let sealed = sealed.text().await.unwrap();
    assert!(
        !seen(&sealed) && !sealed.contains("Hide this poll"),
        "{sealed}"
    );
    // The voter sees them with their vote, and no one's rights.
    let voted = page(&app, &voter, &results).await;
    assert!(
        !seen(&voted) && !voted.contains("Hide this poll"),
        "{voted}"
    );
    assert!(voted.contains("Cats"), "{voted}");
    // Each of those was a class of its own: nothing came from memory yet; the same viewers
    // again do.
    assert_eq!(app.signed_in_pages_from_memory().await, from_memory);
    assert_eq!(checked_boxes(&page(&app, &voter, &ballot).await), 1);
    assert!(page(&app, &moderator, &results)
        .await
        .contains("Hide this poll"));
    assert_eq!(app.signed_in_pages_from_memory().await, from_memory + 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_shows_on_the_next_kept_page_at_once() {
    let app = spawn_app_with(WITH_METRICS).await;
    let (poll, _author) = app.poll_by_a_member(156, "never", "always").await;
    let voter: Client = browser();
    app.verified_user(&voter, &phone_number(157)).await;
    app.clock.freeze();
    let results = format!("/polls/{poll}/results");
    for _ in 0..2 {
        assert!(page(&app, &voter, &results)
            .await
            .contains("0 people voted"));
    }
    assert!(app
        .vote_for_first_choice(&voter, poll)
        .await
        .error
        .is_none());
    let after = page(&app, &voter, &results).await;
    assert!(after.contains("1 person voted"), "{after}");
}
