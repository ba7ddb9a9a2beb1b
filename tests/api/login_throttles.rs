//! Failed logins are throttled per username and client network, per username from everywhere
//! (higher, so one guesser cannot lock the owner out) and per network, alike for unknown
//! usernames; IPv6 clients count by their /64; a forged `X-Forwarded-For` is believed only
//! from a trusted proxy, so a client cannot spread its attempts over made-up addresses.

use crate::helpers::{browser, spawn_app_with, unique_username, Outcome, PASSWORD};
use pollstr::error::AppError;
use reqwest::{header::HeaderMap, redirect::Policy, Client};

/// A browser whose requests arrive with this `X-Forwarded-For`.
fn browser_forwarded_as(forwarded_for: &str) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert("x-forwarded-for", forwarded_for.parse().unwrap());
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .default_headers(headers)
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

fn throttled(outcome: &Outcome) -> bool {
    matches!(outcome.error, Some(AppError::Throttled { .. }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_forwarded_for_does_not_dodge_the_per_ip_throttle() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_LOGINS_PER_IP", "3/900")]).await;
    for n in 0..3 {
        let forger = browser_forwarded_as(&format!("203.0.113.{n}"));
        let outcome = app.login(&forger, &format!("guess{n}"), "wrong", "/").await;
        outcome.failed_with(AppError::InvalidCredentials);
    }
    let forger = browser_forwarded_as("198.51.100.77");
    let refused = app.login(&forger, "guess9", "wrong", "/").await;
    assert!(throttled(&refused), "one socket, one address: {refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_forwarded_client_is_counted_apart() {
    let app = spawn_app_with(&[
        ("THROTTLE_FAILED_LOGINS_PER_IP", "3/900"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ])
    .await;
    let username = unique_username("prox");
    app.register(&browser(), &username).await.redirected_to("/");
    // The client wrote "1.2.3.4" itself; the proxy appended the address it really saw.
    let attacker = browser_forwarded_as("1.2.3.4, 203.0.113.5");
    for n in 0..3 {
        app.login(&attacker, &format!("guess{n}"), "wrong", "/")
            .await
            .failed_with(AppError::InvalidCredentials);
    }
    let refused = app.login(&attacker, &username, PASSWORD, "/").await;
    assert!(throttled(&refused), "{refused:?}");
    let spoofing_the_neighbour = browser_forwarded_as("203.0.113.6, 203.0.113.5");
    let refused = app
        .login(&spoofing_the_neighbour, &username, PASSWORD, "/")
        .await;
    assert!(throttled(&refused), "{refused:?}");

    let neighbour = browser_forwarded_as("203.0.113.6");
    app.login(&neighbour, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_throttled_per_account_alike_for_unknown_users() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_LOGINS_PER_ACCOUNT", "3/900")]).await;
    let username = unique_username("gil");
    app.register(&browser(), &username).await.redirected_to("/");
    for name in [username.as_str(), "nobody-here"] {
        for _ in 0..3 {
            app.login(&browser(), name, "wrong password", "/")
                .await
                .failed_with(AppError::InvalidCredentials);
        }
        let refused = app.login(&browser(), name, PASSWORD, "/").await;
        assert!(
            matches!(refused.error, Some(AppError::Throttled { .. })),
            "{name}: {refused:?}"
        );
    }
    app.clock.advance(std::time::Duration::from_secs(901));
    app.login(&browser(), &username, PASSWORD, "/")
        .await
        .redirected_to("/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_throttled_per_ip_across_usernames() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_LOGINS_PER_IP", "4/900")]).await;
    let username = unique_username("hal");
    app.register(&browser(), &username).await.redirected_to("/");
    for n in 0..4 {
        app.login(&browser(), &format!("guess{n}"), "wrong password", "/")
            .await;
    }
    let refused = app.login(&browser(), &username, PASSWORD, "/").await;
    assert!(
        matches!(refused.error, Some(AppError::Throttled { .. })),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_guessing_cannot_lock_the_owner_out() {
    let app = spawn_app_with(&[("TRUSTED_PROXIES", "127.0.0.1")]).await;
    let username = unique_username("ivy");
    app.register(&browser(), &username).await.redirected_to("/");
    let attacker = browser_forwarded_as("203.0.113.66");
    for n in 0..10 {
        app.login(&attacker, &username, &format!("guess {n}"), "/")
            .await
            .failed_with(AppError::InvalidCredentials);
    }
    let refused = app.login(&attacker, &username, PASSWORD, "/").await;
    assert!(
        throttled(&refused),
        "the guesser meets the lockout: {refused:?}"
    );
    // The owner, from their own address, is not locked out by someone else's guesses.
    let owner = browser_forwarded_as("198.51.100.20");
    app.login(&owner, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guesser_spread_over_many_addresses_still_meets_a_wall() {
    let app = spawn_app_with(&[
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("THROTTLE_FAILED_LOGINS_PER_ACCOUNT", "6/3600"),
    ])
    .await;
    let username = unique_username("jon");
    app.register(&browser(), &username).await.redirected_to("/");
    for n in 0..3 {
        let bot = browser_forwarded_as(&format!("203.0.113.{}", 100 + n));
        for guess in 0..2 {
            app.login(&bot, &username, &format!("guess {n} {guess}"), "/")
                .await
                .failed_with(AppError::InvalidCredentials);
        }
    }
    let fresh = browser_forwarded_as("203.0.113.200");
    let refused = app.login(&fresh, &username, "another guess", "/").await;
    assert!(throttled(&refused), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ipv6_clients_of_one_64_share_one_budget() {
    let app = spawn_app_with(&[
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("THROTTLE_FAILED_LOGINS_PER_IP", "3/900"),
    ])
    .await;
    for n in 1..=3 {
        let client = browser_forwarded_as(&format!("2001:db8:1:2::{n}"));
        app.login(&client, &format!("guess{n}"), "wrong", "/")
            .await
            .failed_with(AppError::InvalidCredentials);
    }
    let same_network = browser_forwarded_as("2001:db8:1:2:ffff:1:2:3");
    let refused = app.login(&same_network, "guess9", "wrong", "/").await;
    assert!(throttled(&refused), "{refused:?}");
    let next_network = browser_forwarded_as("2001:db8:1:3::1");
    app.login(&next_network, "guess9", "wrong", "/")
        .await
        .failed_with(AppError::InvalidCredentials);
}
