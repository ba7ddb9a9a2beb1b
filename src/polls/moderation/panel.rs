//! The moderation box on a poll's results page, for moderators only.

use super::api::ModeratePoll;
use crate::{
    components::form::{last_error, FieldError, FormError},
    domain::PollId,
    error::Field,
    polls::api::Moderation,
};
use leptos::prelude::*;

#[component]
pub fn ModerationPanel(poll_id: PollId, moderation: Moderation) -> impl IntoView {
    let moderate = ServerAction::<ModeratePoll>::new();
    let error = last_error(moderate);
    let (action, label) = if moderation.hidden {
        ("unhide", "Show this poll again")
    } else {
        ("hide", "Hide this poll")
    };
    view! {
        <section class="card moderation" aria-labelledby="moderation-heading">
            <h2 id="moderation-heading">"Moderation"</h2>
            {moderation.hidden.then(|| view! {
                <p role="status">"Hidden: only its author and the moderators see it."</p>
            })}
            <ActionForm action=moderate attr:class="inline">
                <input type="hidden" name="poll_id" value=poll_id.to_string() />
                <input type="hidden" name="action" value=action />
                <button type="submit" class="secondary">{label}</button>
            </ActionForm>
            <ActionForm action=moderate>
                <input type="hidden" name="poll_id" value=poll_id.to_string() />
                <input type="hidden" name="action" value="delete" />
                <div class="choice">
                    <input type="checkbox" id="moderation-confirm" name="confirm" value="yes" />
                    <label for="moderation-confirm">"Yes, delete this poll and its votes"</label>
                </div>
                <FieldError error=error field=Field::Confirm />
                <button type="submit" class="danger">"Delete this poll"</button>
            </ActionForm>
            <FormError error />
        </section>
    }
}
