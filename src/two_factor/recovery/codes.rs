//! (ssr) Recovery codes: ten one-time codes shown once when a number is first confirmed, so a
//! person who loses their phone can still verify a session. Stored as SHA-256 hashes.

use rand::{distributions::Uniform, Rng};
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

pub const CODES_PER_SET: usize = 10;
/// Unambiguous characters (no 0/O, 1/I/L): 10 of them give about 49 bits.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LEN: usize = 10;

/// `ABCDE-FGHJK`
fn new_code() -> String {
    let mut rng = rand::thread_rng();
    let pick = Uniform::from(0..ALPHABET.len());
    let raw: String = (0..CODE_LEN)
        .map(|_| ALPHABET[rng.sample(pick)] as char)
        .collect();
    format!("{}-{}", &raw[..5], &raw[5..])
}

/// The form a typed code is compared in: case, spaces and dashes do not matter.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn hash(normalised: &str) -> String {
    Sha256::digest(normalised.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Replaces the user's codes with a new set and returns it, in clear, to be shown once.
pub async fn replace_codes(
    db: &AnyPool,
    user_id: i64,
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let codes: Vec<String> = (0..CODES_PER_SET).map(|_| new_code()).collect();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for code in &codes {
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(hash(&normalise(code)))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// Spends `typed` if it is one of the user's unused codes. One statement, so the same code
/// sent twice at once is spent once.
pub async fn spend_code(
    db: &AnyPool,
    user_id: i64,
    typed: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let normalised = normalise(typed);
    if normalised.len() != CODE_LEN {
        return Ok(false);
    }
    let done = sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .bind(hash(&normalised))
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count_unused(db: &AnyPool, user_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .fetch_one(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_unambiguous_characters_in_two_groups() {
        for _ in 0..100 {
            let code = new_code();
            assert_eq!(code.len(), 11);
            assert_eq!(&code[5..6], "-");
            assert!(normalise(&code).bytes().all(|b| ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn typed_codes_ignore_case_spaces_and_dashes() {
        assert_eq!(normalise(" abcde-fghjk "), "ABCDEFGHJK");
        assert_eq!(normalise("ABCDE FGHJK"), "ABCDEFGHJK");
        assert_eq!(hash(&normalise("abcde-fghjk")), hash("ABCDEFGHJK"));
    }
}
