//! `<LiveResults>`: the part of a results page that moves. The server renders it with the
//! numbers of the moment (all a visitor without JavaScript gets); in the browser it opens the
//! poll's stream (`event_source`) and shows each new state, says whether it is live, and
//! tells screen readers of changes, at most every few seconds.

use super::wire::{LiveChoice, ResultsSnapshot};
use crate::polls::pages::facts::{voters_label, votes_label, PollFactsLine};
use leptos::{either::Either, prelude::*};

/// The shortest time between two announcements of new numbers to screen readers.
pub const ANNOUNCE_EVERY_MS: f64 = 5_000.0;

/// Everything of the island that moves, in one signal: each signal type is code of its own in
/// the WebAssembly, and these change together anyway.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveState {
    /// The numbers, when the viewer may see them.
    pub shown: Option<ResultsSnapshot>,
    /// Otherwise, the sentence that says when they will.
    pub sealed: Option<String>,
    pub link: Link,
    /// What the polite live region says last.
    pub announcement: String,
}

/// Where the page stands with its stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// On the server, and in the browser until the stream is opened: nothing is said.
    Idle,
    Connecting,
    Live,
    /// The connection dropped; the browser is trying again.
    Reconnecting,
    /// Refused or failed for now; tried again in a while.
    Offline,
    /// The poll is closed: these numbers are the last.
    Final,
    /// The poll was deleted or hidden.
    Gone,
}

impl Link {
    fn label(self) -> &'static str {
        match self {
            Self::Idle => "",
            Self::Connecting => "Connecting…",
            Self::Live => "Live",
            Self::Reconnecting => "Reconnecting…",
            Self::Offline => "Not live: new votes show when you reload",
            Self::Final => "Final results",
            Self::Gone => "This poll is no longer available",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::Connecting => "connecting",
            Self::Live => "live",
            Self::Reconnecting => "reconnecting",
            Self::Offline => "offline",
            Self::Final => "final",
            Self::Gone => "gone",
        }
    }
}

/// `shown`: the numbers, when this viewer may see them; otherwise `sealed` says when they will.
/// `mine`: per choice, whether the viewer's vote is on it. `offers_vote`: the page links to the
/// ballot while the poll is open; the link is the island's, so it goes when the poll closes or
/// is taken down.
#[island]
pub fn LiveResults(
    poll_id: String,
    shown: Option<ResultsSnapshot>,
    sealed: Option<String>,
    mine: Vec<bool>,
    offers_vote: bool,
) -> impl IntoView {
    let state = RwSignal::new(LiveState {
        shown,
        sealed,
        link: Link::Idle,
        announcement: String::new(),
    });
    let ballot = format!("/polls/{poll_id}");
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| super::event_source::watch(&super::wire::events_path(&poll_id), state));
    #[cfg(not(feature = "hydrate"))]
    let _ = poll_id;
    // A sealed page is only offered for an open poll; a close sends the numbers with it. A
    // poll taken down (hidden, deleted) has no ballot left to link to.
    let open = move || {
        state
            .with(|s| s.link != Link::Gone && s.shown.as_ref().is_none_or(|shown| shown.facts.open))
    };
    view! {
        <p class="live-status" data-state=move || state.with(|s| s.link.name())>
            {move || state.with(|s| s.link.label())}
        </p>
        {move || match state.with(|s| s.shown.clone()) {
            Some(snapshot) => Either::Left(shown_view(snapshot, &mine)),
            None => Either::Right(view! { <p role="alert">{state.with(|s| s.sealed.clone())}</p> }),
        }}
        {move || (offers_vote && open()).then(|| view! {
            <p class="aside"><a href=ballot.clone()>"Vote on this poll"</a></p>
        })}
        <p class="visually-hidden" aria-live="polite">{move || state.with(|s| s.announcement.clone())}</p>
    }
}

fn shown_view(snapshot: ResultsSnapshot, mine: &[bool]) -> impl IntoView {
    let voters = snapshot.facts.voters;
    let total = if snapshot.multiple_answers {
        Either::Left(
            view! { <p class="total">{voters_label(voters)} ", each choosing one or more answers; shares are of the people who voted."</p> },
        )
    } else {
        Either::Right(view! { <p class="total">"Total: " {votes_label(voters)}</p> })
    };
    let closed = (!snapshot.facts.open).then(
        || view! { <p class="notice">"This poll is closed: these are its final results."</p> },
    );
    view! {
        <PollFactsLine facts=snapshot.facts />
        {closed}
        <ul class="results">
            {snapshot.choices.into_iter().enumerate().map(|(i, choice)| {
                let mine = mine.get(i).copied().unwrap_or(false);
                choice_view(choice, mine)
            }).collect_view()}
        </ul>
        {total}
    }
}

fn choice_view(choice: LiveChoice, mine: bool) -> impl IntoView {
    view! {
        <li class:mine=mine>
            <span class="choice-text">{choice.text}</span>
            {mine.then(|| view! { <strong class="badge">"Your vote"</strong> })}
            <meter min="0" max="100" value=choice.percent.to_string()>{format!("{}%", choice.percent)}</meter>
            <span class="count">{votes_label(choice.votes)} " · " {format!("{}%", choice.percent)}</span>
        </li>
    }
}

/// What a screen reader is told of new numbers: every answer's count and share.
pub fn summary(snapshot: &ResultsSnapshot) -> String {
    let answers: Vec<String> = snapshot
        .choices
        .iter()
        .map(|c| format!("{}: {}, {}%", c.text, votes_label(c.votes), c.percent))
        .collect();
    format!(
        "Results updated. {}. {}.",
        voters_label(snapshot.facts.voters),
        answers.join("; ")
    )
}
