//! argon2id hashing, run through `PasswordWork` (threads of its own, a bounded number at
//! once) so a slow hash never stalls other requests and a crowd cannot exhaust memory.

use crate::server::password_work::{Busy, PasswordWork};
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use std::sync::LazyLock;

/// A real hash of a throwaway password: checking a login for an unknown username against it
/// costs as much as a real check, so response time does not reveal which usernames exist.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("not a real password").unwrap_or_default());

fn hash_now(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

pub async fn hash(work: &PasswordWork, password: String) -> Result<String, HashError> {
    work.run(move || hash_now(&password).map_err(|_| HashError::Failed))
        .await
        .map_err(HashError::Busy)?
}

/// True when `password` matches `stored`; with no stored hash, burns the same time and fails.
pub async fn verify(
    work: &PasswordWork,
    password: String,
    stored: Option<String>,
) -> Result<bool, Busy> {
    work.run(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && known
    })
    .await
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("password hashing failed")]
    Failed,
    #[error(transparent)]
    Busy(#[from] Busy),
}
