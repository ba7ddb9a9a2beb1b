//! `Application::build`: binds, connects, migrates, wires the router. `main` and the tests
//! both start the app through it, so the tests run what production runs.

use super::{
    assets, change_listener,
    clock::Clock,
    config::Settings,
    db::{connect_and_migrate, DatabaseError, DatabaseKind, StartupLock},
    error_status::server_fn_error_status,
    freshness::Freshness,
    health,
    housekeeping::Housekeeping,
    metrics::{
        endpoint::{self, Scraped},
        http::count_requests,
        Metrics,
    },
    page_cache::{serve_from_cache, serve_signed_in_from_cache, PageCache},
    password_work::PasswordWork,
    request_rows::{serve_reads_from_kept_rows, RequestRows},
    resilience::{cache_control, panic_response, time_limit},
    security::{provide_page_csp, refuse_cross_site_writes, security_headers, MAX_BODY_BYTES},
    sessions::SessionBackend,
    state::{AppState, Shared},
    telemetry::{assign_request_id, request_span},
    too_large::too_large_is_a_form_error,
    unavailable::session_trouble_is_unavailable,
    verify_client::verify_client,
    vote_turns::VoteTurns,
};
use crate::{
    accounts::{backend::AuthBackend, skeletons},
    app::{shell, App},
    polls::{demo, live::hub::LiveHub, memo::PollMemo},
    verify_simulator::{inbox_router, Simulator},
};
use axum::Router;
use axum_login::AuthManagerLayerBuilder;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sqlx::AnyPool;
use std::{
    sync::{Arc, OnceLock},
    time::Duration,
};
use tokio::net::TcpListener;
use tower_http::{catch_panic::CatchPanicLayer, limit::RequestBodyLimitLayer, trace::TraceLayer};

