//! (ssr) The guard's 2FA half: a logged-in user whose session is verified. Every vote-related
//! server function calls `request.verified_user()`; pages redirect on its errors, but the
//! server functions are what enforce it.

use super::state::TwoFactorState;
use crate::{
    accounts::backend::User,
    error::{AppError, OrInternal},
    request::Request,
};

impl Request {
    /// The logged-in user whose session is verified (within `TWO_FACTOR_MAX_AGE` on the app
    /// clock), or `NotLoggedIn` / `NotVerified`.
    pub async fn verified_user(&self) -> Result<&User, AppError> {
        let user = self.user()?;
        let verified = TwoFactorState::new(self.session(), user.id)
            .is_verified(self.state().two_factor_max_age, self.now())
            .await
            .or_internal("reading the 2FA session state")?;
        if verified {
            Ok(user)
        } else {
            Err(AppError::NotVerified)
        }
    }
}
