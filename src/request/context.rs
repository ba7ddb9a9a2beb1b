//! The request context: one value a server function opens with, instead of the same prologue
//! (state, auth session, user, client IP, time) in each.

use super::{
    audit::{self, Action, Outcome},
    client_ip, origin,
    throttle::{self, Limit, Reservation, ThrottleError},
};
use crate::{
    accounts::backend::{AuthSession, User},
    domain::PhoneNumber,
    error::{AppError, OrInternal},
    polls::viewer_class::ClassReads,
    server::state::AppState,
    verify::RequestId,
};
use sqlx::AnyPool;
use std::net::IpAddr;
use tower_sessions::Session;

pub struct Request {
    state: AppState,
    auth: AuthSession,
    client_ip: Option<IpAddr>,
    now: i64,
    /// The site's address for links handed out (see `origin`).
    site_origin: String,
    /// A browser's own form post (JavaScript off), which server_fn answers with a redirect:
    /// it says `Accept: text/html`, as server_fn checks.
    plain_form_post: bool,
    /// What the page cache read this page's viewer class from (`polls::viewer_class`), for
    /// the render of a page it may keep; none for any other request.
    class_reads: Option<ClassReads>,
}

impl Request {
    /// The context of the server function being run (leptos_axum provides the parts).
    pub async fn current() -> Result<Self, AppError> {
        let state = AppState::current()?;
        // One look at the request leptos_axum provides, instead of an extractor (and a copy of
        // the request head) per piece: this runs in every server function.
        let parts =
            leptos::prelude::use_context::<axum::http::request::Parts>().ok_or_else(|| {
                tracing::error!("the request is missing from the server function context");
                AppError::Internal
            })?;
        Self::from_parts(state, &parts)
    }

    /// The context of a plain axum handler (a download), from its request head.
    pub fn from_parts(
        state: AppState,
        parts: &axum::http::request::Parts,
    ) -> Result<Self, AppError> {
        let auth = parts
            .extensions
            .get::<AuthSession>()
            .cloned()
            .ok_or_else(|| {
                tracing::error!("the auth session is missing from the request");
                AppError::Internal
            })?;
        let client_ip = client_ip::of_request(parts, &state.trusted_proxies);
        let plain_form_post = crate::server::too_large::accepts_html(&parts.headers);
        Ok(Self {
            site_origin: origin::site_origin(parts, &state),
            plain_form_post,
            class_reads: parts.extensions.get::<ClassReads>().cloned(),
            now: state.clock.now(),
            state,
            auth,
            client_ip,
        })
    }

    /// The logged-in user, or `NotLoggedIn`.
    pub fn user(&self) -> Result<&User, AppError> {
        self.auth.user.as_ref().ok_or(AppError::NotLoggedIn)
    }

    /// The logged-in user, if any (for pages anyone may see).
    pub fn signed_in(&self) -> Option<&User> {
        self.auth.user.as_ref()
    }

    /// Now, in Unix seconds, on the app clock (which tests move).
    pub fn now(&self) -> i64 {
        self.now
    }

    /// `https://polls.example.org`: what the app's own links start with.
    pub fn site_origin(&self) -> &str {
        &self.site_origin
    }

    /// Posted by a form with JavaScript off (see `refused_form`).
    pub fn is_plain_form_post(&self) -> bool {
        self.plain_form_post
    }

    /// The poll and vote this page's viewer class was read from, for the render to read
    /// (`polls::viewer_class`); none but in the render of a page the cache may keep.
    pub fn class_reads(&self) -> Option<&ClassReads> {
        self.class_reads.as_ref()
    }

    pub fn client_ip(&self) -> Option<IpAddr> {
        self.client_ip
    }

    /// What per-IP buckets count this caller by: its network (see `client_ip::network_key`).
    pub fn network_key(&self) -> String {
        self.client_ip
            .map_or_else(|| "unknown".to_owned(), client_ip::network_key)
    }

    pub fn db(&self) -> &AnyPool {
        &self.state.db
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn session(&self) -> &Session {
        &self.auth.session
    }

    pub fn auth(&self) -> &AuthSession {
        &self.auth
    }

    /// For logging in and out.
    pub fn auth_mut(&mut self) -> &mut AuthSession {
        &mut self.auth
    }

    /// One slot in each bucket, taken before the work it guards (see `throttle::reserve`);
    /// `Throttled` when a bucket is full.
    pub async fn reserve(&self, buckets: &[(String, Limit)]) -> Result<Reservation, AppError> {
        throttle::reserve(self.db(), buckets, self.now)
            .await
            .map_err(|error| match error {
                ThrottleError::Refused {
                    retry_after_secs,
                    full,
                } => {
                    self.state.metrics.throttled(&full);
                    AppError::Throttled { retry_after_secs }
                }
                ThrottleError::Database(e) => crate::error::internal_error("counting attempts", e),
            })
    }

    /// Gives back a reservation whose attempt did not count. A failure is logged and
    /// otherwise ignored: the attempt it belongs to succeeded, and the slot only means a
    /// little less budget until its window passes.
    pub async fn release(&self, reservation: Reservation) {
        if let Err(error) = reservation.release(self.db()).await {
            let _ = crate::error::internal_error("giving back a throttle slot", error);
        }
    }

    /// Writes one row of the audit trail for `user_id`'s attempt, from this caller.
    pub async fn audit(
        &self,
        user_id: i64,
        action: Action,
        number: Option<&PhoneNumber>,
        request_id: Option<&RequestId>,
        outcome: &Outcome,
    ) -> Result<(), AppError> {
        audit::record(
            self.db(),
            audit::Event {
                user_id,
                masked_number: number.map(PhoneNumber::masked),
                request_id,
                action,
                outcome,
                client_ip: self.client_ip.map(|ip| ip.to_string()),
                at: self.now,
            },
        )
        .await
        .or_internal("writing the audit trail")
    }

    /// A new session id, unless the session ended while this request ran (see
    /// `SessionBackend::rotate_id`). The last step of a request that rotates.
    pub async fn rotate_session_id(&self) -> Result<(), AppError> {
        self.state.sessions.rotate_id(&self.auth.session).await
    }

    /// `NotLoggedIn` when this session was logged out while the request ran.
    pub async fn ensure_session_open(&self) -> Result<(), AppError> {
        self.state.sessions.ensure_open(&self.auth.session).await
    }
}
