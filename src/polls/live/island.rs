//! `<LiveResults>`: the part of a results page that moves. The server renders it with the
//! numbers of the moment (all a visitor without JavaScript gets); in the browser it opens the
//! poll's stream (`event_source`) and shows each new state, says whether it is live, and
//! tells screen readers of changes, at most every few seconds.

use super::wire::{LiveChoice, ResultsSnapshot};
use crate::polls::pages::facts::{voters_label, votes_label, PollFactsLine};
use leptos::prelude::*;

/// The shortest time between two announcements of new numbers to screen readers.
pub const ANNOUNCE_EVERY_MS: f64 = 5_000.0;

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
/// `mine`: per choice, whether the viewer's vote is on it.
#[island]
pub fn LiveResults(
    poll_id: String,
    shown: Option<ResultsSnapshot>,
    sealed: Option<String>,
    mine: Vec<bool>,
) -> impl IntoView {
    let results = RwSignal::new(shown);
    let sealed = RwSignal::new(sealed);
    let link = RwSignal::new(Link::Idle);
    let announcement = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        super::event_source::watch(
            &super::wire::events_path(&poll_id),
            super::event_source::Page {
                results,
                sealed,
                link,
                announcement,
            },
        )
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = poll_id;
    view! {
        <p class="live-status" data-state=move || link.get().name()>{move || link.get().label()}</p>
        {move || match results.get() {
            Some(snapshot) => shown_view(snapshot, &mine).into_any(),
            None => view! { <p role="alert">{sealed.get()}</p> }.into_any(),
        }}
        <p class="visually-hidden" aria-live="polite">{move || announcement.get()}</p>
    }
}

fn shown_view(snapshot: ResultsSnapshot, mine: &[bool]) -> impl IntoView {
    let voters = snapshot.facts.voters;
    let total = if snapshot.multiple_answers {
        view! { <p class="total">{voters_label(voters)} ", each choosing one or more answers; shares are of the people who voted."</p> }.into_any()
    } else {
        view! { <p class="total">"Total: " {votes_label(voters)}</p> }.into_any()
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
