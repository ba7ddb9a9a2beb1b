//! Forms as a browser with JavaScript off posts them: a refusal sends the browser back to the
//! form with the error in the URL, and the form comes back as it was typed (passwords aside).

use crate::{
    helpers::{browser, phone_number, spawn_app, unique_username, TestApp},
    poll_creation::poll_form,
};
use reqwest::{
    header::{CONNECTION, LOCATION},
    Client,
};

impl TestApp {
    /// Posts a poll form without JavaScript; the page it sends the browser back to.
    async fn refused_without_javascript(
        &self,
        browser: &Client,
        endpoint: &str,
        form_page: &str,
        form: &[(String, &str)],
    ) -> String {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let response = self
            .post_without_javascript(browser, endpoint, form_page, &form)
            .await;
        assert_eq!(response.status(), 302);
        let back_to = response.headers()[LOCATION].to_str().unwrap().to_owned();
        let back_to = back_to
            .strip_prefix(&self.address)
            .unwrap_or(&back_to)
            .to_owned();
        assert!(
            back_to.starts_with(form_page) && back_to.contains("__err="),
            "{back_to}"
        );
        self.page_text(browser, &back_to).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_new_poll_comes_back_as_it_was_typed() {
    let app = spawn_app().await;
    let author = browser();
    app.verified_user(&author, &phone_number(221)).await;
    let mut form = poll_form(
        "Tea or coffee?",
        &["Tea", "tea", "Water"],
        "1w",
        "after_close",
    );
    form[4].1 = "several";
    let page = app
        .refused_without_javascript(&author, "create_poll", "/polls/new", &form)
        .await;
    assert!(page.contains("Choice 2 repeats an earlier one."), "{page}");
    for kept in [
        r#"value="Tea or coffee?""#,
        r#"value="Tea""#,
        r#"value="tea""#,
        r#"value="Water""#,
    ] {
        assert!(page.contains(kept), "{kept} is kept");
    }
    for checked in [
        r#"value="several" checked"#,
        r#"value="1w" checked"#,
        r#"value="after_close" checked"#,
    ] {
        assert!(page.contains(checked), "{checked} is kept");
    }
    assert_eq!(app.poll_count().await, 3, "nothing written");
    // Opened afresh, the form is empty again.
    let fresh = app.page_text(&author, "/polls/new").await;
    assert!(!fresh.contains("Tea or coffee?"));
}

impl TestApp {
    /// Some session row's data holds `text` (the store writes strings as they are).
    pub async fn session_rows_contain(&self, text: &str) -> bool {
        let sqlite = sqlx::query_scalar::<_, Vec<u8>>("SELECT data FROM tower_sessions")
            .fetch_all(&self.db)
            .await;
        let rows = match sqlite {
            Ok(rows) => rows,
            Err(_) => sqlx::query_scalar(r#"SELECT data FROM "tower_sessions"."session""#)
                .fetch_all(&self.db)
                .await
                .unwrap(),
        };
        rows.iter().any(|row| {
            row.windows(text.len())
                .any(|window| window == text.as_bytes())
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_edit_comes_back_as_it_was_typed() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(224, "never", "always").await;
    let poll_id = poll.to_string();
    let mut form = poll_form(
        "Cats, dogs or fish?",
        &["Cats", "Dogs", "dogs"],
        "never",
        "always",
    );
    form.push(("poll_id".to_owned(), poll_id.as_str()));
    let edit_page = format!("/polls/{poll}/edit");
    let page = app
        .refused_without_javascript(&author, "update_poll", &edit_page, &form)
        .await;
    assert!(page.contains("Choice 3 repeats an earlier one."), "{page}");
    assert!(page.contains(r#"value="Cats, dogs or fish?""#));
    assert!(page.contains(r#"value="dogs""#));
    let stored: String = sqlx::query_scalar("SELECT question FROM polls WHERE id = $1")
        .bind(poll)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, "Cats or dogs?", "nothing written");
    // The edit page of the poll as it is, once no refusal is being shown.
    let fresh = app.page_text(&author, &edit_page).await;
    assert!(fresh.contains(r#"value="Cats or dogs?""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_fields_send_the_browser_back_to_the_form_with_a_message() {
    let app = spawn_app().await;
    let author = browser();
    app.verified_user(&author, &phone_number(225)).await;
    let ten_thousand = vec!["x"; 10_000];
    let flood = poll_form("Q?", &ten_thousand, "never", "always");
    let pairs: Vec<(&str, &str)> = flood.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let response = app
        .post_without_javascript(&author, "create_poll", "/polls/new", &pairs)
        .await;
    assert_eq!(response.status(), 302);
    // Refused unread: the connection is not one to send the next request down.
    assert_eq!(response.headers()[CONNECTION], "close");
    let back_to = response.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(
        back_to.starts_with("/polls/new?__path=%2Fapi%2Fcreate_poll&__err="),
        "{back_to}"
    );
    let page = app.page_text(&author, &back_to).await;
    assert!(
        page.contains("That is more than this form takes, so nothing was saved."),
        "{page}"
    );
    assert_eq!(app.poll_count().await, 3, "nothing written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_login_or_sign_up_keeps_the_username_and_never_a_password() {
    let app = spawn_app().await;
    let stranger = browser();
    let name = unique_username("kept");
    let login = [
        ("username".to_owned(), name.as_str()),
        ("password".to_owned(), "not-the-password-123"),
        ("next".to_owned(), "/"),
    ];
    let page = app
        .refused_without_javascript(&stranger, "login", "/login", &login)
        .await;
    assert!(page.contains("Invalid username or password."), "{page}");
    assert!(
        page.contains(&format!(r#"value="{name}""#)),
        "the username is kept"
    );
    assert!(!page.contains("not-the-password-123"));

    let register = [
        ("username".to_owned(), name.as_str()),
        ("password".to_owned(), "long-enough-secret-1"),
        ("password_again".to_owned(), "long-enough-secret-2"),
        ("next".to_owned(), "/"),
    ];
    let pairs: Vec<(&str, &str)> = register.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let refused = app
        .post_without_javascript(&stranger, "register", "/register", &pairs)
        .await;
    // What the session store holds now: the name, and neither password.
    assert!(app.session_rows_contain(&name).await, "the name is kept");
    assert!(!app.session_rows_contain("long-enough-secret").await);
    let back_to = refused.headers()[LOCATION].to_str().unwrap().to_owned();
    let back_to = back_to.strip_prefix(&app.address).unwrap_or(&back_to);
    let page = app.page_text(&stranger, back_to).await;
    assert!(page.contains("The two passwords do not match."), "{page}");
    assert!(page.contains(&format!(r#"value="{name}""#)));
    // Kept until the form goes through.
    let register = [
        ("username", name.as_str()),
        ("password", "long-enough-secret-1"),
        ("password_again", "long-enough-secret-1"),
        ("next", "/"),
    ];
    let done = app
        .post_without_javascript(&stranger, "register", "/register", &register)
        .await;
    assert_eq!(done.status(), 302);
    assert!(!app.session_rows_contain("refused_form").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_javascript_call_keeps_nothing_its_page_still_has() {
    let app = spawn_app().await;
    let name = unique_username("script");
    let refused = app
        .call(
            &browser(),
            "login",
            &[
                ("username", &name),
                ("password", "wrong-123456"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(refused.status, 400, "{refused:?}");
    assert!(!app.session_rows_contain(&name).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_phone_number_comes_back_as_typed() {
    let app = spawn_app().await;
    let member = browser();
    app.register(&member, &unique_username("phone"))
        .await
        .redirected_to("/");
    let form = [
        ("phone_number".to_owned(), "+1 900 555 01"),
        ("next".to_owned(), "/"),
    ];
    let page = app
        .refused_without_javascript(&member, "send_code", "/2fa", &form)
        .await;
    assert!(page.contains(r#"value="+1 900 555 01""#), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_new_number_comes_back_as_typed_on_the_account_page() {
    let app = spawn_app().await;
    let member = browser();
    app.verified_user(&member, &phone_number(226)).await;
    let form = [("phone_number".to_owned(), "+1 900 555 02")];
    let page = app
        .refused_without_javascript(&member, "start_number_change", "/account", &form)
        .await;
    assert!(page.contains(r#"value="+1 900 555 02""#), "{page}");
    // The form is open, with the error beside the field.
    assert!(
        page.contains(r#"<details open class="change-number">"#),
        "{page}"
    );
}
