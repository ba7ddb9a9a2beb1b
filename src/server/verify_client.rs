//! (ssr) The Verify client the app calls: the real API, or the simulator started in-process
//! on a loopback port, which the same client then talks to over HTTP, so the code path is the
//! one production takes. The start-up log says plainly which one runs and whether `/dev/*` is
//! served.

use super::{
    config::{Settings, VerifyProvider},
    metrics::Metrics,
    startup::StartupError,
};
use crate::{
    verify::{VerifyClient, VerifyError, VerifySettings},
    verify_simulator::{Simulator, SimulatorCredentials},
};
use secrecy::SecretString;
use std::sync::Arc;
use tokio::net::TcpListener;

/// The client, and the simulator when it runs.
pub async fn verify_client(
    settings: &Settings,
    metrics: &Metrics,
) -> Result<(VerifyClient, Option<Simulator>), StartupError> {
    let observer = {
        let metrics = metrics.clone();
        Arc::new(move |operation, result: Result<(), &VerifyError>, took| {
            metrics.verify_call(
                operation,
                result.map_or_else(VerifyError::kind, |()| "ok"),
                took,
            );
        })
    };
    let client = |base_url: String, api_key: String, api_secret: SecretString| {
        VerifyClient::new(VerifySettings {
            base_url,
            api_key,
            api_secret,
            brand: settings.brand.clone(),
            timeout: settings.verify_timeout,
            api: settings.verify_api,
            v2_workflow: settings.v2_workflow.clone(),
        })
        .observed_by(observer.clone())
    };
    match &settings.verify {
        VerifyProvider::Remote {
            base_url,
            api_key,
            api_secret,
        } => {
            tracing::info!(
                %base_url,
                api = ?settings.verify_api,
                "Verify backend: the real API at {base_url}, sending real SMS; /dev/* is not served"
            );
            Ok((
                client(base_url.clone(), api_key.clone(), api_secret.clone()),
                None,
            ))
        }
        VerifyProvider::Simulator => {
            let api_key = random_token(8);
            let api_secret = random_token(16);
            let simulator = Simulator::new(SimulatorCredentials {
                api_key: api_key.clone(),
                api_secret: SecretString::from(api_secret.clone()),
            });
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let base_url = format!("http://{}", listener.local_addr()?);
            let serving = simulator.clone();
            tokio::spawn(async move {
                if let Err(error) = serving.serve(listener).await {
                    tracing::error!(%error, "Verify simulator stopped");
                }
            });
            tracing::warn!(
                "Verify backend: the SIMULATOR at {base_url}; no real SMS is sent. /dev/inbox \
                 (every code, for anyone who asks) and /dev/clock ARE SERVED: never run this on a \
                 public site. Set NEXMO_API_KEY and NEXMO_API_SECRET to use the real API."
            );
            Ok((
                client(base_url, api_key, SecretString::from(api_secret)),
                Some(simulator),
            ))
        }
    }
}

fn random_token(len: usize) -> String {
    use rand::{distributions::Alphanumeric, Rng};
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}
