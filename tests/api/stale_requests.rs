//! A pending request confirms only the number it was meant for, as the account stands when the
//! code is typed: the attack of the second security review (someone with the password asks
//! for a code to their own phone, waits for the owner to confirm theirs, then finishes) and
//! its variants through "Send a new code", "Call me instead" and a code on its way for
//! another account.

use crate::helpers::{
    browser, e164, phone_number, spawn_app, unique_username, TestApp, FIRST_CONFIRMATION, PASSWORD,
};
use pollstr::{error::AppError, verify_simulator::Fault};
use reqwest::Client;
use std::time::Duration;

/// An account without a number, and an intruder who knows its password and has asked for a
/// code to their own phone (`intruder_number`) without typing it yet.
async fn intruder_waiting_on_an_account(app: &TestApp, intruder_number: &str) -> (String, Client) {
    let owner = browser();
    let username = unique_username("owner");
    app.register(&owner, &username).await.redirected_to("/");
    let intruder = app
        .another_browser_waiting(&username, intruder_number)
        .await;
    (username, intruder)
}

/// The owner, in a browser of their own, confirms `number` as the account's.
async fn owner_confirms(app: &TestApp, username: &str, number: &str) {
    let owner = browser();
    app.login(&owner, username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.send_code(&owner, number)
        .await
        .redirected_to("/2fa/verify");
    app.check_code(&owner, &app.last_code_for(number))
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

fn messages_to(app: &TestApp, number: &str) -> usize {
    let e164 = e164(number);
    let inbox = app.simulator.as_ref().unwrap().inbox();
    inbox.iter().filter(|m| m.number == e164).count()
}

/// Both clocks past the provider's 30 seconds before a request may be cancelled.
fn wait_for_the_resend(app: &TestApp) {
    app.clock.advance(Duration::from_secs(31));
    app.simulator
        .as_ref()
        .unwrap()
        .advance_clock(Duration::from_secs(31));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_asked_for_before_the_owner_confirmed_their_number_verifies_nothing() {
    let app = spawn_app().await;
    let intruder_number = phone_number(150);
    let (username, intruder) = intruder_waiting_on_an_account(&app, &intruder_number).await;
    let owner_number = phone_number(151);
    owner_confirms(&app, &username, &owner_number).await;

    let code = app.last_code_for(&intruder_number);
    app.check_code(&intruder, &code)
        .await
        .failed_with(AppError::StaleRequest);
    assert_eq!(app.user_phone(&username).await, Some(e164(&owner_number)));
    app.still_logged_in_and_unverified(&intruder, &username)
        .await;
    // The request is gone from the session: the intruder must start again, to the owner's phone.
    app.check_code(&intruder, &code)
        .await
        .failed_with(AppError::NoCodeRequested);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_a_new_code_and_call_me_never_go_to_a_number_the_account_moved_on_from() {
    let app = spawn_app().await;
    let resending_number = phone_number(152);
    let (username, resending) = intruder_waiting_on_an_account(&app, &resending_number).await;
    let calling_number = phone_number(153);
    let calling = app
        .another_browser_waiting(&username, &calling_number)
        .await;
    owner_confirms(&app, &username, &phone_number(154)).await;
    wait_for_the_resend(&app);

    let before = (
        messages_to(&app, &resending_number),
        messages_to(&app, &calling_number),
    );
    app.call(&resending, "resend_code", &[("next", "/")])
        .await
        .failed_with(AppError::StaleRequest);
    app.call(&calling, "call_me", &[("next", "/")])
        .await
        .failed_with(AppError::StaleRequest);
    let after = (
        messages_to(&app, &resending_number),
        messages_to(&app, &calling_number),
    );
    assert_eq!(after, before, "nothing more went to the old numbers");
    app.still_logged_in_and_unverified(&resending, &username)
        .await;
    app.still_logged_in_and_unverified(&calling, &username)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_number_signs_out_the_other_sessions_and_ends_their_requests() {
    let app = spawn_app().await;
    let changing = browser();
    let old_number = phone_number(155);
    let username = app.verified_user(&changing, &old_number).await;
    let other = app.another_browser_waiting(&username, &old_number).await;

    let new_number = phone_number(156);
    app.call(
        &changing,
        "start_number_change",
        &[("phone_number", new_number.as_str())],
    )
    .await
    .redirected_to("/2fa/verify?next=%2Faccount");
    app.check_code(&changing, &app.last_code_for(&new_number))
        .await
        .redirected_to("/account?number=changed");
    assert_eq!(app.user_phone(&username).await, Some(e164(&new_number)));

    let signed_out = app.call(&other, "load_current_user", &[]).await;
    assert_eq!(signed_out.body, "null", "the other session is signed out");
    // The session that made the change carries on, verified.
    let choice = app.first_choice_ids(1).await[0].to_string();
    app.call(
        &changing,
        "vote",
        &[("poll_id", "1"), ("choice_id", &choice)],
    )
    .await
    .redirected_to("/polls/1/results");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_on_its_way_for_another_account_is_not_resumed_and_its_tries_stay_untouched() {
    let app = spawn_app().await;
    let number = phone_number(157);
    let victim = browser();
    app.register(&victim, &unique_username("vic"))
        .await
        .redirected_to("/");
    app.send_code(&victim, &number)
        .await
        .redirected_to("/2fa/verify");

    let stranger = browser();
    app.register(&stranger, &unique_username("stan"))
        .await
        .redirected_to("/");
    let busy = app.send_code(&stranger, &number).await;
    busy.failed_with(AppError::NumberBusy);
    assert!(busy
        .error
        .unwrap()
        .user_message()
        .contains("A code was just sent to this number"));
    // The stranger holds no request, so no guess of theirs reaches the victim's.
    for guess in ["000000", "111111", "222222"] {
        app.check_code(&stranger, guess)
            .await
            .failed_with(AppError::NoCodeRequested);
    }
    app.check_code(&victim, &app.last_code_for(&number))
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_account_still_resumes_its_own_code_from_another_browser() {
    let app = spawn_app().await;
    let number = phone_number(158);
    let first = browser();
    let username = unique_username("rue");
    app.register(&first, &username).await.redirected_to("/");
    app.send_code(&first, &number)
        .await
        .redirected_to("/2fa/verify");
    let second = app.another_browser_waiting(&username, &number).await;
    assert_eq!(messages_to(&app, &number), 1, "one code, resumed");
    app.check_code(&second, &app.last_code_for(&number))
        .await
        .redirected_to(FIRST_CONFIRMATION);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_signed_out_while_its_number_change_is_checked_changes_nothing() {
    let app = spawn_app().await;
    let owner = browser();
    let old_number = phone_number(145);
    let username = app.verified_user(&owner, &old_number).await;
    // A second verified session (a stolen cookie, say) asks to move the number to its own.
    let taker = browser();
    app.login(&taker, &username, PASSWORD, "/")
        .await
        .redirected_to("/");
    app.send_code(&taker, &old_number)
        .await
        .redirected_to("/2fa/verify");
    app.check_code(&taker, &app.last_code_for(&old_number))
        .await
        .redirected_to("/");
    let taker_number = phone_number(146);
    app.call(
        &taker,
        "start_number_change",
        &[("phone_number", taker_number.as_str())],
    )
    .await
    .redirected_to("/2fa/verify?next=%2Faccount");
    let code = app.last_code_for(&taker_number);

    // While the taker's code is with the provider, the owner signs out the other sessions.
    app.simulator.as_ref().unwrap().inject_fault(
        &e164(&taker_number),
        Fault::Delay(Duration::from_millis(3000)),
    );
    let (checked, signed_out) = tokio::join!(app.check_code(&taker, &code), async {
        tokio::time::sleep(Duration::from_millis(1000)).await;
        app.call(&owner, "sign_out_other_sessions", &[]).await
    });
    signed_out.redirected_to("/account?others=signed-out");
    assert!(checked.error.is_some(), "{checked:?}");
    assert_eq!(app.user_phone(&username).await, Some(e164(&old_number)));
    let still_owner = app.call(&owner, "load_current_user", &[]).await;
    assert!(still_owner.body.contains(&username), "{still_owner:?}");
    let taker_now = app.call(&taker, "load_current_user", &[]).await;
    assert_eq!(taker_now.body, "null", "the taker is signed out");
}