/// The longest a password check waits for a free hashing slot before "busy, try again".
const PASSWORD_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("database: {0}")]
    Database(#[from] DatabaseError),
    #[error("preparing the data ({0}): {1}")]
    Data(&'static str, sqlx::Error),
    #[error("session store: {0}")]
    Sessions(sqlx::Error),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    /// `/metrics`, on a listener of its own (`METRICS_ADDR`).
    metrics_endpoint: Option<(TcpListener, Router)>,
    db: AnyPool,
    simulator: Option<Simulator>,
    clock: Clock,
    live: LiveHub,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let (db, kind) = connect_and_migrate(&settings.database).await?;
        let costs = &settings.costs;
        let password_work = PasswordWork::new(
            costs.password_hash_concurrency,
            costs.password_hash_queue,
            PASSWORD_WAIT,
        );
        let data = |step: &'static str| move |error: sqlx::Error| StartupError::Data(step, error);
        let lock = StartupLock::take(&settings.database, kind)
            .await
            .map_err(data("start-up lock"))?;
        skeletons::fill_in_missing(&db)
            .await
            .map_err(data("username skeletons"))?;
        if settings.demo_data {
            demo::load_into_empty_database(&db, &password_work)
                .await
                .map_err(data("demo data"))?;
        }
        lock.release().await.map_err(data("start-up lock"))?;
        let clock = Clock::default();
        // On PostgreSQL other instances write sessions and users too: nothing is kept until
        // the change listener hears them.
        let request_rows = RequestRows::new(&clock, kind != DatabaseKind::Postgres);
        let sessions =
            SessionBackend::connect(&settings.database, kind, request_rows.sessions.clone())
                .await
                .map_err(StartupError::Sessions)?;
        sessions.spawn_expired_session_cleanup();

        let metrics = Metrics::new();
        let (verify, simulator) = verify_client(&settings, &metrics).await?;
        let listener = TcpListener::bind(settings.leptos.site_addr).await?;
        let metrics_endpoint = match settings.metrics_addr {
            Some(address) => Some(TcpListener::bind(address).await?),
            None => None,
        };
        let mut leptos = settings.leptos.clone();
        leptos.site_addr = listener.local_addr()?;

        Housekeeping {
            db: db.clone(),
            clock: clock.clone(),
            longest_throttle_window_secs: settings.throttles.longest_window_secs(),
            audit_retention_days: costs.audit_retention_days,
            interval: costs.housekeeping_interval,
        }
        .spawn();
        let freshness = Freshness::new(clock.clone());
        let pages = PageCache::new(costs.page_cache_entries, freshness.clone(), metrics.clone());
        let live = LiveHub::new(
            db.clone(),
            clock.clone(),
            settings.live.clone(),
            kind != DatabaseKind::Postgres,
            metrics.clone(),
            freshness.clone(),
        );
        if kind == DatabaseKind::Postgres {
            change_listener::spawn(
                live.clone(),
                request_rows.clone(),
                settings.database.url.clone(),
            );
        }
        let state = AppState::from(Shared {
            leptos,
            db: db.clone(),
            verify,
            two_factor_max_age: settings.two_factor_max_age,
            throttles: settings.throttles,
            start_options: settings.start_options.clone(),
            clock: clock.clone(),
            trusted_proxies: settings.trusted_proxies.clone().into(),
            sessions: sessions.clone(),
            password_work: password_work.clone(),
            public_url: settings.public_url.as_deref().map(Arc::from),
            https: settings.secure_cookies,
            metrics: metrics.clone(),
            live: live.clone(),
            polls: PollMemo::new(freshness),
            users: request_rows.users.clone(),
            vote_turns: VoteTurns::for_database(kind),
        });
        let auth_layer = AuthManagerLayerBuilder::new(
            AuthBackend::new(db.clone(), password_work, request_rows.users),
            sessions.clone().layer(settings.secure_cookies),
        )
        .build();

        let routes = route_list();
        let inbox_stylesheet = assets::stylesheet_href(&state.leptos);
        let mut router = Router::new()
            .leptos_routes_with_context(&state, routes, provide_page_csp, {
                let options = state.leptos.clone();
                move || shell(options.clone())
            })
            .merge(health::routes())
            .merge(crate::polls::export::routes())
            .merge(crate::polls::live::stream::routes())
            .merge(assets::pkg_routes(&state.leptos))
            .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
            .with_state(state.clone());
        if let Some(simulator) = &simulator {
            router = router.merge(inbox_router(simulator.clone(), Some(inbox_stylesheet)));
        }
        // Outermost last: a cross-site write is refused before it touches the session.
        let router = router
            .layer(axum::middleware::from_fn(server_fn_error_status))
            .layer(axum::middleware::from_fn(cache_control))
            // Inside the auth layer, which tells who is signed in.
            .layer(axum::middleware::from_fn_with_state(
                (pages.clone(), state),
                serve_signed_in_from_cache,
            ))
            .layer(auth_layer)
            .layer(axum::middleware::from_fn(serve_reads_from_kept_rows))
            // Outside the session: a page for a visitor without one is answered from memory.
            .layer(axum::middleware::from_fn_with_state(
                pages,
                serve_from_cache,
            ))
            .layer(axum::middleware::from_fn_with_state(
                db.clone(),
                session_trouble_is_unavailable,
            ))
            .layer(axum::middleware::from_fn(refuse_cross_site_writes))
            .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
            .layer(axum::middleware::from_fn(too_large_is_a_form_error))
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(axum::middleware::from_fn_with_state(
                costs.request_timeout,
                time_limit,
            ))
            // Outside the time limit and the panic catcher, so their answers carry it too.
            .layer(axum::middleware::from_fn(security_headers))
            .layer(TraceLayer::new_for_http().make_span_with(request_span))
            .layer(axum::middleware::from_fn_with_state(
                metrics.clone(),
                count_requests,
            ))
            .layer(axum::middleware::from_fn(assign_request_id));
        let metrics_endpoint = metrics_endpoint.map(|listener| {
            let scraped = Scraped {
                metrics,
                db: db.clone(),
                sessions,
                live: live.clone(),
            };
            (listener, endpoint::router(scraped))
        });

        Ok(Self {
            listener,
            router,
            metrics_endpoint,
            db,
            simulator,
            clock,
            live,
        })
    }

    /// Where the app listens.
    pub fn address(&self) -> std::net::SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Where `/metrics` is served, when it is.
    pub fn metrics_address(&self) -> Option<std::net::SocketAddr> {
        let (listener, _) = self.metrics_endpoint.as_ref()?;
        listener.local_addr().ok()
    }

    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|a| a.port())
            .unwrap_or_default()
    }

    pub fn db(&self) -> AnyPool {
        self.db.clone()
    }

    /// The app's clock; tests advance it to move past throttle windows.
    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    /// The in-process simulator, when no API key is configured.
    pub fn simulator(&self) -> Option<Simulator> {
        self.simulator.clone()
    }

    /// Serves until Ctrl-C or SIGTERM, letting requests in flight finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        // Scraped until the process ends: a scrape during the drain shows the drain.
        if let Some((listener, router)) = self.metrics_endpoint {
            tokio::spawn(async move {
                if let Err(error) = axum::serve(listener, router).await {
                    tracing::error!(%error, "the /metrics listener stopped");
                }
            });
        }
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown({
            // Live streams never end by themselves: they end first, or the drain would wait.
            let live = self.live.clone();
            async move {
                shutdown_signal().await;
                live.end_streams();
            }
        })
        .await;
        // Every answered write is committed by now; closing lets SQLite fold its WAL back
        // into the database file.
        self.db.close().await;
        tracing::info!("stopped");
        served
    }
}

/// The app's routes, generated once per process. `generate_route_list` runs the app with a
/// process-wide flag set (leptos_server 0.8's `IS_SUPPRESSING_RESOURCE_LOAD`), and a resource
/// first polled on another thread while it is set waits forever (leptos-rs/leptos#4773). With
/// several apps in one process (the test suite), one app starting while another rendered a
/// page left that page hanging now and then. The list depends only on the code, so one copy
/// serves every app; only the first start generates it, before any app can serve a page.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
