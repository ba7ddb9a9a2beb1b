//! A browser whose session cookie the test holds by hand, to replay old ids and to see each
//! Set-Cookie the app sends.

use crate::helpers::{TestApp, PASSWORD};
use reqwest::{header, redirect::Policy, Client};

/// A browser whose session cookie the test holds, to replay old ids.
pub struct CookieHand {
    pub client: Client,
    pub cookie: Option<String>,
}

impl CookieHand {
    pub fn new() -> Self {
        Self {
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            cookie: None,
        }
    }

    /// Posts to a server function with the current cookie; keeps any new one. Returns the
    /// raw Set-Cookie header and the HTTP status.
    pub async fn call(
        &mut self,
        app: &TestApp,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (Option<String>, u16) {
        let mut request = self
            .client
            .post(format!("{}/api/{endpoint}", app.address))
            .form(form);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = request.send().await.unwrap();
        let set_cookie = response
            .headers()
            .get(header::SET_COOKIE)
            .map(|v| v.to_str().unwrap().to_owned());
        if let Some(set) = &set_cookie {
            self.cookie = Some(set.split(';').next().unwrap().to_owned());
        }
        (set_cookie, response.status().as_u16())
    }

    /// Signs a new account up, as the sign-up form does; the hand holds its session.
    pub async fn register(&mut self, app: &TestApp, username: &str) -> (Option<String>, u16) {
        let form = [
            ("username", username),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
            ("next", "/"),
        ];
        self.call(app, "register", &form).await
    }

    pub async fn username_seen_by(&self, app: &TestApp, cookie: &str) -> Option<String> {
        let response = self
            .client
            .post(format!("{}/api/load_current_user", app.address))
            .header(header::COOKIE, cookie)
            .send()
            .await
            .unwrap();
        let user: Option<serde_json::Value> = response.json().await.unwrap();
        user.map(|u| u["username"].as_str().unwrap().to_owned())
    }

    /// Posts `form` to `endpoint` with this hand's cookie while, a second later (long after
    /// that request has read its session and long before a 3 s provider delay ends), the
    /// same cookie logs out. Returns what the slow request answered (Set-Cookie, status).
    pub async fn call_across_a_logout(
        &mut self,
        app: &TestApp,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (Option<String>, u16) {
        let mut slow_hand = CookieHand {
            client: self.client.clone(),
            cookie: self.cookie.clone(),
        };
        let slow = slow_hand.call(app, endpoint, form);
        let logout = async {
            tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
            self.call(app, "logout", &[]).await
        };
        tokio::join!(slow, logout).0
    }
}
