//! Moderation: `pollstr admin grant-moderator` on the command line; a moderator hides, shows
//! again and deletes any poll; a hidden poll is "not found" for everyone else and takes no
//! votes; every action is recorded.

use crate::helpers::{browser, phone_number, spawn_app, Outcome, TestApp};
use pollstr::error::AppError;
use reqwest::Client;
use std::process::Command;

impl TestApp {
    /// Runs `pollstr admin ARGS` on this app's database; its output and whether it succeeded.
    pub(crate) fn admin(&self, args: &[&str]) -> (bool, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_pollstr"))
            .arg("admin")
            .args(args)
            .env("DATABASE_URL", &self.database_url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("the binary runs");
        let text = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        // The app keeps each request's user for the second it was read in, and on SQLite it
        // hears nothing of another process's write (`server::kept_rows`): the change shows
        // from the next second, where the app's clock is moved rather than waited for.
        self.clock.advance(std::time::Duration::from_secs(1));
        (output.status.success(), text)
    }

    /// A new verified member made a moderator on the command line.
    pub async fn moderator(&self, n: u32) -> Client {
        let browser = browser();
        let username = self.verified_user(&browser, &phone_number(n)).await;
        let (granted, said) = self.admin(&["grant-moderator", &username]);
        assert!(granted && said.contains("is now a moderator"), "{said}");
        browser
    }

    pub async fn moderate(&self, browser: &Client, poll: i64, action: &str) -> Outcome {
        let poll = poll.to_string();
        let form = [("poll_id", poll.as_str()), ("action", action)];
        self.call(browser, "moderate_poll", &form).await
    }

    /// The username a browser is signed in as.
    async fn username_of(&self, browser: &Client) -> String {
        let me = self.call(browser, "load_current_user", &[]).await;
        let user: serde_json::Value = serde_json::from_str(&me.body).unwrap();
        user["username"].as_str().unwrap().to_owned()
    }

    async fn moderation_events(&self) -> Vec<(String, String, String)> {
        sqlx::query_as("SELECT actor, action, target FROM moderation_events ORDER BY id")
            .fetch_all(&self.db)
            .await
            .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_hides_a_poll_from_everyone_but_its_author_and_shows_it_again() {
    let app = spawn_app().await;
    let (poll, author) = app.poll_by_a_member(192, "never", "always").await;
    let moderator = app.moderator(193).await;
    let member = browser();
    app.verified_user(&member, &phone_number(194)).await;
    app.moderate(&member, poll, "hide")
        .await
        .failed_with(AppError::NotModerator);
    app.moderate(&moderator, poll, "hide")
        .await
        .redirected_to(&format!("/polls/{poll}/results?moderated=hidden"));
    let results = format!("/polls/{poll}/results");
    assert_eq!(app.get(&member, &results).await.status(), 404);
    assert_eq!(app.get(&browser(), &results).await.status(), 404);
    assert_eq!(app.get(&author, &results).await.status(), 200);
    assert!(!app
        .page_text(&browser(), "/")
        .await
        .contains("Cats or dogs?"));
    app.vote_for_first_choice(&member, poll)
        .await
        .failed_with(AppError::PollNotFound);
    app.vote_for_first_choice(&author, poll)
        .await
        .failed_with(AppError::PollHidden);
    let mine = app.page_text(&author, "/polls/mine").await;
    assert!(mine.contains("A moderator has hidden this poll"), "{mine}");
    let panel = app.page_text(&moderator, &results).await;
    assert!(panel.contains("Show this poll again"), "{panel}");
    // A moderator's password alone, without the phone, gives none of it.
    let username = app.username_of(&moderator).await;
    let unverified = browser();
    app.login(&unverified, &username, crate::helpers::PASSWORD, "/")
        .await
        .redirected_to("/");
    assert_eq!(app.get(&unverified, &results).await.status(), 404);

    app.moderate(&moderator, poll, "unhide")
        .await
        .redirected_to(&format!("/polls/{poll}/results?moderated=shown"));
    assert_eq!(app.get(&member, &results).await.status(), 200);
    assert!(app
        .vote_for_first_choice(&member, poll)
        .await
        .error
        .is_none());
    let events = app.moderation_events().await;
    let actions: Vec<&str> = events
        .iter()
        .map(|(_, action, _)| action.as_str())
        .collect();
    assert_eq!(actions, ["grant-moderator", "hide", "unhide"]);
    assert_eq!(events[0].0, "command line");
    assert!(events[1].2.contains("Cats or dogs?"), "{events:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_deletes_any_poll_and_the_record_outlives_it() {
    let app = spawn_app().await;
    let (poll, _author) = app.poll_by_a_member(195, "never", "always").await;
    let moderator = app.moderator(196).await;
    let poll_id = poll.to_string();
    let delete = [("poll_id", poll_id.as_str()), ("action", "delete")];
    let unconfirmed = app.call(&moderator, "moderate_poll", &delete).await;
    assert!(unconfirmed.invalid(), "{unconfirmed:?}");
    let confirmed = [
        ("poll_id", poll_id.as_str()),
        ("action", "delete"),
        ("confirm", "yes"),
    ];
    app.call(&moderator, "moderate_poll", &confirmed)
        .await
        .redirected_to("/?moderated=deleted");
    assert_eq!(
        app.get(&moderator, &format!("/polls/{poll}/results"))
            .await
            .status(),
        404
    );
    // Closing and exporting someone else's poll are a moderator's too, and recorded.
    app.call(&moderator, "close_poll", &[("poll_id", "1")])
        .await
        .redirected_to("/polls/mine?closed=1");
    assert_eq!(
        app.get(&moderator, "/polls/1/results.csv").await.status(),
        200
    );
    let actions: Vec<String> = app
        .moderation_events()
        .await
        .into_iter()
        .map(|(_, action, target)| format!("{action} {target}"))
        .collect();
    assert_eq!(actions.len(), 3, "{actions:?}");
    assert!(
        actions[1].starts_with(&format!("delete poll {poll} ")),
        "{actions:?}"
    );
    assert!(actions[2].starts_with("close poll 1 "), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_command_revokes_and_says_plainly_what_is_wrong() {
    let app = spawn_app().await;
    let moderator = app.moderator(197).await;
    let (ok, said) = app.admin(&["grant-moderator", "nobody-by-this-name"]);
    assert!(!ok && said.contains("there is no user"), "{said}");
    let (ok, said) = app.admin(&["promote", "x"]);
    assert!(!ok && said.contains("usage"), "{said}");
    let me = app.call(&moderator, "load_current_user", &[]).await;
    let username: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    let username = username["username"].as_str().unwrap().to_owned();
    let (ok, said) = app.admin(&["revoke-moderator", &username]);
    assert!(ok && said.contains("is no longer a moderator"), "{said}");
    app.call(
        &moderator,
        "moderate_poll",
        &[("poll_id", "1"), ("action", "hide")],
    )
    .await
    .failed_with(AppError::NotModerator);
}
