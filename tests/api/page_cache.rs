//! Pages kept in memory for visitors without a session (`server::page_cache`): a kept page is
//! answered with a nonce of its own, never to a session, and never after a change it shows:
//! a vote, a new or closed poll, time passing, a vote through another instance. The polls
//! kept for signed-in pages (`polls::memo`) follow a vote at once too.

use crate::{
    cookie_hand::CookieHand,
    helpers::{
        browser, phone_number, spawn_app_on, spawn_app_with, unique_username, TestApp, TestDatabase,
    },
    poll_creation::poll_form,
};
use reqwest::{header, StatusCode};
use std::{sync::Arc, time::Duration};

const WITH_METRICS: &[(&str, &str)] = &[("METRICS_ADDR", "127.0.0.1:0")];

impl TestApp {
    /// How many answers came from the page cache so far.
    async fn pages_answered_from_memory(&self) -> u64 {
        let address = self
            .metrics_address
            .as_ref()
            .expect("METRICS_ADDR was given");
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
                    r#"pollstr_page_cache_answers_total{viewer="anonymous",outcome="hit"} "#,
                )?
                .parse()
                .ok()
            })
            .unwrap_or(0)
    }

    /// Asks for `path` without a session until an answer comes from memory (the first is
    /// rendered; one in a new second of the clock is rendered again). Its text.
    async fn kept_page(&self, path: &str) -> String {
        for _ in 0..20 {
            let before = self.pages_answered_from_memory().await;
            let text = self.page_text(&browser(), path).await;
            if self.pages_answered_from_memory().await > before {
                return text;
            }
        }
        panic!("{path} was never answered from memory");
    }
}

