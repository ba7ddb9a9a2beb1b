//! A request fuzzer: random and malformed bodies posted to every server function the app
//! registers, as a stranger, as a logged-in user and as a verified one. Every answer must be
//! an ordinary refusal (4xx) or success, never a 5xx, a dropped connection or internal detail,
//! and the app must work normally afterwards.

use crate::helpers::{browser, phone_number, spawn_app, unique_username, TestApp};
use rand::{rngs::StdRng, Rng, SeedableRng};
use reqwest::{header, Client};

/// The server functions' own field names, so that bodies reach validation, plus a stray.
const FIELDS: &[&str] = &[
    "username",
    "password",
    "password_again",
    "next",
    "phone_number",
    "code",
    "recovery_code",
    "poll_id",
    "choice_id",
    "unexpected",
];

/// Values that have broken parsers elsewhere; random ones are added to them.
const NASTY: &[&str] = &[
    "",
    " ",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "1.5",
    "0x10",
    "%00",
    "\u{0}",
    "\r\nSet-Cookie: a=b",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "//evil.example",
    "/%2F%2Fevil.example",
    "\u{202e}\u{fe0f}\u{200b}",
    "ｏｎｅ２３",
    "+1 900 555 0100",
    "😀😀😀",
];

/// Every server function's path, from the registry the router itself serves.
fn server_function_paths() -> Vec<String> {
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    paths.sort();
    paths
}

fn random_text(rng: &mut StdRng) -> String {
    match rng.gen_range(0..4) {
        0 => NASTY[rng.gen_range(0..NASTY.len())].to_owned(),
        1 => (0..rng.gen_range(0..40))
            .map(|_| char::from_u32(rng.gen_range(0..0x11000)).unwrap_or('\u{fffd}'))
            .collect(),
        2 => "x".repeat(rng.gen_range(1000..20_000)),
        _ => rng.gen_range(i64::MIN..i64::MAX).to_string(),
    }
}

/// One malformed or random request body with its content type.
fn random_body(rng: &mut StdRng) -> (&'static str, Vec<u8>) {
    const FORM: &str = "application/x-www-form-urlencoded";
    match rng.gen_range(0..6) {
        0 => (FORM, Vec::new()),
        1 => (
            FORM,
            (0..rng.gen_range(1..200)).map(|_| rng.gen()).collect(),
        ),
        2 => (FORM, b"a=%zz&=&&==&%&username".to_vec()),
        3 => (
            "application/json",
            br#"{"username": [1, {"x": null}]}"#.to_vec(),
        ),
        4 => (
            "multipart/form-data; boundary=nope",
            b"--nope\r\n\r\n".to_vec(),
        ),
        _ => {
            let pairs: Vec<(String, String)> = (0..rng.gen_range(0..6))
                .map(|_| {
                    let field = FIELDS[rng.gen_range(0..FIELDS.len())].to_owned();
                    (field, random_text(rng))
                })
                .collect();
            let body = serde_urlencoded::to_string(pairs).expect("a form");
            (FORM, body.into_bytes())
        }
    }
}

/// What ends a signed-in client's session or makes it someone else's, after which the paths
/// that follow would only ever see a stranger: fuzzed as a stranger only.
const SESSION_CHANGERS: &[&str] = &["/api/login", "/api/logout", "/api/register"];

async fn fuzz_as(app: &TestApp, who: &str, client: &Client, rng: &mut StdRng, rounds: usize) {
    let signed_in = who != "stranger";
    for path in server_function_paths() {
        if signed_in && SESSION_CHANGERS.contains(&path.as_str()) {
            continue;
        }
        for _ in 0..rounds {
            let (content_type, body) = random_body(rng);
            let shown = String::from_utf8_lossy(&body[..body.len().min(120)]).into_owned();
            let response = client
                .post(format!("{}{path}", app.address))
                .header(header::CONTENT_TYPE, content_type)
                .body(body)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{who} {path} {shown:?}: no answer: {e}"));
            let status = response.status();
            let text = response.text().await.unwrap_or_default();
            assert!(
                status.as_u16() < 500,
                "{who} {path} {shown:?}: {status} {text}"
            );
            for detail in ["panicked", "backtrace", "sqlx", "src/", "Error {"] {
                assert!(!text.contains(detail), "{who} {path}: {detail} in {text}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_malformed_bodies_to_every_server_function_are_refused_cleanly() {
    let app = spawn_app().await;
    let paths = server_function_paths();
    for expected in [
        "/api/login",
        "/api/vote",
        "/api/check_code",
        "/api/register",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} in {paths:?}"
        );
    }
    let mut rng = StdRng::seed_from_u64(0x5eed);

    let stranger = browser();
    fuzz_as(&app, "stranger", &stranger, &mut rng, 12).await;

    let logged_in = browser();
    let username = unique_username("fuzz");
    app.register(&logged_in, &username).await.redirected_to("/");
    fuzz_as(&app, "logged in", &logged_in, &mut rng, 12).await;
    let me = app.call(&logged_in, "load_current_user", &[]).await;
    assert!(me.body.contains(&username), "still signed in: {me:?}");

    let verified = browser();
    let username = app.verified_user(&verified, &phone_number(160)).await;
    fuzz_as(&app, "verified", &verified, &mut rng, 12).await;
    let me = app.call(&verified, "load_current_user", &[]).await;
    assert!(me.body.contains(&username), "still signed in: {me:?}");

    // Nothing was broken along the way.
    assert_eq!(app.get(&browser(), "/readyz").await.status(), 200);
    let fresh = browser();
    app.verified_user(&fresh, &phone_number(161)).await;
    app.call(&fresh, "vote", &[("poll_id", "1"), ("choice_id", "1")])
        .await
        .redirected_to("/polls/1/results");
}
