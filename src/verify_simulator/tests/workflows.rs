//! Each workflow's deliveries appear in the inbox at the guide's times (verify-api.md §1.9),
//! and the request expires when the last one's wait runs out.

use super::*;
use Channel::{Sms, Voice};

/// Deliveries as (seconds after the start, channel).
type Timeline = &'static [(u64, Channel)];

/// Starts a request with `extra`, then walks the clock to one second before and to each
/// expected delivery, and to its expiry, checking the inbox and the search status.
async fn assert_timeline(extra: &[(&str, &str)], deliveries: &[(u64, Channel)], expires_at: u64) {
    let app = spawn().await;
    let (request_id, _) = app.started(extra).await;
    let mut now = 0;
    for (count, &(at, channel)) in deliveries.iter().enumerate().skip(1) {
        app.advance(at - 1 - now);
        assert_eq!(app.deliveries().len(), count, "{extra:?}: before {at} s");
        app.advance(1);
        now = at;
        let made: Vec<Channel> = app.deliveries().into_iter().map(|(c, _)| c).collect();
        assert_eq!(made.len(), count + 1, "{extra:?}: at {at} s");
        assert_eq!(made[count], channel, "{extra:?}: at {at} s");
    }
    assert_eq!(
        app.deliveries()[0].0,
        deliveries[0].1,
        "{extra:?}: the first"
    );
    app.advance(expires_at - 1 - now);
    assert_eq!(app.search(&[&request_id]).await["status"], "IN PROGRESS");
    app.advance(1);
    let expired = app.search(&[&request_id]).await;
    assert_eq!(expired["status"], "EXPIRED", "{extra:?}: at {expires_at} s");
    let lasted = seconds_between(
        expired["date_submitted"].as_str().unwrap(),
        expired["date_finalized"].as_str().unwrap(),
    );
    assert_eq!(lasted, i64::try_from(expires_at).unwrap(), "{expired}");
    assert_eq!(
        app.deliveries().len(),
        deliveries.len(),
        "nothing after expiry"
    );
}

#[tokio::test]
async fn workflow_1_texts_then_calls_at_125_s_and_305_s_and_expires_at_605_s() {
    let timeline = [(0, Sms), (125, Voice), (305, Voice)];
    assert_timeline(&[], &timeline, 605).await;
    assert_timeline(&[("workflow_id", "1")], &timeline, 605).await;
}

#[tokio::test]
async fn workflows_2_to_7_follow_the_guides_default_waits() {
    let cases: [(&str, Timeline, u64); 6] = [
        ("2", &[(0, Sms), (125, Sms), (305, Voice)], 605),
        ("3", &[(0, Voice), (150, Voice)], 300),
        ("4", &[(0, Sms), (120, Sms)], 300),
        ("5", &[(0, Sms), (120, Voice)], 300),
        ("6", &[(0, Sms)], 300),
        ("7", &[(0, Voice)], 300),
    ];
    for (workflow_id, timeline, expires_at) in cases {
        assert_timeline(&[("workflow_id", workflow_id)], timeline, expires_at).await;
    }
}

#[tokio::test]
async fn next_event_wait_sets_every_gap_and_the_wait_after_the_last_delivery() {
    let timing = [("next_event_wait", "60")];
    assert_timeline(&timing, &[(0, Sms), (60, Voice), (120, Voice)], 180).await;
    let timing = [("workflow_id", "5"), ("next_event_wait", "200")];
    assert_timeline(&timing, &[(0, Sms), (200, Voice)], 400).await;
}

#[tokio::test]
async fn a_single_delivery_workflow_expires_with_its_pin() {
    let timing = [
        ("workflow_id", "7"),
        ("pin_expiry", "600"),
        ("next_event_wait", "60"),
    ];
    assert_timeline(&timing, &[(0, Voice)], 600).await;
}

#[tokio::test]
async fn deliveries_are_dated_when_they_were_due_even_if_seen_much_later() {
    let app = spawn().await;
    app.started(&[]).await;
    app.advance(3600);
    let inbox = app.simulator.inbox();
    assert_eq!(inbox.len(), 3);
    assert_eq!(seconds_between(&inbox[2].sent_at, &inbox[1].sent_at), 125);
    assert_eq!(seconds_between(&inbox[2].sent_at, &inbox[0].sent_at), 305);
}

#[tokio::test]
async fn an_expired_request_frees_its_number_and_cannot_be_checked() {
    let app = spawn().await;
    let (request_id, code) = app.started(&[("workflow_id", "6")]).await;
    app.advance(300);
    assert_eq!(failure(&app.check(&request_id, &code).await).0, "6");
    let (second_id, _) = app.started(&[]).await;
    assert_ne!(second_id, request_id);
}

#[tokio::test]
async fn a_voice_call_says_the_code_and_a_check_with_it_succeeds() {
    let app = spawn().await;
    let (request_id, _) = app.started(&[]).await;
    app.advance(125);
    let call = &app.simulator.inbox()[0];
    assert_eq!(call.channel, Voice);
    assert_eq!(call.number, "+12125550142");
    assert_eq!(
        call.text,
        format!("Voice call: your Pollstr code is {}", call.code)
    );
    assert_eq!(app.check(&request_id, &call.code).await["status"], "0");
    app.advance(3600);
    assert_eq!(app.deliveries().len(), 2, "no delivery after success");
}
