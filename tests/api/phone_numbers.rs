//! Phone numbers at the phone step: the spellings accepted, the ones refused before any SMS,
//! and one confirmed number for one account.

use crate::helpers::{browser, e164, phone_number, spawn_app, unique_username, FIRST_CONFIRMATION};
use pollstr::error::{AppError, Field};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_numbers_get_a_clear_message_before_any_sms_is_sent() {
    let app = spawn_app().await;
    let browser = browser();
    app.register(&browser, &unique_username("hal"))
        .await
        .redirected_to("/");
    for number in [
        "",
        "call me maybe",
        "12345",
        "+1 212 555 0142 0142 0142",
        "+61 1900 123 456",
        "+800 1234 5678",
        "+1 212\r\n555 0142",
    ] {
        let outcome = app.send_code(&browser, number).await;
        assert!(
            outcome
                .error
                .as_ref()
                .and_then(|e| e.message_for(Field::PhoneNumber))
                .is_some(),
            "{number:?}: {outcome:?}"
        );
    }
    assert!(
        app.simulator.as_ref().unwrap().inbox().is_empty(),
        "nothing was sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_are_accepted_in_the_usual_international_spellings() {
    let app = spawn_app().await;
    for (n, spelling) in [
        "+1 (212) 555-0110",
        "1.212.555.0111",
        "0012125550112",
        "+1-212-555-0113",
    ]
    .iter()
    .enumerate()
    {
        let browser = browser();
        app.register(&browser, &unique_username("ivy"))
            .await
            .redirected_to("/");
        app.send_code(&browser, spelling)
            .await
            .redirected_to("/2fa/verify");
        assert_eq!(
            app.simulator.as_ref().unwrap().inbox()[0].number,
            format!("+121255501{}", 10 + n)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_confirmed_number_belongs_to_one_account() {
    let app = spawn_app().await;
    let number = phone_number(7);
    app.verified_user(&browser(), &number).await;
    let other = browser();
    app.register(&other, &unique_username("ned"))
        .await
        .redirected_to("/");
    app.send_code(&other, &number)
        .await
        .failed_with(AppError::PhoneTaken);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_is_confirmed_only_by_the_account_that_checks_first() {
    let app = spawn_app().await;
    let number = phone_number(8);
    // Two accounts ask for a code to the same number; the second may not use the first's
    // request (nor its tries): it is told to come back later.
    let (first, second) = (browser(), browser());
    let first_name = unique_username("olga");
    app.register(&first, &first_name).await.redirected_to("/");
    app.register(&second, &unique_username("pat"))
        .await
        .redirected_to("/");
    app.send_code(&first, &number)
        .await
        .redirected_to("/2fa/verify");
    app.send_code(&second, &number)
        .await
        .failed_with(AppError::NumberBusy);
    let code = app.last_code_for(&number);
    app.check_code(&second, &code)
        .await
        .failed_with(AppError::NoCodeRequested);
    app.check_code(&first, &code)
        .await
        .redirected_to(FIRST_CONFIRMATION);
    assert_eq!(app.user_phone(&first_name).await, Some(e164(&number)));
    // Once it is confirmed, the number is taken.
    app.send_code(&second, &number)
        .await
        .failed_with(AppError::PhoneTaken);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_with_a_confirmed_number_gets_the_code_there_whatever_is_posted() {
    let app = spawn_app().await;
    let browser = browser();
    let number = phone_number(9);
    let username = app.verified_user(&browser, &number).await;
    app.call(&browser, "logout", &[]).await.redirected_to("/");
    app.login(&browser, &username, crate::helpers::PASSWORD, "/")
        .await
        .redirected_to("/");
    let step = app.call(&browser, "load_phone_step", &[]).await;
    assert!(step.body.contains("+1 •••• ••0109"), "{}", step.body);
    app.send_code(&browser, &phone_number(10))
        .await
        .redirected_to("/2fa/verify");
    assert_eq!(
        app.simulator.as_ref().unwrap().inbox()[0].number,
        e164(&number)
    );
    assert_eq!(app.user_phone(&username).await, Some(e164(&number)));
}
