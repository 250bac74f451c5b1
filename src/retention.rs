//! Retention: residents' conversations are kept for a configured number of days
//! (`[privacy] retention_days`, 90 by default) and then deleted, table by table, by a
//! background job that runs at start and every hour, and by `civic-assistant retention run`.
//!
//! What goes: every message older than the limit (with the reply to it, its decision, its
//! feedback and its review record), every review record older than the limit, every outbox
//! row older than the limit, and every conversation left without messages that has not
//! changed since the limit — with its handoff and its Telegram chat mapping, so a mapping
//! never points to a missing conversation (the chat's next message starts a new one).
//! The same SQL runs on SQLite and PostgreSQL; on PostgreSQL a transaction-level advisory
//! lock lets one instance at a time do it. It does not touch staff accounts, the audit log
//! or article revisions.

use std::time::Duration;

use serde::Serialize;
use sqlx::Row;
use tokio::sync::watch;

use crate::app::App;
use crate::store::{Backend, Store, now_millis};

/// How often the job runs after the first run.
const EVERY: Duration = Duration::from_secs(60 * 60);
/// How long after start the first run waits.
const FIRST_RUN_AFTER: Duration = Duration::from_secs(60);
/// The PostgreSQL advisory lock key of the job (any constant that no other job uses).
pub const ADVISORY_LOCK_KEY: i64 = 0x6369_7669_6372_6574; // "civicret"
const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// How many rows one run deleted, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Deleted {
    pub feedback: u64,
    pub unanswered: u64,
    pub decisions: u64,
    pub messages: u64,
    pub outbox: u64,
    pub handoffs: u64,
    pub telegram_chats: u64,
    /// Exactly-once records of case and notice messages to the conversations that go.
    pub deliveries: u64,
    /// Web chats held while signed in, as links from the conversation to the resident.
    pub resident_links: u64,
    pub conversations: u64,
}

