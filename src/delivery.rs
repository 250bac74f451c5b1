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
    let message_id =
        store_message(store, municipality_id, conversation, author, text, language).await?;
    if let Some(chat_id) = telegram_chat(store, conversation).await? {
        let payloads = crate::channels::telegram::text_payloads(text);
        crate::outbox::enqueue(
            store,
            municipality_id,
            "telegram",
            chat_id,
            message_id,
            &payloads,
        )
        .await?;
    }
    Ok(message_id)
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

async fn store_message(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    author: Author,
    text: &str,
    language: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let now = now_millis();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let row = sqlx::query(
        "INSERT INTO messages (conversation_id, municipality_id, direction, author, text, language, created_at) \
         VALUES ($1, $2, 'out', $3, $4, $5, $6) RETURNING id",
    )
    .bind(conversation.to_string())
    .bind(municipality_id)
    .bind(author.as_str())
    .bind(text)
    .bind(language)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE conversations SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(conversation.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(row.get(0))
}

/// The Telegram chat of a conversation, if it is one.
async fn telegram_chat(
    store: &Store,
    conversation: ConversationId,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query("SELECT chat_id FROM telegram_chats WHERE conversation_id = $1")
        .bind(conversation.to_string())
        .fetch_optional(&store.pool)
        .await?;
    Ok(row.map(|row| row.get(0)))
}
