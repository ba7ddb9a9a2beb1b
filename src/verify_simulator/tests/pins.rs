//! PIN regeneration driven by `pin_expiry` (verify-api.md §1.9, the guide's examples on
//! workflow 1 with `next_event_wait` = 120), and the three tries each PIN allows.

use super::*;

/// The codes of the three deliveries of workflow 1 with `next_event_wait` = 120.
async fn codes_with_pin_expiry(pin_expiry: &str) -> Vec<String> {
    let app = spawn().await;
    let timing = [
        ("code_length", "6"),
        ("next_event_wait", "120"),
        ("pin_expiry", pin_expiry),
    ];
    app.started(&timing).await;
    app.advance(240);
    app.deliveries().into_iter().map(|(_, code)| code).collect()
}

#[tokio::test]
async fn with_pin_expiry_360_all_three_deliveries_share_a_pin() {
    let codes = codes_with_pin_expiry("360").await;
    assert_eq!(codes.len(), 3);
    assert!(codes[0] == codes[1] && codes[1] == codes[2], "{codes:?}");
}

#[tokio::test]
async fn with_pin_expiry_240_the_third_delivery_gets_a_new_pin() {
    let codes = codes_with_pin_expiry("240").await;
    assert_eq!(codes[0], codes[1], "{codes:?}");
    assert_ne!(codes[1], codes[2], "{codes:?}");
}

#[tokio::test]
async fn with_pin_expiry_120_every_delivery_gets_a_new_pin() {
    let codes = codes_with_pin_expiry("120").await;
    assert_ne!(codes[0], codes[1], "{codes:?}");
    assert_ne!(codes[1], codes[2], "{codes:?}");
}

#[tokio::test]
async fn a_new_pin_gives_three_more_tries_and_the_old_pin_no_longer_works() {
    let app = spawn().await;
    let timing = [("next_event_wait", "120"), ("pin_expiry", "120")];
    let (request_id, first) = app.started(&timing).await;
    for _ in 0..2 {
        assert_eq!(
            failure(&app.check(&request_id, &other_than(&first)).await).0,
            "16"
        );
    }
    app.advance(120);
    let second = app.latest_code();
    assert_eq!(
        failure(&app.check(&request_id, &first).await).0,
        "16",
        "the old PIN"
    );
    assert_eq!(
        failure(&app.check(&request_id, &other_than(&second)).await).0,
        "16"
    );
    let third = app.check(&request_id, &other_than(&second)).await;
    assert_eq!(
        failure(&third).0,
        "17",
        "three wrong codes on the second PIN"
    );
    let found = app.search(&[&request_id]).await;
    assert_eq!(found["status"], "FAILED");
    let checks = found["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 5);
    assert!(
        checks.iter().all(|check| check["status"] == "INVALID"),
        "{found}"
    );
}

#[tokio::test]
async fn a_delivery_with_the_same_pin_does_not_reset_the_tries() {
    let app = spawn().await;
    let timing = [("next_event_wait", "120"), ("pin_expiry", "360")];
    let (request_id, code) = app.started(&timing).await;
    for _ in 0..2 {
        assert_eq!(
            failure(&app.check(&request_id, &other_than(&code)).await).0,
            "16"
        );
    }
    app.advance(120);
    assert_eq!(app.latest_code(), code);
    let third = app.check(&request_id, &other_than(&code)).await;
    assert_eq!(failure(&third).0, "17");
}

#[tokio::test]
async fn the_current_pin_verifies_after_several_deliveries() {
    let app = spawn().await;
    let timing = [("next_event_wait", "120"), ("pin_expiry", "120")];
    let (request_id, _) = app.started(&timing).await;
    app.advance(250);
    let current = app.latest_code();
    let reply = app.check(&request_id, &current).await;
    assert_eq!(reply["status"], "0", "{reply}");
    let found = app.search(&[&request_id]).await;
    assert_eq!(found["status"], "SUCCESS");
    assert_eq!(found["events"].as_array().unwrap().len(), 3);
    assert_eq!(
        reply["event_id"], found["events"][2]["id"],
        "the latest delivery"
    );
}
