//! The 2FA session bucket: one key holding the user it belongs to, the pending Verify request,
//! and when this session was verified. Every read compares the user id, so a bucket left by
//! another user (or a stale login) is treated as empty.

use crate::{domain::PhoneNumber, verify::RequestId};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tower_sessions::Session;

const KEY: &str = "pollstr.two_factor";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PendingVerification {
    pub request_id: RequestId,
    /// Becomes the user's confirmed number once the code checks out.
    pub phone_number: PhoneNumber,
    pub started_at: i64,
    /// The code will replace the account's confirmed number (asked from a verified session).
    #[serde(default)]
    pub change_number: bool,
    /// The account's phone epoch when the request started; a request from before the number
    /// was set or changed is stale. (Missing in buckets written before it existed: stale.)
    #[serde(default)]
    pub phone_epoch: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Bucket {
    user_id: i64,
    pending: Option<PendingVerification>,
    verified_at: Option<i64>,
}

pub struct TwoFactorState<'a> {
    session: &'a Session,
    user_id: i64,
}

impl<'a> TwoFactorState<'a> {
    pub fn new(session: &'a Session, user_id: i64) -> Self {
        Self { session, user_id }
    }

    async fn bucket(&self) -> Result<Bucket, tower_sessions::session::Error> {
        let stored: Option<Bucket> = self.session.get(KEY).await?;
        Ok(stored
            .filter(|b| b.user_id == self.user_id)
            .unwrap_or(Bucket {
                user_id: self.user_id,
                pending: None,
                verified_at: None,
            }))
    }

    async fn store(&self, bucket: &Bucket) -> Result<(), tower_sessions::session::Error> {
        self.session.insert(KEY, bucket).await
    }

    /// Verified for this user, within `max_age` of `now` (the app clock).
    pub async fn is_verified(
        &self,
        max_age: Duration,
        now: i64,
    ) -> Result<bool, tower_sessions::session::Error> {
        let bucket = self.bucket().await?;
        Ok(bucket
            .verified_at
            .is_some_and(|at| now.saturating_sub(at) < max_age.as_secs() as i64))
    }

    pub async fn pending(
        &self,
    ) -> Result<Option<PendingVerification>, tower_sessions::session::Error> {
        Ok(self.bucket().await?.pending)
    }

    pub async fn set_pending(
        &self,
        pending: PendingVerification,
    ) -> Result<(), tower_sessions::session::Error> {
        let mut bucket = self.bucket().await?;
        bucket.pending = Some(pending);
        self.store(&bucket).await
    }

    /// Drops the pending request (it failed for good) without touching the verified mark.
    pub async fn clear_pending(&self) -> Result<(), tower_sessions::session::Error> {
        let mut bucket = self.bucket().await?;
        bucket.pending = None;
        self.store(&bucket).await
    }

    /// Until when this session stays verified, in Unix seconds.
    pub async fn verified_until(
        &self,
        max_age: Duration,
        now: i64,
    ) -> Result<Option<i64>, tower_sessions::session::Error> {
        let bucket = self.bucket().await?;
        Ok(bucket
            .verified_at
            .map(|at| at + max_age.as_secs() as i64)
            .filter(|until| *until > now))
    }

    /// Marks this session verified as of `now`, with no pending request. Callers first give
    /// the session a new id (`SessionBackend::rotate_id`), so an id seen before verification
    /// (by a shoulder-surfer or a fixation attack) is worth nothing after it.
    pub async fn mark_verified(&self, now: i64) -> Result<(), tower_sessions::session::Error> {
        let bucket = Bucket {
            user_id: self.user_id,
            pending: None,
            verified_at: Some(now),
        };
        self.store(&bucket).await
    }
}

const FRESH_RECOVERY_CODES_KEY: &str = "pollstr.fresh_recovery_codes";

/// How long new recovery codes wait in the session for the page that shows them. The page is
/// where the first good code leads, so this only matters when nobody goes there: later they
/// are not shown, and they leave the session the next time the page asks (or at logout).
const FRESH_RECOVERY_CODES_TTL_SECS: i64 = 600;

/// New recovery codes waiting to be shown, once, to the user they belong to.
#[derive(Serialize, Deserialize)]
struct FreshRecoveryCodes {
    user_id: i64,
    codes: Vec<String>,
    #[serde(default)]
    stashed_at: i64,
}

pub async fn stash_fresh_recovery_codes(
    session: &Session,
    user_id: i64,
    codes: Vec<String>,
    now: i64,
) -> Result<(), tower_sessions::session::Error> {
    session
        .insert(
            FRESH_RECOVERY_CODES_KEY,
            FreshRecoveryCodes {
                user_id,
                codes,
                stashed_at: now,
            },
        )
        .await
}

/// The codes, if any are waiting for this user and are recent; they are gone from the
/// session afterwards, whoever asked.
pub async fn take_fresh_recovery_codes(
    session: &Session,
    user_id: i64,
    now: i64,
) -> Result<Vec<String>, tower_sessions::session::Error> {
    let fresh: Option<FreshRecoveryCodes> = session.remove(FRESH_RECOVERY_CODES_KEY).await?;
    Ok(fresh
        .filter(|f| f.user_id == user_id && now - f.stashed_at <= FRESH_RECOVERY_CODES_TTL_SECS)
        .map(|f| f.codes)
        .unwrap_or_default())
}
