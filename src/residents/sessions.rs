//! Resident sessions: the cookie carries a random token, the database only its SHA-256.
//! A session lasts an hour from sign-in; signing out deletes it.

use sqlx::Row;

use super::{Resident, ResidentKey};
use crate::staff::accounts::{random_token, token_hash};
use crate::store::{Store, now_millis};

/// How long a resident stays signed in.
pub const SESSION_MILLIS: i64 = 60 * 60 * 1000;

/// Opens a session and returns the cookie token.
pub async fn open(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
    demo: bool,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    let now = now_millis();
    let _turn = store.write_turn().await;
    // Expired sessions are cleared as new ones open, so the table does not grow.
    sqlx::query("DELETE FROM resident_sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&store.pool)
        .await?;
    sqlx::query(
        "INSERT INTO resident_sessions (token_hash, municipality_id, resident_key, csrf_token, demo, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(token_hash(&token))
    .bind(municipality_id)
    .bind(key.as_str())
    .bind(random_token())
    .bind(i64::from(demo))
    .bind(now)
    .bind(now + SESSION_MILLIS)
    .execute(&store.pool)
    .await?;
    Ok(token)
}

/// The resident of a live session.
pub async fn resident(
    store: &Store,
    municipality_id: &str,
    token: &str,
) -> Result<Option<Resident>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT resident_key, csrf_token, demo FROM resident_sessions \
         WHERE token_hash = $1 AND municipality_id = $2 AND expires_at > $3",
    )
    .bind(token_hash(token))
    .bind(municipality_id)
    .bind(now_millis())
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.map(|row| Resident {
        key: ResidentKey::from_stored(row.get(0)),
        csrf_token: row.get(1),
        demo: row.get::<i64, _>(2) != 0,
    }))
}

/// Signs out: the session is gone. Only the municipality's own: another's session is not
/// this municipality's to end.
pub async fn close(store: &Store, municipality_id: &str, token: &str) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query("DELETE FROM resident_sessions WHERE token_hash = $1 AND municipality_id = $2")
        .bind(token_hash(token))
        .bind(municipality_id)
        .execute(&store.pool)
        .await
        .map(|_| ())
}
