//! The `pollstr` binary.
//!
//! - `pollstr` (or `pollstr serve`): the app, with settings from the environment, until
//!   Ctrl-C or SIGTERM.
//! - `pollstr verify-sim [--addr 127.0.0.1:4010]`: the Verify API simulator on its own, for
//!   several app instances or another client. It accepts only `NEXMO_API_KEY` /
//!   `NEXMO_API_SECRET`.
//! - `pollstr admin grant-moderator USERNAME` (or `revoke-moderator`), `pollstr admin
//!   recount` (the vote counters from the votes): on `DATABASE_URL`.

use pollstr::{
    server::{admin, config::Settings, startup::Application, telemetry},
    verify_simulator::{run_standalone, SimulatorCredentials},
};
use std::{net::SocketAddr, process::ExitCode};

/// mimalloc instead of glibc's malloc: faster for the many small, short-lived allocations of
/// rendering a page. With `MIMALLOC_PURGE_DELAY=0 MIMALLOC_ARENA_EAGER_COMMIT=0` (the systemd
/// unit of docs/deploy.md, and `make bench`) it also holds less memory than glibc, which keeps
/// the password hashes' 19 MiB blocks (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str =
    "usage: pollstr [serve]\n       pollstr verify-sim [--addr 127.0.0.1:4010]\n       \
    pollstr admin grant-moderator USERNAME\n       pollstr admin revoke-moderator USERNAME\n       \
    pollstr admin recount";

#[tokio::main]
async fn main() -> ExitCode {
    // Before logging starts, so `.env` can set RUST_LOG and LOG_FORMAT too. A missing `.env`
    // is normal; the environment always wins over it.
    let _ = dotenvy::dotenv();
    telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("verify-sim") => verify_sim(&args[1..]).await,
        Some("admin") => match admin::run(&args[1..]).await {
            Ok(done) => {
                println!("{done}");
                ExitCode::SUCCESS
            }
            Err(why) => {
                eprintln!("{why}");
                ExitCode::FAILURE
            }
        },
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command {other:?}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            tracing::error!("configuration: {error}");
            return ExitCode::FAILURE;
        }
    };
    let app = match Application::build(settings).await {
        Ok(app) => app,
        Err(error) => {
            tracing::error!("start-up failed: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("Pollstr listening on http://{}", app.address());
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("server error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn verify_sim(args: &[String]) -> ExitCode {
    let addr: SocketAddr = match args {
        [] => SocketAddr::from(([127, 0, 0, 1], 4010)),
        [flag, addr] if flag == "--addr" => match addr.parse() {
            Ok(addr) => addr,
            Err(_) => {
                eprintln!("--addr wants an address like 127.0.0.1:4010, not {addr:?}");
                return ExitCode::FAILURE;
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let var = |a: &str, b: &str| {
        std::env::var(a)
            .or_else(|_| std::env::var(b))
            .ok()
            .filter(|v| !v.is_empty())
    };
    let (Some(api_key), Some(api_secret)) = (
        var("NEXMO_API_KEY", "VONAGE_API_KEY"),
        var("NEXMO_API_SECRET", "VONAGE_API_SECRET"),
    ) else {
        eprintln!("verify-sim accepts only the configured credentials: set NEXMO_API_KEY and NEXMO_API_SECRET");
        return ExitCode::FAILURE;
    };
    let credentials = SimulatorCredentials {
        api_key,
        api_secret: api_secret.into(),
    };
    match run_standalone(addr, credentials).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("verify-sim: {error}");
            ExitCode::FAILURE
        }
    }
}
