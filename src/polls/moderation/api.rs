//! The server function behind the moderation box. Needs a verified moderator.

use crate::error::AppError;
use leptos::prelude::*;

/// `action` is `hide`, `unhide` or `delete` (which needs `confirm=yes`).
#[server(endpoint = "moderate_poll")]
pub async fn moderate_poll(
    poll_id: String,
    action: String,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        error::OrInternal,
        polls::{
            format::parse_poll_id,
            manage::{api::confirmed, db::delete_poll},
            moderation::db::{poll_target, record, set_hidden},
            visibility::fetch_visible,
        },
        request::Request,
    };
    let request = Request::current().await?;
    let user = request.verified_user().await?;
    if !user.is_moderator {
        return Err(AppError::NotModerator);
    }
    let poll_id = parse_poll_id(&poll_id)?;
    let poll = fetch_visible(request.db(), poll_id, Some(user)).await?;
    let db = request.db();
    let (action, next) = match action.trim() {
        "hide" => {
            set_hidden(db, poll_id, Some(request.now()))
                .await
                .or_internal("hiding a poll")?;
            ("hide", format!("/polls/{poll_id}/results?moderated=hidden"))
        }
        "unhide" => {
            set_hidden(db, poll_id, None)
                .await
                .or_internal("showing a poll again")?;
            (
                "unhide",
                format!("/polls/{poll_id}/results?moderated=shown"),
            )
        }
        "delete" => {
            confirmed(confirm.as_deref(), &poll.question)?;
            delete_poll(db, poll_id)
                .await
                .or_internal("deleting a poll")?;
            ("delete", "/?moderated=deleted".to_owned())
        }
        _ => return Err(AppError::Request),
    };
    request.state().live.poll_changed(poll_id).await;
    record(
        db,
        &user.username,
        action,
        &poll_target(&poll),
        request.now(),
    )
    .await
    .or_internal("recording a moderation action")?;
    tracing::info!(user_id = user.id, %poll_id, action, "poll moderated");
    leptos_axum::redirect(&next);
    Ok(())
}
