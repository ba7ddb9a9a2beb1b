//! The simulator as a server of its own (`pollstr verify-sim`), for developing or testing
//! another copy of the app, or any Verify v1 or v2 client, against it.

use super::{inbox_router, Simulator, SimulatorCredentials};
use std::net::SocketAddr;

/// Binds `addr` and serves the v1 and v2 APIs and the dev pages (`/dev/inbox`,
/// `/dev/clock`) on it until the process ends. Fails only if the address cannot be bound or served.
pub async fn run_standalone(
    addr: SocketAddr,
    credentials: SimulatorCredentials,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let simulator = Simulator::new(credentials);
    let router = simulator
        .router()
        .merge(inbox_router(simulator.clone(), None));
    // Loud on purpose: whoever points a client here must not mistake it for the real API,
    // and needs to know where the codes show up.
    tracing::warn!(
        api_key = %simulator.credentials().api_key,
        "VERIFY API SIMULATOR listening on http://{local}: NO REAL SMS OR CALL IS MADE. \
         Point NEXMO_API_URL at http://{local}; the codes appear at http://{local}/dev/inbox \
         (same port) and in this log."
    );
    axum::serve(listener, router).await
}
