//! `pollstr verify-sim`: the simulator as its own process.

use crate::app_process::{SimulatorProcess, SIMULATOR_KEY, SIMULATOR_SECRET};
use pollstr::{
    domain::{PhoneNumber, VerificationCode},
    verify::{ApiVersion, StartOptions, V2Channel, VerifyClient, VerifyError, VerifySettings},
};
use std::time::Duration;

fn client(base_url: &str, secret: &str) -> VerifyClient {
    VerifyClient::new(VerifySettings {
        base_url: base_url.to_owned(),
        api_key: SIMULATOR_KEY.into(),
        api_secret: secret.to_owned().into(),
        brand: "Pollstr".into(),
        timeout: Duration::from_secs(5),
        api: ApiVersion::V1,
        v2_workflow: V2Channel::DEFAULT_WORKFLOW.to_vec(),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_sim_runs_on_its_own_and_accepts_only_its_credentials() {
    let simulator = SimulatorProcess::start().await;

    let number = PhoneNumber::parse("+1 212 555 0190").unwrap();
    let wrong = client(&simulator.url, "not-the-secret")
        .start_with(&number, &StartOptions::default())
        .await;
    assert!(
        matches!(wrong, Err(VerifyError::Rejected { ref status, .. }) if status == "4"),
        "{wrong:?}"
    );

    let right = client(&simulator.url, SIMULATOR_SECRET);
    let request_id = right
        .start_with(&number, &StartOptions::default())
        .await
        .expect("a started verification");
    let code = simulator.last_code_for("+1 212 555 0190").await;
    right
        .check(&request_id, &VerificationCode::parse(&code).unwrap())
        .await
        .expect("the code checks out");
}
