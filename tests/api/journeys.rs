//! The steps of the journey that many tests take on the way to what they check: sign up,
//! log in, ask for a code, check it, and read what the database made of it.

use crate::helpers::{browser, e164, phone_number, unique_username, wrong_code, Outcome, TestApp};
use crate::helpers::{FIRST_CONFIRMATION, PASSWORD};
use pollstr::error::AppError;
use reqwest::Client;

impl TestApp {
    pub async fn register(&self, browser: &Client, username: &str) -> Outcome {
        self.call(
            browser,
            "register",
            &[
                ("username", username),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("next", "/"),
            ],
        )
        .await
    }

    pub async fn login(
        &self,
        browser: &Client,
        username: &str,
        password: &str,
        next: &str,
    ) -> Outcome {
        self.call(
            browser,
            "login",
            &[
                ("username", username),
                ("password", password),
                ("next", next),
            ],
        )
        .await
    }

    pub async fn send_code(&self, browser: &Client, number: &str) -> Outcome {
        self.call(
            browser,
            "send_code",
            &[("phone_number", number), ("next", "/")],
        )
        .await
    }

    pub async fn check_code(&self, browser: &Client, code: &str) -> Outcome {
        self.call(browser, "check_code", &[("code", code), ("next", "/")])
            .await
    }

    /// The newest code the simulator sent to `number`.
    pub fn last_code_for(&self, number: &str) -> String {
        let e164 = e164(number);
        self.simulator
            .as_ref()
            .expect("a simulator")
            .inbox()
            .into_iter()
            .find(|m| m.number == e164)
            .unwrap_or_else(|| panic!("no SMS to {e164}"))
            .code
    }

    /// Signs a new user up and asks for a code to `phone_number(n)`; returns their browser
    /// and the number, with the code step open.
    pub async fn waiting_for_a_code(&self, n: u32) -> (Client, String) {
        let browser = browser();
        self.register(&browser, &unique_username("waiting"))
            .await
            .redirected_to("/");
        let number = phone_number(n);
        self.send_code(&browser, &number)
            .await
            .redirected_to("/2fa/verify");
        (browser, number)
    }

    /// Uses up the request's three tries with wrong codes: the third ends it, and then even
    /// the right `code` finds nothing to check.
    pub async fn three_wrong_codes(&self, browser: &Client, code: &str) {
        let wrong = wrong_code(code);
        for expected in [
            AppError::WrongCode,
            AppError::WrongCode,
            AppError::TooManyWrongCodes,
        ] {
            self.check_code(browser, wrong).await.failed_with(expected);
        }
        self.check_code(browser, code)
            .await
            .failed_with(AppError::NoCodeRequested);
    }

    /// Asks again for a code to `number` while one is on its way: the request is resumed, and
    /// no second SMS is sent.
    pub async fn ask_again_and_find_it_resumed(&self, browser: &Client, number: &str) {
        self.send_code(browser, number)
            .await
            .redirected_to("/2fa/verify");
        let inbox = self.simulator.as_ref().expect("a simulator").inbox();
        assert_eq!(inbox.len(), 1, "resumed, not sent twice");
    }

    /// Another browser logged in as `username`, with a code asked for to `number` (or to the
    /// account's confirmed number, which wins).
    pub async fn another_browser_waiting(&self, username: &str, number: &str) -> Client {
        let browser = browser();
        self.login(&browser, username, PASSWORD, "/")
            .await
            .redirected_to("/");
        self.send_code(&browser, number)
            .await
            .redirected_to("/2fa/verify");
        browser
    }

    /// Signs a new user up and verifies their session with `number`; returns the username.
    pub async fn verified_user(&self, browser: &Client, number: &str) -> String {
        let username = unique_username("voter");
        self.register(browser, &username).await.redirected_to("/");
        self.send_code(browser, number)
            .await
            .redirected_to("/2fa/verify");
        let code = self.last_code_for(number);
        self.check_code(browser, &code)
            .await
            .redirected_to(FIRST_CONFIRMATION);
        username
    }

    /// After a failure: the browser is still signed in as `username`, and voting is still
    /// refused until it is verified.
    pub async fn still_logged_in_and_unverified(&self, browser: &Client, username: &str) {
        let me = self.call(browser, "load_current_user", &[]).await;
        assert!(me.body.contains(username), "still logged in: {me:?}");
        self.call(browser, "vote", &[("poll_id", "1"), ("choice_id", "1")])
            .await
            .failed_with(AppError::NotVerified);
    }

    pub async fn user_phone(&self, username: &str) -> Option<String> {
        sqlx::query_scalar("SELECT phone_number FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(&self.db)
            .await
            .expect("user row")
    }

    pub async fn vote_count(&self, poll_id: i64) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM votes WHERE poll_id = $1")
            .bind(poll_id)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    pub async fn first_choice_ids(&self, poll_id: i64) -> Vec<i64> {
        sqlx::query_scalar("SELECT id FROM choices WHERE poll_id = $1 ORDER BY position")
            .bind(poll_id)
            .fetch_all(&self.db)
            .await
            .unwrap()
    }
}
