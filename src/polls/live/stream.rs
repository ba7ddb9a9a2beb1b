//! (ssr) `GET /polls/{id}/events`: a poll's live results as Server-Sent Events. Anyone may
//! open it; each viewer is sent what the results page would show them now, by the same rules
//! (`visibility`): the numbers (`results`), or only the sentence saying when they show
//! (`sealed`), or `gone` when the poll is not there for them any more, which ends the stream.

use super::{
    hub::{LiveHub, Published, Subscription, VoteWait},
    limits::{Refusal, StreamPermit},
    snapshot::event_id,
    wire::{GONE_EVENT, RESULTS_EVENT, SEALED_EVENT},
};
use crate::{
    accounts::backend::User,
    domain::PollId,
    error::{AppError, OrInternal},
    polls::{
        visibility::{fetch_visible, may_see_results, may_view},
        votes::fetch_my_choices,
    },
    request::Request,
    server::state::AppState,
};
use axum::{
    extract::{Path, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    routing::get,
    Router,
};
use std::convert::Infallible;
use tokio::sync::watch;

/// How long a refused browser should wait before it tries again.
const RETRY_AFTER_SECS: &str = "30";

pub fn routes() -> Router<AppState> {
    Router::new().route("/polls/{id}/events", get(events))
}

async fn events(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    let hub = state.live.clone();
    let request = match Request::from_parts(state, &parts) {
        Ok(request) => request,
        Err(error) => return refused_with(&error),
    };
    let permit = match hub.admit(request.network_key()) {
        Ok(permit) => permit,
        Err(refusal) => return too_many(refusal),
    };
    let Some(poll_id) = PollId::parse(&id) else {
        return refused_with(&AppError::PollNotFound);
    };
    let last_event_id = parts
        .headers
        .get("last-event-id")
        .and_then(|id| id.to_str().ok())
        .map(str::to_owned);
    let watching = match Watching::start(&request, &hub, poll_id, permit, last_event_id).await {
        Ok(watching) => watching,
        Err(error) => return refused_with(&error),
    };
    let events = futures::stream::unfold(watching, |mut watching| async move {
        let event = watching.next_event().await?;
        Some((Ok::<Event, Infallible>(event), watching))
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(hub.settings().keep_alive))
        .into_response();
    let headers = response.headers_mut();
    // What one viewer may see: no cache keeps it. nginx would otherwise buffer the stream.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

/// Who is watching, and what they were last sent.
struct Watching {
    hub: LiveHub,
    poll_id: PollId,
    /// From a verified session: an author's or a moderator's rights, as on the page.
    caller: Option<User>,
    /// Logged in (verified or not): whose vote unseals "after you vote".
    signed_in: Option<i64>,
    voted: bool,
    vote_wait: Option<VoteWait>,
    /// The feed's epoch when `voted` was last read from the database.
    epoch: u64,
    subscription: Subscription,
    stopping: watch::Receiver<bool>,
    /// The id of what the browser shows: nothing is sent again until the state moves on.
    last_sent: Option<String>,
    ended: bool,
    _permit: StreamPermit,
}

impl Watching {
    async fn start(
        request: &Request,
        hub: &LiveHub,
        poll_id: PollId,
        permit: StreamPermit,
        last_event_id: Option<String>,
    ) -> Result<Self, AppError> {
        let caller = match request.verified_user().await {
            Ok(user) => Some(user.clone()),
            Err(AppError::NotLoggedIn | AppError::NotVerified) => None,
            Err(error) => return Err(error),
        };
        // A poll that is not there for this viewer is a 404 now, not an open stream.
        fetch_visible(request.db(), poll_id, caller.as_ref()).await?;
        let signed_in = request.signed_in().map(|user| user.id);
        // Watching before the vote is read: a vote landing in between is heard.
        let subscription = hub.subscribe(poll_id);
        let vote_wait = signed_in.map(|user_id| subscription.wait_for_vote_of(user_id));
        let epoch = subscription.feed().epoch();
        let voted = match signed_in {
            Some(user_id) => has_voted(hub, poll_id, user_id).await?,
            None => false,
        };
        Ok(Self {
            hub: hub.clone(),
            poll_id,
            caller,
            signed_in,
            voted,
            vote_wait,
            epoch,
            subscription,
            stopping: hub.stopping(),
            last_sent: last_event_id,
            ended: false,
            _permit: permit,
        })
    }

    /// The next event that says something new to this viewer; `None` ends the stream.
    async fn next_event(&mut self) -> Option<Event> {
        if self.ended {
            return None;
        }
        loop {
            let published = self.subscription.updates().borrow_and_update().clone();
            if let Some((name, data, id)) = self.event_for(&published).await {
                if name == GONE_EVENT {
                    self.ended = true;
                }
                if self.ended || self.last_sent.as_deref() != Some(id.as_str()) {
                    let event = Event::default().event(name).id(&id).data(data);
                    self.last_sent = Some(id);
                    return Some(event);
                }
            }
            tokio::select! {
                changed = self.subscription.updates().changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
                _ = self.stopping.wait_for(|stop| *stop) => return None,
            }
        }
    }

    /// What this viewer is to be sent for `published`: (event, data, id).
    async fn event_for(&mut self, published: &Published) -> Option<(&'static str, String, String)> {
        let state = match published {
            Published::Pending => return None,
            Published::Gone => return Some(gone()),
            Published::Poll(state) => state,
        };
        if !may_view(&state.poll, self.caller.as_ref()) {
            return Some(gone());
        }
        self.notice_own_vote().await;
        match may_see_results(
            &state.poll,
            self.caller.as_ref(),
            self.voted,
            self.hub.now(),
        ) {
            Ok(()) => Some((
                RESULTS_EVENT,
                state.results_json.clone(),
                state.results_id.clone(),
            )),
            Err(sealed) => {
                let data = sealed.user_message();
                let id = event_id(SEALED_EVENT, &data);
                Some((SEALED_EVENT, data, id))
            }
        }
    }

    /// Whether the viewer has voted by now: heard with their vote, or, after the feed may
    /// have missed changes, read from the database once.
    async fn notice_own_vote(&mut self) {
        let (Some(user_id), false) = (self.signed_in, self.voted) else {
            return;
        };
        if self.vote_wait.as_ref().is_some_and(VoteWait::voted) {
            self.voted = true;
        } else if self.subscription.feed().epoch() != self.epoch {
            self.epoch = self.subscription.feed().epoch();
            // On failure, still sealed: the next change asks again.
            self.voted = has_voted(&self.hub, self.poll_id, user_id)
                .await
                .unwrap_or(false);
        }
        if self.voted {
            self.vote_wait = None;
        }
    }
}

async fn has_voted(hub: &LiveHub, poll_id: PollId, user_id: i64) -> Result<bool, AppError> {
    let mine = fetch_my_choices(hub.db(), poll_id, user_id)
        .await
        .or_internal("loading a vote")?;
    Ok(!mine.is_empty())
}

/// With the sentence a page would show: a browser never dispatches an event without data.
fn gone() -> (&'static str, String, String) {
    let data = AppError::PollNotFound.user_message();
    let id = event_id(GONE_EVENT, &data);
    (GONE_EVENT, data, id)
}

fn refused_with(error: &AppError) -> Response {
    let status =
        StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, error.user_message()).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, crate::error::RETRY_AFTER);
    }
    response
}

fn too_many(refusal: Refusal) -> Response {
    let (status, sentence) = match refusal {
        Refusal::InstanceFull => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Live results are busy right now; the numbers on the page are as of its loading.",
        ),
        Refusal::ClientFull => (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many live results pages are open from your network; close some and try again.",
        ),
    };
    tracing::warn!(?refusal, "a live results stream was refused");
    (
        status,
        [(
            header::RETRY_AFTER,
            HeaderValue::from_static(RETRY_AFTER_SECS),
        )],
        sentence,
    )
        .into_response()
}
