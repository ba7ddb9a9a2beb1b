use crate::helpers::{browser, spawn_app, unique_username, PASSWORD};
use pollstr::error::{AppError, Field};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_logs_the_person_in_and_shows_them_in_the_nav() {
    let app = spawn_app().await;
    let browser = browser();
    let username = unique_username("Alice");
    app.register(&browser, &username).await.redirected_to("/");
    let home = app.get(&browser, "/").await.text().await.unwrap();
    assert!(
        home.contains(&format!("Signed in as <strong>{username}</strong>")),
        "{home}"
    );
    assert!(home.contains("Log out"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usernames_are_unique_ignoring_case() {
    let app = spawn_app().await;
    app.register(&browser(), "Bobby").await.redirected_to("/");
    app.register(&browser(), "bOBBY")
        .await
        .failed_with(AppError::UsernameTaken);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_refuses_bad_usernames_and_passwords_with_a_message_for_the_field() {
    let app = spawn_app().await;
    let long_name = "x".repeat(151);
    let cases: [(&str, &str, &str, Field); 7] = [
        ("", PASSWORD, PASSWORD, Field::Username),
        (&long_name, PASSWORD, PASSWORD, Field::Username),
        ("with space", PASSWORD, PASSWORD, Field::Username),
        ("carol", "short", "short", Field::Password),
        ("carol", "12345678901", "12345678901", Field::Password),
        ("carolcarol", "CarolCarol", "CarolCarol", Field::Password),
        ("carol", PASSWORD, "something else", Field::PasswordAgain),
    ];
    for (username, password, again, field) in cases {
        let outcome = app
            .call(
                &browser(),
                "register",
                &[
                    ("username", username),
                    ("password", password),
                    ("password_again", again),
                    ("next", "/"),
                ],
            )
            .await;
        let message = outcome.error.as_ref().and_then(|e| e.message_for(field));
        assert!(message.is_some(), "{username:?}/{password:?}: {outcome:?}");
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(users, 1, "only the demo user exists");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_stored_as_argon2_hashes() {
    let app = spawn_app().await;
    let username = unique_username("dora");
    app.register(&browser(), &username).await.redirected_to("/");
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE username = $1")
        .bind(&username)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_takes_any_case_and_refuses_wrong_passwords_and_unknown_users_alike() {
    let app = spawn_app().await;
    let username = unique_username("Erin");
    app.register(&browser(), &username).await.redirected_to("/");
    app.login(&browser(), &username.to_uppercase(), PASSWORD, "/")
        .await
        .redirected_to("/");
    app.login(&browser(), &username, "wrong password", "/")
        .await
        .failed_with(AppError::InvalidCredentials);
    app.login(&browser(), "nobody-at-all", PASSWORD, "/")
        .await
        .failed_with(AppError::InvalidCredentials);
    app.login(&browser(), "", "", "/")
        .await
        .failed_with(AppError::InvalidCredentials);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_user_and_polls_are_loaded() {
    let app = spawn_app().await;
    app.login(&browser(), "test", "test1234", "/")
        .await
        .redirected_to("/");
    let home = app.get(&browser(), "/").await.text().await.unwrap();
    for question in [
        "What is your favorite kind of dog?",
        "Who let the dogs out?",
        "s up dog?",
    ] {
        assert!(home.contains(question), "{question} missing");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let browser = browser();
    app.register(&browser, &unique_username("fay"))
        .await
        .redirected_to("/");
    app.call(&browser, "logout", &[]).await.redirected_to("/");
    let home = app.get(&browser, "/").await.text().await.unwrap();
    assert!(!home.contains("Signed in as"));
    assert!(home.contains("Log in"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_form_post_gets_a_clear_error_not_a_crash() {
    let app = spawn_app().await;
    let outcome = app
        .call(&browser(), "register", &[("unexpected", "field")])
        .await;
    outcome.failed_with(AppError::Request);
}