impl Deleted {
    /// Each table's count, in the order they are deleted.
    pub fn by_table(&self) -> [(&'static str, u64); 10] {
        [
            ("feedback", self.feedback),
            ("unanswered", self.unanswered),
            ("decisions", self.decisions),
            ("messages", self.messages),
            ("outbox", self.outbox),
            ("handoffs", self.handoffs),
            ("telegram_chats", self.telegram_chats),
            ("deliveries", self.deliveries),
            ("resident_links", self.resident_links),
            ("conversations", self.conversations),
        ]
    }
}

/// The oldest time (milliseconds since the epoch) that is kept when `retention_days` are.
pub fn cutoff(now_millis: i64, retention_days: u32) -> i64 {
    now_millis - i64::from(retention_days) * DAY_MILLIS
}

/// Deletes this municipality's rows older than `cutoff` (milliseconds since the epoch) in
/// one transaction. `None` when another instance is running it (PostgreSQL only).
pub async fn run_once(
    store: &Store,
    municipality_id: &str,
    cutoff: i64,
) -> Result<Option<Deleted>, sqlx::Error> {
    // On SQLite the service's writers take turns; this is one of them.
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    if store.backend == Backend::Postgres {
        // Held until the transaction ends, so a crashed run cannot leave it taken.
        let locked: bool = sqlx::query("SELECT pg_try_advisory_xact_lock($1)")
            .bind(ADVISORY_LOCK_KEY)
            .fetch_one(&mut *tx)
            .await?
            .get(0);
        if !locked {
            return Ok(None);
        }
    }
    let mut deleted = Deleted::default();
    let run = (municipality_id, cutoff);
    // Children before parents, so every count is what this job deleted (not a cascade).
    deleted.feedback = delete(
        &mut tx,
        run,
        &format!(
            "DELETE FROM feedback WHERE municipality_id = $1 AND message_id IN ({EXPIRED_MESSAGES})"
        ),
    )
    .await?;
    deleted.unanswered = delete(
        &mut tx,
        run,
        &format!(
            "DELETE FROM unanswered WHERE municipality_id = $1 \
         AND (created_at < $2 OR message_id IN ({EXPIRED_MESSAGES}))"
        ),
    )
    .await?;
    deleted.decisions = delete(&mut tx, run, &format!(
        "DELETE FROM decisions WHERE municipality_id = $1 AND message_id IN ({EXPIRED_MESSAGES})"
    ))
    .await?;
    // Replies first: a reply just younger than the limit goes with the question it answers.
    deleted.messages = delete(
        &mut tx,
        run,
        "DELETE FROM messages WHERE municipality_id = $1 AND reply_to IN \
         (SELECT id FROM messages WHERE municipality_id = $1 AND created_at < $2)",
    )
    .await?;
    deleted.messages += delete(
        &mut tx,
        run,
        "DELETE FROM messages WHERE municipality_id = $1 AND created_at < $2",
    )
    .await?;
    deleted.outbox = delete(
        &mut tx,
        run,
        "DELETE FROM outbox WHERE municipality_id = $1 AND created_at < $2",
    )
    .await?;
    deleted.handoffs = delete(&mut tx, run, &format!(
        "DELETE FROM handoffs WHERE municipality_id = $1 AND conversation_id IN ({STALE_CONVERSATIONS})"
    ))
    .await?;
    deleted.telegram_chats = delete(&mut tx, run, &format!(
        "DELETE FROM telegram_chats WHERE municipality_id = $1 AND conversation_id IN ({STALE_CONVERSATIONS})"
    ))
    .await?;
    for table in ["case_notifications", "notice_deliveries"] {
        deleted.deliveries += delete(
            &mut tx,
            run,
            &format!("DELETE FROM {table} WHERE conversation_id IN ({STALE_CONVERSATIONS})"),
        )
        .await?;
    }
    deleted.resident_links = delete(&mut tx, run, &format!(
        "DELETE FROM resident_conversations WHERE municipality_id = $1 AND conversation_id IN ({STALE_CONVERSATIONS})"
    ))
    .await?;
    deleted.conversations = delete(
        &mut tx,
        run,
        &format!(
            "DELETE FROM conversations WHERE municipality_id = $1 AND id IN ({STALE_CONVERSATIONS})"
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(deleted))
}

/// Runs one DELETE with the municipality as `$1` and the cutoff as `$2`; the rows it deleted.
async fn delete(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    (municipality_id, cutoff): (&str, i64),
    sql: &str,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql)
        .bind(municipality_id)
        .bind(cutoff)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Messages past the limit and the replies to them (`$1` municipality, `$2` cutoff).
const EXPIRED_MESSAGES: &str = "SELECT id FROM messages WHERE municipality_id = $1 AND (created_at < $2 \
     OR reply_to IN (SELECT id FROM messages WHERE municipality_id = $1 AND created_at < $2))";

/// Conversations without messages (once the expired ones are gone) that have not changed
/// since the limit. A conversation just started has no message yet but is recent.
/// A volunteer is reached in their conversation for as long as their profile exists (they
/// consented to that and delete it themselves), and a Telegram chat the resident linked to
/// Mina sidor is told of their cases until they unlink it, so such conversations stay
/// (their old messages still go). A web chat held while signed in goes like any other.
const STALE_CONVERSATIONS: &str = "SELECT c.id FROM conversations c WHERE c.municipality_id = $1 \
     AND c.updated_at < $2 AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM volunteer_profiles v WHERE v.conversation_id = c.id) \
     AND NOT EXISTS (SELECT 1 FROM resident_conversations r WHERE r.conversation_id = c.id \
     AND r.channel = 'telegram')";

/// Runs the job at start and then every hour until `shutdown` turns true.
pub async fn run_periodically(app: App, mut shutdown: watch::Receiver<bool>) {
    // The first run waits a minute: start-up, and whoever starts the service to add accounts
    // beside it, get the database to themselves first.
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + FIRST_RUN_AFTER, EVERY);
    while !*shutdown.borrow() {
        tokio::select! {
            _ = every.tick() => {},
            _ = shutdown.changed() => break,
        }
        let cutoff = cutoff(now_millis(), app.safeguards().retention_days);
        for municipality in app.tenant_ids() {
            match run_once(app.store(), &municipality, cutoff).await {
                Ok(Some(deleted)) => report(&deleted),
                Ok(None) => tracing::debug!("retention is running on another instance"),
                // The next run tries again; nothing is half-deleted (one transaction).
                Err(error) => tracing::warn!(error = %error, "retention run failed"),
            }
        }
    }
}

/// Logs a run and hands its counts to the metrics.
pub fn report(deleted: &Deleted) {
    let total: u64 = deleted.by_table().iter().map(|(_, count)| count).sum();
    if total > 0 {
        tracing::info!(?deleted, "retention deleted rows past the limit");
    }
    for (kind, count) in deleted.by_table() {
        record_deleted(kind, count);
    }
}

/// The one place retention counts reach the metrics.
fn record_deleted(kind: &str, count: u64) {
    crate::metrics::record_retention_deleted(kind, count);
}