/// The nonce of an answer's policy, checked against every script of its page.
pub(crate) async fn nonce_of(response: reqwest::Response) -> (String, String) {
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let start = policy.find("'nonce-").expect("a nonce") + "'nonce-".len();
    let nonce = policy[start..start + policy[start..].find('\'').unwrap()].to_owned();
    let body = response.text().await.unwrap();
    let scripts = body.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script carries this answer's nonce: {body}"
    );
    (nonce, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_page_is_the_rendered_page_with_a_nonce_of_its_own() {
    let app = spawn_app_with(WITH_METRICS).await;
    let rendered = app.get(&browser(), "/").await;
    assert_eq!(rendered.status(), StatusCode::OK);
    assert_eq!(rendered.headers()[header::CACHE_CONTROL], "no-cache");
    let (first_nonce, first_body) = nonce_of(rendered).await;
    app.kept_page("/").await;

    let kept = app.get(&browser(), "/").await;
    assert_eq!(kept.status(), StatusCode::OK);
    assert_eq!(kept.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(kept.headers().contains_key("x-request-id"));
    let (nonce, body) = nonce_of(kept).await;
    assert_ne!(nonce, first_nonce, "a nonce is never sent twice");
    assert!(!body.contains(&first_nonce));
    assert_eq!(
        body.replace(&nonce, "N"),
        first_body.replace(&first_nonce, "N")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_a_new_poll_and_a_closed_one_show_at_once() {
    let app = spawn_app_with(WITH_METRICS).await;
    // A kept page is good for the rest of its second anyway: only a vote that lands in the
    // second of the page it follows tells the test anything, so voters come until one does.
    let mut in_one_second = false;
    for n in 1..=5u32 {
        let second = vote_after_a_kept_page(&app, &app, n).await;
        let after = app.page_text(&browser(), "/polls/1/results").await;
        assert!(after.contains(&voters(n)), "{after}");
        if app.clock.now() == second {
            in_one_second = true;
            break;
        }
    }
    assert!(in_one_second, "five tries, each across a second");

    // A new poll shows on the home page, and once closed on the closed tab, at once.
    let author = browser();
    app.verified_user(&author, &phone_number(20)).await;
    let mut in_one_second = false;
    for n in 1..=5u32 {
        let question = format!("Kept question {n}?");
        let second = app.clock.now();
        assert!(!app.kept_page("/").await.contains(&question));
        assert!(!app.kept_page("/?tab=closed").await.contains(&question));
        let form = poll_form(&question, &["Yes", "No"], "never", "always");
        let created = app.create_poll(&author, &form).await;
        let poll_id = created
            .redirect
            .clone()
            .unwrap_or_else(|| panic!("{created:?}"));
        let poll_id = poll_id.strip_prefix("/polls/").unwrap();
        assert!(app.page_text(&browser(), "/").await.contains(&question));
        let closing = app
            .call(&author, "close_poll", &[("poll_id", poll_id)])
            .await;
        assert_eq!(closing.error, None, "{closing:?}");
        let closed = app.page_text(&browser(), "/?tab=closed").await;
        assert!(closed.contains(&question), "{closed}");
        if app.clock.now() == second {
            in_one_second = true;
            break;
        }
    }
    assert!(in_one_second, "five tries, each across a second");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_page_reads_the_poll_again_after_a_vote() {
    let app = spawn_app_with(WITH_METRICS).await;
    let viewer = browser();
    app.verified_user(&viewer, &phone_number(30)).await;
    // As above: only a vote in the second of the page before it tells.
    let mut in_one_second = false;
    for n in 1..=5u32 {
        let voter = browser();
        app.verified_user(&voter, &phone_number(30 + n)).await;
        let second = app.clock.now();
        let before = app.page_text(&viewer, "/polls/1/results").await;
        assert!(before.contains(&voters(n - 1)), "{before}");
        app.vote_for_first_choice(&voter, 1)
            .await
            .redirected_to("/polls/1/results");
        let after = app.page_text(&viewer, "/polls/1/results").await;
        assert!(after.contains(&voters(n)), "{after}");
        if app.clock.now() == second {
            in_one_second = true;
            break;
        }
    }
    assert!(in_one_second, "five tries, each across a second");
}

/// The `n`th voter votes through `through` just after `kept_on` answered poll 1's results
/// from memory (showing the votes before); the second of that kept page.
async fn vote_after_a_kept_page(kept_on: &TestApp, through: &TestApp, n: u32) -> i64 {
    let voter = browser();
    through.verified_user(&voter, &phone_number(n)).await;
    let second = kept_on.clock.now();
    let kept = kept_on.kept_page("/polls/1/results").await;
    assert!(kept.contains(&voters(n - 1)), "{kept}");
    through
        .vote_for_first_choice(&voter, 1)
        .await
        .redirected_to("/polls/1/results");
    second
}

fn voters(n: u32) -> String {
    if n == 1 {
        "1 person voted".to_owned()
    } else {
        format!("{n} people voted")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_closing_by_time_shows_as_soon_as_the_clock_passes() {
    let app = spawn_app_with(WITH_METRICS).await;
    app.poll_by_a_member(3, "1h", "always").await;
    assert!(app.kept_page("/").await.contains("Cats or dogs?"));
    app.clock.advance(Duration::from_secs(2 * 3600));
    let open = app.page_text(&browser(), "/").await;
    assert!(
        !open.contains("Cats or dogs?"),
        "closed an hour ago: {open}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_never_answered_from_memory_nor_its_page_kept() {
    let app = spawn_app_with(WITH_METRICS).await;
    let kept = app.kept_page("/").await;
    assert!(kept.contains("Log in"));

    let member = browser();
    let username = app.verified_user(&member, &phone_number(4)).await;
    let before = app.pages_answered_from_memory().await;
    let theirs = app.page_text(&member, "/").await;
    assert!(theirs.contains(&username), "{theirs}");
    assert_eq!(app.pages_answered_from_memory().await, before);

    let anyones = app.page_text(&browser(), "/").await;
    assert!(!anyones.contains(&username));
    assert!(anyones.contains("Log in"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_page_is_never_kept_whatever_its_cookie_is_called() {
    let app = spawn_app_with(WITH_METRICS).await;
    let mut hand = CookieHand::new();
    let username = unique_username("kept");
    hand.register(&app, &username).await;
    let cookie = hand.cookie.clone().expect("signed in");
    // The session layer percent-decodes cookie names, so this is the same session.
    let encoded = cookie.replacen("pollstr_session", "pollstr%5Fsession", 1);
    assert_ne!(encoded, cookie);
    for _ in 0..3 {
        let page = browser()
            .get(format!("{}/", app.address))
            .header(header::COOKIE, &encoded)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(&username), "signed in: {page}");
    }
    let anyones = app.page_text(&browser(), "/").await;
    assert!(!anyones.contains(&username), "{anyones}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sealed_or_missing_results_page_is_not_kept() {
    let app = spawn_app_with(WITH_METRICS).await;
    let (poll, _author) = app.poll_by_a_member(40, "never", "after_vote").await;
    let before = app.pages_answered_from_memory().await;
    for path in [
        format!("/polls/{poll}/results"),
        "/polls/999999/results".to_owned(),
    ] {
        for _ in 0..3 {
            let status = app.get(&browser(), &path).await.status();
            assert!(
                matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{path}: {status}"
            );
        }
    }
    assert_eq!(app.pages_answered_from_memory().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_host_has_its_own_page_with_the_cache_full() {
    let app = spawn_app_with(&[("METRICS_ADDR", "127.0.0.1:0"), ("PAGE_CACHE_ENTRIES", "2")]).await;
    for _ in 0..2 {
        for host in ["a.example", "b.example", "c.example"] {
            let page = app.page_with_host("/polls/1/results", host).await;
            assert!(
                page.contains(&format!("http://{host}/polls/1")),
                "{host}: {page}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_is_kept_when_the_cache_is_off() {
    let app = spawn_app_with(&[("METRICS_ADDR", "127.0.0.1:0"), ("PAGE_CACHE_ENTRIES", "0")]).await;
    for _ in 0..5 {
        assert_eq!(app.get(&browser(), "/").await.status(), StatusCode::OK);
    }
    assert_eq!(app.pages_answered_from_memory().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_through_another_instance_shows_on_a_kept_page() {
    let database = Arc::new(TestDatabase::fresh().await);
    if !database.is_postgres() {
        eprintln!("skipped: several instances need PostgreSQL (set TEST_DATABASE_URL)");
        return;
    }
    let url = database.url().to_owned();
    let a = spawn_app_on(database.clone(), &url, WITH_METRICS).await;
    let b = spawn_app_on(database, &url, &[]).await;
    // As on one instance, only a vote in the second of the kept page it follows tells.
    for n in 1..=5u32 {
        let second = vote_after_a_kept_page(&a, &b, n).await;
        // The notification takes a moment to cross; A's kept page must not outlive it.
        let mut shown = false;
        while a.clock.now() == second {
            if a.page_text(&browser(), "/polls/1/results")
                .await
                .contains(&voters(n))
            {
                shown = a.clock.now() == second;
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        if shown {
            return;
        }
    }
    panic!("in five tries, no vote through B showed on A within the second of its kept page");
}
