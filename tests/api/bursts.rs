//! Throttles hold when the requests arrive together: each attempt takes its slot in the
//! database before the costly work (a password hash, a Verify call), so a burst of parallel
//! requests gets at most the limit through, not "all of them checked against an empty count".

use crate::helpers::{
    browser, phone_number, spawn_app_with, unique_username, Outcome, TestApp, PASSWORD,
};
use futures::future::join_all;
use pollstr::error::AppError;

fn throttled(outcome: &Outcome) -> bool {
    matches!(outcome.error, Some(AppError::Throttled { .. }))
}

async fn audited(app: &TestApp, action: &str, outcomes: &[&str]) -> i64 {
    let mut count = 0;
    for outcome in outcomes {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM verification_events WHERE action = $1 AND outcome = $2",
        )
        .bind(action)
        .bind(*outcome)
        .fetch_one(&app.db)
        .await
        .unwrap();
        count += n;
    }
    count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_wrong_passwords_at_once_get_no_more_than_ten_checks() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_LOGINS_PER_ACCOUNT_AND_IP", "10/900")]).await;
    let username = unique_username("burst");
    app.register(&browser(), &username).await.redirected_to("/");
    let guesses = (0..40).map(|n| {
        let (app, username) = (&app, &username);
        async move {
            app.login(&browser(), username, &format!("wrong password {n}"), "/")
                .await
        }
    });
    let outcomes = join_all(guesses).await;
    let checked = outcomes
        .iter()
        .filter(|o| o.error == Some(AppError::InvalidCredentials))
        .count();
    let refused = outcomes.iter().filter(|o| throttled(o)).count();
    assert!(checked <= 10, "{checked} wrong passwords were checked");
    assert_eq!(checked + refused, 40, "{outcomes:?}");
    let right = app.login(&browser(), &username, PASSWORD, "/").await;
    assert!(
        throttled(&right),
        "the account is locked for this address: {right:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_send_code_requests_at_once_reach_no_more_numbers_than_the_account_limit() {
    let app = spawn_app_with(&[
        ("THROTTLE_STARTS_PER_ACCOUNT", "10/3600"),
        ("THROTTLE_STARTS_PER_IP", "1000/3600"),
    ])
    .await;
    let browser = browser();
    app.register(&browser, &unique_username("pump"))
        .await
        .redirected_to("/");
    let starts = (0..30).map(|n| {
        let (app, browser) = (&app, &browser);
        async move { app.send_code(browser, &phone_number(160 + n)).await }
    });
    let outcomes = join_all(starts).await;
    let sent = app.simulator.as_ref().unwrap().inbox().len();
    assert!(sent <= 10, "{sent} numbers got a code");
    assert!(outcomes.iter().filter(|o| throttled(o)).count() >= 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_wrong_codes_across_two_sessions_reach_the_provider_no_more_than_the_limit() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_CHECKS_PER_ACCOUNT", "2/900")]).await;
    let username = unique_username("twin");
    let (first, second) = (browser(), browser());
    app.register(&first, &username).await.redirected_to("/");
    app.login(&second, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    // Two requests at the provider, three tries each: six guesses if nothing else stops them.
    let numbers = [phone_number(190), phone_number(191)];
    app.send_code(&first, &numbers[0])
        .await
        .redirected_to("/2fa/verify");
    app.send_code(&second, &numbers[1])
        .await
        .redirected_to("/2fa/verify");
    let codes = [
        app.last_code_for(&numbers[0]),
        app.last_code_for(&numbers[1]),
    ];
    let guesses = (0..20).map(|n| {
        let (app, sessions, codes) = (&app, [&first, &second], &codes);
        async move {
            let session = n % 2;
            let wrong = (codes[session].parse::<u32>().unwrap() + 1 + n as u32) % 1_000_000;
            app.check_code(sessions[session], &format!("{wrong:06}"))
                .await
        }
    });
    let outcomes = join_all(guesses).await;
    assert!(
        outcomes.iter().all(|o| o.error.is_some()),
        "no guess got in"
    );
    let tried = audited(&app, "check", &["status 16", "status 17"]).await;
    assert!(tried <= 2, "{tried} guesses reached the provider");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_recovery_code_guesses_get_no_more_than_the_limit() {
    let app = spawn_app_with(&[("THROTTLE_FAILED_CHECKS_PER_ACCOUNT", "3/900")]).await;
    let verified = browser();
    let username = app.verified_user(&verified, &phone_number(192)).await;
    let guesser = browser();
    app.login(&guesser, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    let guesses = (0..20).map(|n| {
        let (app, guesser) = (&app, &guesser);
        async move {
            let guess = format!("ABCDE-{:05}", 22222 + n);
            app.call(
                guesser,
                "use_recovery_code",
                &[("recovery_code", &guess), ("next", "/")],
            )
            .await
        }
    });
    let outcomes = join_all(guesses).await;
    assert!(
        outcomes.iter().all(|o| o.error.is_some()),
        "no guess got in"
    );
    let compared = audited(&app, "recovery", &["wrong recovery code"]).await;
    assert!(compared <= 3, "{compared} guesses were compared");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_sign_ups_from_one_address_make_no_more_accounts_than_the_limit() {
    let app = spawn_app_with(&[("THROTTLE_SIGNUPS_PER_IP", "5/3600")]).await;
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let signups = (0..20).map(|_| {
        let app = &app;
        async move { app.register(&browser(), &unique_username("flood")).await }
    });
    let outcomes = join_all(signups).await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(after - before <= 5, "{} accounts made", after - before);
    let refused = outcomes.iter().filter(|o| throttled(o)).count();
    assert!(refused >= 15, "{refused} refused: {outcomes:?}");
}
