//! Fills in `users.username_skeleton` for accounts made before the column existed. The
//! skeleton is computed in Rust (Unicode TR39 tables), so a SQL migration cannot do it; this
//! runs at every start. Once the rows are filled it finds nothing to do, except the rare
//! account whose name looks like an older one's, which keeps no skeleton and is reported again.

use crate::domain::Username;
use sqlx::AnyPool;

pub async fn fill_in_missing(db: &AnyPool) -> Result<(), sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, username FROM users WHERE username_skeleton IS NULL ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    for (id, name) in rows {
        let Ok(username) = Username::parse(&name) else {
            tracing::warn!(
                user_id = id,
                "a stored username no longer parses; left as it is"
            );
            continue;
        };
        // Oldest first: when two old accounts look alike, the older keeps the skeleton and the
        // newer stays without one (it can still log in; it just cannot block anyone).
        let filled = sqlx::query(
            "UPDATE users SET username_skeleton = $1 WHERE id = $2 \
             AND NOT EXISTS (SELECT 1 FROM users WHERE username_skeleton = $3)",
        )
        .bind(username.skeleton())
        .bind(id)
        .bind(username.skeleton())
        .execute(db)
        .await;
        // A look-alike signing up on a running instance at this moment is the same collision.
        let collided = match filled {
            Ok(done) => done.rows_affected() == 0,
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => true,
            Err(other) => return Err(other),
        };
        if collided {
            tracing::warn!(
                user_id = id,
                "this account's name looks like an older one's"
            );
        }
    }
    Ok(())
}
