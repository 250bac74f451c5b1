//! The durable outbox: every message to a channel is stored before it is sent, and a channel
//! sender delivers the rows in order per chat, with retry and backoff. A reply computed
//! before a crash is still delivered after it.

use sqlx::Row;

use crate::store::{Store, now_millis};

/// One message waiting to be sent.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub chat_id: i64,
    pub message_id: i64,
    pub part: i64,
    /// The channel's rendering of the part, as JSON.
    pub payload: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
}

/// Stores the parts of one reply for `chat_id` on `channel`; storing the same reply again
/// changes nothing, so a replayed update does not send twice.
pub async fn enqueue(
    store: &Store,
    municipality_id: &str,
    channel: &str,
    chat_id: i64,
    message_id: i64,
    parts: &[String],
) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let queued = Queued {
        municipality_id,
        channel,
        chat_id,
        message_id,
    };
    enqueue_in(&mut tx, queued, parts).await?;
    tx.commit().await
}

/// Where the parts of one message go.
#[derive(Debug, Clone, Copy)]
pub struct Queued<'a> {
    pub municipality_id: &'a str,
    pub channel: &'a str,
    pub chat_id: i64,
    pub message_id: i64,
}

/// `enqueue` inside the caller's transaction, so the message and its outbox rows are stored
/// together or not at all.
pub async fn enqueue_in(
    connection: &mut sqlx::AnyConnection,
    queued: Queued<'_>,
    parts: &[String],
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    for (part, payload) in parts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO outbox (municipality_id, channel, chat_id, message_id, part, payload, status, attempts, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7) \
             ON CONFLICT (channel, message_id, part) DO NOTHING",
        )
        .bind(queued.municipality_id)
        .bind(queued.channel)
        .bind(queued.chat_id)
        .bind(queued.message_id)
        .bind(part as i64)
        .bind(payload)
        .bind(now)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// The oldest pending rows of `channel`, due or not, in the order they must be sent.
pub async fn pending(
    store: &Store,
    municipality_id: &str,
    channel: &str,
    limit: i64,
) -> Result<Vec<OutboxRow>, sqlx::Error> {
    // Each municipality has its own bot, which sends only its own rows.
    let rows = sqlx::query(
        "SELECT id, chat_id, message_id, part, payload, attempts, next_attempt_at FROM outbox \
         WHERE municipality_id = $1 AND channel = $2 AND status = 'pending' ORDER BY id LIMIT $3",
    )
    .bind(municipality_id)
    .bind(channel)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxRow {
            id: row.get(0),
            chat_id: row.get(1),
            message_id: row.get(2),
            part: row.get(3),
            payload: row.get(4),
            attempts: row.get(5),
            next_attempt_at: row.get(6),
        })
        .collect())
}

pub async fn mark_sent(store: &Store, id: i64) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1 WHERE id = $2",
    )
    .bind(now_millis())
    .bind(id)
    .execute(&store.pool)
    .await
    .map(|_| ())
}

/// Tries the row again at `at` (milliseconds since the epoch).
pub async fn retry_at(store: &Store, id: i64, at: i64, error: &str) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3")
        .bind(at)
        .bind(error)
        .bind(id)
        .execute(&store.pool)
        .await
        .map(|_| ())
}

/// Gives the row up: the channel refused it for good.
pub async fn mark_failed(store: &Store, id: i64, error: &str) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $1 WHERE id = $2")
        .bind(error)
        .bind(id)
        .execute(&store.pool)
        .await
        .map(|_| ())
}

/// How many rows wait to be sent.
pub async fn depth(store: &Store) -> Result<i64, sqlx::Error> {
    Ok(
        sqlx::query("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
            .fetch_one(&store.pool)
            .await?
            .get(0),
    )
}
