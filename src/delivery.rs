//! Messages the resident did not ask for in this turn — an agent's reply, a coordinator's
//! answer to a volunteer — stored in the conversation and delivered in its channel: the web
//! stream reads the store (and is woken on this instance), Telegram gets them through the
//! durable outbox, so a crash after storing still delivers.

use sqlx::Row;

use crate::app::App;
use crate::conversation::ConversationId;
use crate::store::{Store, now_millis};

/// Who wrote the message, as the transcript shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// A member of staff (a handoff reply).
    Staff,
    /// The assistant on the portal's behalf (a coordinator's answer, a notice).
    Assistant,
}

/// `deliver` without waking this instance's live streams: for the command line, where no
/// service runs; the streams of a running service find the message when they poll.
pub async fn deliver_stored(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    author: Author,
    text: &str,
    language: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let message = Outbound {
        municipality_id,
        conversation,
        author,
        text,
        language,
    };
    let message_id = store_in(&mut tx, message).await?;
    tx.commit().await?;
    Ok(message_id)
}

/// A message to store and deliver.
#[derive(Debug, Clone, Copy)]
pub struct Outbound<'a> {
    pub municipality_id: &'a str,
    pub conversation: ConversationId,
    pub author: Author,
    pub text: &'a str,
    pub language: Option<&'a str>,
}

/// Stores the message and, for a Telegram conversation, its outbox rows, on `connection`:
/// the caller's transaction, so that what made the message due (a claimed notification, a
/// coordinator's decision) and the message commit together or not at all, and a crash in
/// between neither loses the message nor sends it twice.
pub async fn store_in(
    connection: &mut sqlx::AnyConnection,
    message: Outbound<'_>,
) -> Result<i64, sqlx::Error> {
    let now = now_millis();
    let conversation = message.conversation.to_string();
    let message_id: i64 = sqlx::query(
        "INSERT INTO messages (conversation_id, municipality_id, direction, author, text, language, created_at) \
         VALUES ($1, $2, 'out', $3, $4, $5, $6) RETURNING id",
    )
    .bind(&conversation)
    .bind(message.municipality_id)
    .bind(message.author.as_str())
    .bind(message.text)
    .bind(message.language)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?
    .get(0);
    sqlx::query("UPDATE conversations SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(&conversation)
        .execute(&mut *connection)
        .await?;
    let chat = sqlx::query("SELECT chat_id FROM telegram_chats WHERE conversation_id = $1")
        .bind(&conversation)
        .fetch_optional(&mut *connection)
        .await?;
    if let Some(row) = chat {
        let queued = crate::outbox::Queued {
            municipality_id: message.municipality_id,
            channel: "telegram",
            chat_id: row.get(0),
            message_id,
        };
        let parts = crate::channels::telegram::text_payloads(message.text);
        crate::outbox::enqueue_in(connection, queued, &parts).await?;
    }
    Ok(message_id)
}

/// What a message is sent once for: a case's status change or a notice, to each
/// conversation. Its row (keyed by the cause and the conversation) is the claim.
#[derive(Debug, Clone, Copy)]
pub enum Once {
    /// A row of `case_status_history`.
    CaseStatus(i64),
    /// A row of `notices`.
    Notice(i64),
}

impl Once {
    /// The table of claims and the column of the cause.
    fn table(self) -> (&'static str, &'static str, i64) {
        match self {
            Once::CaseStatus(id) => ("case_notifications", "history_id", id),
            Once::Notice(id) => ("notice_deliveries", "notice_id", id),
        }
    }
}

/// Stores and queues `message` unless `once` was already told to its conversation; the
/// claim, the message and its outbox rows commit together, so it is told exactly once and
/// never claimed without the message. The message id, or `None` when told before.
pub async fn deliver_once(
    store: &Store,
    once: Once,
    message: Outbound<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    let (table, cause, id) = once.table();
    let conversation = message.conversation.to_string();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let claimed = sqlx::query(&format!(
        "INSERT INTO {table} ({cause}, conversation_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT ({cause}, conversation_id) DO NOTHING"
    ))
    .bind(id)
    .bind(&conversation)
    .bind(now_millis())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        return Ok(None);
    }
    let message_id = store_in(&mut tx, message).await?;
    sqlx::query(&format!(
        "UPDATE {table} SET message_id = $1 WHERE {cause} = $2 AND conversation_id = $3"
    ))
    .bind(message_id)
    .bind(id)
    .bind(&conversation)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(message_id))
}

impl Author {
    fn as_str(self) -> &'static str {
        match self {
            Author::Staff => "staff",
            Author::Assistant => "assistant",
        }
    }
}

/// Stores `text` as an outbound message of `conversation` and delivers it; returns the
/// message id.
pub async fn deliver(
    app: &App,
    municipality_id: &str,
    conversation: ConversationId,
    author: Author,
    text: &str,
    language: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let message_id = deliver_stored(
        app.store(),
        municipality_id,
        conversation,
        author,
        text,
        language,
    )
    .await?;
    app.notify(conversation);
    Ok(message_id)
}
