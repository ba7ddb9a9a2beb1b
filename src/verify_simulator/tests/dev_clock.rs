//! `/dev/clock` on the inbox router: skip simulated time over HTTP.

use super::*;

async fn offset(app: &Running) -> Value {
    let response = app.http.get(app.url("/dev/clock")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_clock_starts_on_real_time_and_moves_by_form_or_query() {
    let app = spawn().await;
    assert_eq!(offset(&app).await, serde_json::json!({"offset_secs": 0}));
    let url = app.url("/dev/clock");
    let by_form = app.http.post(&url).form(&[("advance_secs", "120")]).send();
    assert_eq!(by_form.await.unwrap().status(), StatusCode::NO_CONTENT);
    let by_query = app.http.post(&url).query(&[("advance_secs", "5")]).send();
    assert_eq!(by_query.await.unwrap().status(), StatusCode::NO_CONTENT);
    assert_eq!(offset(&app).await, serde_json::json!({"offset_secs": 125}));
    assert_eq!(app.simulator.clock_offset(), Duration::from_secs(125));
}

#[tokio::test]
async fn moving_the_clock_over_http_plays_the_deliveries_due() {
    let app = spawn().await;
    app.started(&[]).await;
    let url = app.url("/dev/clock");
    let moved = app.http.post(&url).form(&[("advance_secs", "125")]).send();
    assert_eq!(moved.await.unwrap().status(), StatusCode::NO_CONTENT);
    let channels: Vec<Channel> = app.deliveries().into_iter().map(|(c, _)| c).collect();
    assert_eq!(channels, [Channel::Sms, Channel::Voice]);
}

#[tokio::test]
async fn anything_but_a_whole_number_of_seconds_up_to_a_year_and_a_day_is_refused() {
    let app = spawn().await;
    let url = app.url("/dev/clock");
    for value in ["", "-5", "1.5", "soon", "31622401"] {
        let response = app.http.post(&url).form(&[("advance_secs", value)]).send();
        assert_eq!(
            response.await.unwrap().status(),
            StatusCode::BAD_REQUEST,
            "{value:?}"
        );
    }
    let response = app.http.post(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(offset(&app).await["offset_secs"], 0);
}

#[tokio::test]
async fn the_clock_is_not_part_of_the_api_router() {
    let simulator = Simulator::new(SimulatorCredentials {
        api_key: KEY.to_owned(),
        api_secret: SECRET.into(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let serving = simulator.clone();
    tokio::spawn(async move { serving.serve(listener).await });
    let response = reqwest::get(format!("{base}/dev/clock")).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
