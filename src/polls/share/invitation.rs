//! The login and sign-up pages of a stranger who opened a shared poll link: they say which
//! poll the person was invited to, and carry its link preview tags (a link previewer that
//! follows the redirect to log in finds the poll's title and choices there).

use super::{meta::PollLinkMeta, PollLink};
use crate::{components::next::use_next_path, error::AppError};
use leptos::prelude::*;

/// The poll a visible `next` path (`/polls/7`, `/polls/7/results`) is about, if any.
#[server(endpoint = "load_invitation")]
pub async fn load_invitation(poll_id: String) -> Result<Option<PollLink>, AppError> {
    use crate::{
        error::OrInternal,
        polls::{
            db::fetch_choices, format::parse_poll_id, share::card::poll_link,
            visibility::fetch_visible,
        },
        request::Request,
    };
    let request = Request::current().await?;
    let Ok(poll_id) = parse_poll_id(&poll_id) else {
        return Ok(None);
    };
    // As a stranger sees it: a hidden poll is not named to anyone here.
    let poll = match fetch_visible(request.db(), poll_id, None).await {
        Ok(poll) => poll,
        Err(AppError::PollNotFound) => return Ok(None),
        Err(error) => return Err(error),
    };
    let choices = fetch_choices(request.db(), poll_id)
        .await
        .or_internal("loading choices")?;
    let texts = choices.iter().map(|choice| choice.text.as_str());
    Ok(Some(poll_link(
        request.site_origin(),
        poll_id,
        &poll.question,
        texts,
    )))
}

/// `7` of `/polls/7` or `/polls/7/results` (a query or fragment aside).
fn poll_id_in(path: &str) -> Option<String> {
    let path = path.split(['?', '#']).next()?;
    let rest = path.strip_prefix("/polls/")?;
    let id = rest.strip_suffix("/results").unwrap_or(rest);
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_owned())
}

/// Nothing unless `next` is a poll anyone may see; then its tags and one sentence.
#[component]
pub fn PollInvitation() -> impl IntoView {
    let next = use_next_path();
    let invitation = Resource::new(
        move || poll_id_in(next.get().as_str()),
        |poll_id| async move {
            match poll_id {
                Some(poll_id) => load_invitation(poll_id).await,
                None => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // An invitation that cannot be read is no reason to stop anyone logging in.
                invitation.await.ok().flatten().map(|link| view! {
                    <p class="notice">"Log in or sign up to vote on “" {link.title.clone()} "”."</p>
                    <PollLinkMeta link />
                })
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::poll_id_in;

    #[test]
    fn only_a_poll_or_its_results_name_a_poll() {
        assert_eq!(poll_id_in("/polls/7").as_deref(), Some("7"));
        assert_eq!(poll_id_in("/polls/7/results").as_deref(), Some("7"));
        assert_eq!(poll_id_in("/polls/7?x=1").as_deref(), Some("7"));
        for other in [
            "/",
            "/polls/new",
            "/polls/mine",
            "/polls/7/edit",
            "/polls/",
            "/polls/7/results/x",
        ] {
            assert_eq!(poll_id_in(other), None, "{other}");
        }
    }
}
