//! Server functions of the phone step (the work is in `flow`): what the step shows, asking
//! for a code, and, from a verified session, asking for one to a new number. All need a
//! logged-in user; a number change needs a verified session.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the phone step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneStep {
    /// The confirmed number, masked; `None` when the user must type one.
    pub masked_number: Option<String>,
}

#[server(endpoint = "load_phone_step")]
pub async fn load_phone_step() -> Result<PhoneStep, AppError> {
    use crate::{domain::PhoneNumber, request::Request};
    let request = Request::current().await?;
    let masked_number = request
        .user()?
        .phone_number
        .as_deref()
        .and_then(|n| PhoneNumber::from_trusted_e164(n).ok())
        .map(|n| n.masked());
    Ok(PhoneStep { masked_number })
}

/// Starts a verification to the user's confirmed number, or to the number typed when they
/// have none yet, and moves on to the code step.
#[server(endpoint = "send_code")]
pub async fn send_code(phone_number: Option<String>, next: String) -> Result<(), AppError> {
    use crate::domain::NextPath;
    let typed = phone_number.clone().unwrap_or_default();
    let sent = crate::two_factor::phone::flow::send_code(phone_number).await;
    kept_number_if_refused("phone", &typed, sent).await?;
    leptos_axum::redirect(&NextPath::parse(&next).attach_to("/2fa/verify"));
    Ok(())
}

/// From a verified session: sends a code to a new number, which replaces the confirmed one
/// when that code is typed on the code step.
#[server(endpoint = "start_number_change")]
pub async fn start_number_change(phone_number: String) -> Result<(), AppError> {
    let started = crate::two_factor::phone::flow::start_number_change(&phone_number).await;
    kept_number_if_refused("change_number", &phone_number, started).await?;
    leptos_axum::redirect("/2fa/verify?next=%2Faccount");
    Ok(())
}

/// `result`, with the number typed kept as what `form` held when it is a refusal (see
/// `Request::kept_if_refused`). Keeping the form must not hide why it was refused: without a
/// request to keep it in, the refusal goes back as it is.
#[cfg(feature = "ssr")]
async fn kept_number_if_refused(
    form: &str,
    typed: &str,
    result: Result<(), AppError>,
) -> Result<(), AppError> {
    use crate::{components::kept_fields::KeptFields, request::Request};
    if result.is_ok() {
        return result;
    }
    match Request::current().await {
        Ok(request) => {
            let kept = || KeptFields::of(&[("phone_number", typed)]);
            request.kept_if_refused(form, kept, result).await
        }
        Err(_) => result,
    }
}
