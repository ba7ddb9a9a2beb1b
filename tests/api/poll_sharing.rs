//! Sharing a poll: the share box (the link and its QR code, drawn on the server), the link
//! preview tags, and the login page a stranger who opens the link lands on.

use crate::helpers::{browser, phone_number, spawn_app, spawn_app_with, TestApp};
use reqwest::{
    header::{ACCEPT, HOST, LOCATION},
    Client,
};

impl TestApp {
    /// The HTML of `path` as a new verified member sees it.
    async fn poll_page_of_a_member(&self, n: u32, path: &str) -> String {
        let member = browser();
        self.verified_user(&member, &phone_number(n)).await;
        self.page_text(&member, path).await
    }
}

/// The value of the `content` of the `<meta>` tag with `attribute="name"`.
fn meta<'a>(html: &'a str, attribute: &str, name: &str) -> Option<&'a str> {
    let tag_start = html.find(&format!(r#"{attribute}="{name}""#))?;
    let tag = &html[html[..tag_start].rfind('<')?..];
    let tag = &tag[..tag.find('>')?];
    let content = tag.split(r#"content=""#).nth(1)?;
    Some(&content[..content.find('"')?])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_poll_page_shares_its_link_with_a_qr_code_and_preview_tags() {
    let app = spawn_app().await;
    let html = app.poll_page_of_a_member(201, "/polls/1").await;
    let link = format!("{}/polls/1", app.address);
    assert!(html.contains("Share this poll"), "{html}");
    assert!(
        html.contains(&format!(r#"value="{link}""#)),
        "the link, absolute"
    );
    // The QR code is inline SVG with its modules in the HTML: no image file, no script.
    assert!(html.contains(r#"<svg viewBox="0 0 "#));
    assert!(
        html.contains(r#"<path d="M4 4h7v1h-7z"#),
        "a QR code starts with its finder square"
    );
    assert!(html.contains("QR code of the link"));
    assert_eq!(meta(&html, "property", "og:url"), Some(link.as_str()));
    let title = meta(&html, "property", "og:title").unwrap();
    assert!(title.contains("dog"), "{title}");
    let description = meta(&html, "property", "og:description").unwrap();
    assert!(
        description.contains("A golden retriever · "),
        "{description}"
    );
    assert_eq!(meta(&html, "name", "twitter:card"), Some("summary"));
    assert_eq!(meta(&html, "name", "twitter:title"), Some(title));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_results_page_shares_the_poll_page_link() {
    let app = spawn_app().await;
    let html = app.page_text(&browser(), "/polls/1/results").await;
    let link = format!("{}/polls/1", app.address);
    assert!(html.contains(&format!(r#"value="{link}""#)));
    assert_eq!(meta(&html, "property", "og:url"), Some(link.as_str()));
}

impl TestApp {
    /// The page at `path` as a request with this `Host` header gets it.
    pub async fn page_with_host(&self, path: &str, host: &str) -> String {
        browser()
            .get(format!("{}{path}", self.address))
            .header(HOST, host)
            .header(ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_url_makes_the_link_whatever_the_host_header_says() {
    let app = spawn_app_with(&[("PUBLIC_URL", "https://polls.example.org/")]).await;
    let html = app.poll_page_of_a_member(202, "/polls/2").await;
    assert!(html.contains(r#"value="https://polls.example.org/polls/2""#));
    assert_eq!(
        meta(&html, "property", "og:url"),
        Some("https://polls.example.org/polls/2")
    );
    let forged = app.page_with_host("/polls/2/results", "evil.example").await;
    assert_eq!(
        meta(&forged, "property", "og:url"),
        Some("https://polls.example.org/polls/2")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_public_url_only_a_bare_host_makes_the_link() {
    let app = spawn_app().await;
    let plain = app
        .page_with_host("/polls/2/results", "polls.test:8080")
        .await;
    assert_eq!(
        meta(&plain, "property", "og:url"),
        Some("http://polls.test:8080/polls/2")
    );
    // Anything more than a host and port falls back to the address the app listens on.
    let forged = app
        .page_with_host("/polls/2/results", "evil.example@x")
        .await;
    let link = meta(&forged, "property", "og:url").unwrap();
    assert!(!link.contains("evil"), "{link}");
    assert!(link.ends_with("/polls/2"), "{link}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_who_opens_a_shared_link_is_asked_to_log_in_and_told_which_poll() {
    let app = spawn_app().await;
    let stranger = browser();
    let response = app.get(&stranger, "/polls/2").await;
    assert_eq!(response.status(), 302, "issue 2's rule stands");
    let login = response.headers()[LOCATION].to_str().unwrap().to_owned();
    for page in [login.clone(), login.replace("/login", "/register")] {
        let html = app.page_text(&stranger, &page).await;
        assert!(
            html.contains("Log in or sign up to vote on “"),
            "{page}: {html}"
        );
        // A link previewer follows the redirect: the tags are where it lands.
        let title = meta(&html, "property", "og:title").unwrap_or_default();
        assert!(title.contains("dog"), "{page}: {title}");
        assert_eq!(
            meta(&html, "property", "og:url"),
            Some(format!("{}/polls/2", app.address).as_str())
        );
    }
    let plain = app.page_text(&stranger, "/login").await;
    assert!(!plain.contains("og:title") && !plain.contains("to vote on"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_or_missing_poll_is_not_named_on_the_login_page() {
    let app = spawn_app().await;
    sqlx::query("UPDATE polls SET hidden_at = 1 WHERE id = 3")
        .execute(&app.db)
        .await
        .unwrap();
    let stranger: Client = browser();
    for next in [
        "%2Fpolls%2F3",
        "%2Fpolls%2F999",
        "%2Fpolls%2F0",
        "%2Fpolls%2Fx",
    ] {
        let html = app
            .page_text(&stranger, &format!("/login?next={next}"))
            .await;
        assert!(
            !html.contains("to vote on") && !html.contains("og:title"),
            "{next}"
        );
        assert!(html.contains("Log in"), "the page itself works");
    }
}
