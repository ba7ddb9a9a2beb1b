//! A session that ends stays ended, also against requests in flight that rotate its id; what
//! a logged-in person sees is never stored by a cache; plain recovery codes do not linger.

use crate::{
    cookie_hand::CookieHand,
    helpers::{browser, e164, phone_number, spawn_app, unique_username, TestApp},
};
use pollstr::verify_simulator::Fault;
use reqwest::header;
use std::time::Duration;

/// A new account signed up through `hand`, waiting for a code to `number`; its code.
async fn waiting_by_hand(app: &TestApp, hand: &mut CookieHand, number: &str) -> String {
    let username = unique_username("hand");
    hand.register(app, &username).await;
    let (_, status) = hand
        .call(app, "send_code", &[("phone_number", number), ("next", "/")])
        .await;
    assert_eq!(status, 200);
    app.last_code_for(number)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_check_finishing_after_logout_does_not_bring_the_session_back() {
    let app = spawn_app().await;
    let mut hand = CookieHand::new();
    let number = phone_number(193);
    let code = waiting_by_hand(&app, &mut hand, &number).await;
    let old_cookie = hand.cookie.clone().expect("logged in");

    // The check reads the session, waits for the provider, then would rotate the id.
    app.simulator
        .as_ref()
        .unwrap()
        .inject_fault(&e164(&number), Fault::Delay(Duration::from_millis(3000)));
    let form = [("code", code.as_str()), ("next", "/")];
    let (set_cookie, _) = hand.call_across_a_logout(&app, "check_code", &form).await;

    assert_eq!(hand.username_seen_by(&app, &old_cookie).await, None);
    if let Some(new_cookie) = set_cookie.as_deref().and_then(|c| c.split(';').next()) {
        assert_eq!(
            hand.username_seen_by(&app, new_cookie).await,
            None,
            "the slow check did not log the session back in under a new id"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_other_sessions_gives_this_one_a_new_id_too() {
    let app = spawn_app().await;
    let mut hand = CookieHand::new();
    let number = phone_number(194);
    let code = waiting_by_hand(&app, &mut hand, &number).await;
    hand.call(&app, "check_code", &[("code", &code), ("next", "/")])
        .await;
    let before = hand.cookie.clone().expect("verified");
    let (set_cookie, status) = hand.call(&app, "sign_out_other_sessions", &[]).await;
    assert_eq!(status, 200);
    let after = hand.cookie.clone().unwrap();
    assert!(set_cookie.is_some(), "a new cookie");
    assert_ne!(after, before, "a new session id");
    assert_eq!(hand.username_seen_by(&app, &before).await, None);
    assert!(hand.username_seen_by(&app, &after).await.is_some());
}

fn cache_control(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::CACHE_CONTROL)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_of_a_logged_in_person_and_every_server_function_answer_are_never_stored() {
    let app = spawn_app().await;
    let visitor = browser();
    assert_eq!(cache_control(&app.get(&visitor, "/").await), "no-cache");
    let answer = visitor
        .post(format!("{}/api/load_current_user", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(cache_control(&answer), "no-store");

    let member = browser();
    app.verified_user(&member, &phone_number(195)).await;
    for path in ["/", "/account", "/account/recovery-codes", "/polls/1"] {
        let page = app.get(&member, path).await;
        assert_eq!(cache_control(&page), "no-store", "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_recovery_codes_left_unseen_are_dropped_from_the_session() {
    let app = spawn_app().await;
    let member = browser();
    app.verified_user(&member, &phone_number(196)).await;
    // Nobody opened the page that shows them; ten minutes later they are gone.
    app.clock.advance(Duration::from_secs(601));
    let shown = app.call(&member, "take_fresh_recovery_codes", &[]).await;
    assert_eq!(shown.error, None, "{shown:?}");
    assert_eq!(shown.body, r#"{"codes":[]}"#);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_recovery_codes_are_shown_once_then_gone() {
    let app = spawn_app().await;
    let member = browser();
    app.verified_user(&member, &phone_number(197)).await;
    let first = app.call(&member, "take_fresh_recovery_codes", &[]).await;
    let codes: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(codes["codes"].as_array().unwrap().len(), 10);
    let again = app.call(&member, "take_fresh_recovery_codes", &[]).await;
    assert_eq!(again.body, r#"{"codes":[]}"#);
}
