//! `pollstr verify-sim`: the simulator as its own process.

use pollstr::{
    domain::{PhoneNumber, VerificationCode},
    verify::{VerifyClient, VerifyError, VerifySettings},
};
use std::{process::Stdio, time::Duration};

/// Kills the child process when the test ends, passed or not.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn client(base_url: &str, secret: &str) -> VerifyClient {
    VerifyClient::new(VerifySettings {
        base_url: base_url.to_owned(),
        api_key: "sim-key".into(),
        api_secret: secret.to_owned().into(),
        brand: "Pollstr".into(),
        timeout: Duration::from_secs(5),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_sim_runs_on_its_own_and_accepts_only_its_credentials() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _sim = Running(
        std::process::Command::new(env!("CARGO_BIN_EXE_pollstr"))
            .args(["verify-sim", "--addr", &format!("127.0.0.1:{port}")])
            .env("NEXMO_API_KEY", "sim-key")
            .env("NEXMO_API_SECRET", "sim-secret")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pollstr verify-sim starts"),
    );
    let base_url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if http
            .get(format!("{base_url}/dev/inbox"))
            .send()
            .await
            .is_ok()
        {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the simulator answers");

    let number = PhoneNumber::parse("+1 212 555 0190").unwrap();
    let wrong = client(&base_url, "not-the-secret").start(&number).await;
    assert!(
        matches!(wrong, Err(VerifyError::Rejected { ref status, .. }) if status == "4"),
        "{wrong:?}"
    );

    let right = client(&base_url, "sim-secret");
    let request_id = right.start(&number).await.expect("a started verification");
    let inbox: serde_json::Value = http
        .get(format!("{base_url}/dev/inbox"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = inbox[0]["code"].as_str().unwrap();
    assert_eq!(inbox[0]["number"], "+12125550190");
    right
        .check(&request_id, &VerificationCode::parse(code).unwrap())
        .await
        .expect("the code checks out");
}
