//! Changing the confirmed number: only from a verified session, only by a code sent to the
//! new number.

use crate::helpers::{browser, e164, phone_number, spawn_app, PASSWORD};
use pollstr::error::{AppError, Field};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_session_changes_the_number_by_verifying_the_new_one() {
    let app = spawn_app().await;
    let browser = browser();
    let username = app.verified_user(&browser, &phone_number(100)).await;
    let new_number = phone_number(101);
    app.call(
        &browser,
        "start_number_change",
        &[("phone_number", &new_number)],
    )
    .await
    .redirected_to("/2fa/verify?next=%2Faccount");
    assert_eq!(
        app.user_phone(&username).await,
        Some(e164(&phone_number(100))),
        "not before the code"
    );
    let code = app.last_code_for(&new_number);
    app.check_code(&browser, &code)
        .await
        .redirected_to("/account?number=changed");
    assert_eq!(app.user_phone(&username).await, Some(e164(&new_number)));

    // The next code goes to the new number.
    app.call(&browser, "logout", &[]).await.redirected_to("/");
    app.login(&browser, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.send_code(&browser, "")
        .await
        .redirected_to("/2fa/verify");
    assert_eq!(
        app.simulator.as_ref().unwrap().inbox()[0].number,
        e164(&new_number)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_alone_never_changes_a_confirmed_number() {
    let app = spawn_app().await;
    let first = browser();
    let username = app.verified_user(&first, &phone_number(102)).await;
    let other = browser();
    app.login(&other, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.call(
        &other,
        "start_number_change",
        &[("phone_number", &phone_number(103))],
    )
    .await
    .failed_with(AppError::NotVerified);
    app.send_code(&other, &phone_number(103))
        .await
        .redirected_to("/2fa/verify");
    assert_eq!(
        app.simulator.as_ref().unwrap().inbox()[0].number,
        e164(&phone_number(102)),
        "the code goes to the confirmed number"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_number_must_be_new_and_nobody_elses() {
    let app = spawn_app().await;
    let taken = phone_number(104);
    app.verified_user(&browser(), &taken).await;
    let browser = browser();
    app.verified_user(&browser, &phone_number(105)).await;
    let sent = app.simulator.as_ref().unwrap().inbox().len();
    app.call(&browser, "start_number_change", &[("phone_number", &taken)])
        .await
        .failed_with(AppError::PhoneTaken);
    let same = app
        .call(
            &browser,
            "start_number_change",
            &[("phone_number", &phone_number(105))],
        )
        .await;
    assert!(same
        .error
        .unwrap()
        .message_for(Field::PhoneNumber)
        .is_some());
    let bad = app
        .call(
            &browser,
            "start_number_change",
            &[("phone_number", "not a number")],
        )
        .await;
    assert!(bad.error.unwrap().message_for(Field::PhoneNumber).is_some());
    assert_eq!(
        app.simulator.as_ref().unwrap().inbox().len(),
        sent,
        "nothing sent"
    );
}
