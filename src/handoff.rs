//! Conversations handed to a person: the resident asked for one (or the assistant offered
//! one); an agent takes the conversation, answers in the resident's own channel, and hands it
//! back to the assistant or closes it.

use serde::Serialize;
use sqlx::Row;

use crate::conversation::ConversationId;
use crate::store::writes::Writes;
use crate::store::{Store, now_millis};

/// Where a handoff stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting in the inbox; the assistant keeps answering meanwhile.
    Waiting,
    /// An agent has it; the assistant stays quiet.
    Taken,
    Closed,
}

impl Status {
    fn parse(text: &str) -> Status {
        match text {
            "taken" => Status::Taken,
            "closed" => Status::Closed,
            _ => Status::Waiting,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Taken => "taken",
            Status::Closed => "closed",
        }
    }
}

/// One line of the inbox.
#[derive(Debug, Clone, Serialize)]
pub struct Handoff {
    pub conversation_id: String,
    pub status: Status,
    pub channel: String,
    pub language: Option<String>,
    pub agent_id: Option<i64>,
    pub requested_at: i64,
    pub last_message: String,
}

/// Puts the conversation in the inbox (again, if it was closed).
pub async fn request(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<(), sqlx::Error> {
    let mut writes = Writes::new();
    push_request(&mut writes, municipality_id, conversation, now_millis());
    store.write(writes).await.map(|_| ())
}

/// `request` as part of a larger transaction (the turn that asked for a person).
pub fn push_request(
    writes: &mut Writes,
    municipality_id: &str,
    conversation: ConversationId,
    now: i64,
) {
    writes.push(
        "INSERT INTO handoffs (conversation_id, municipality_id, status, requested_at, updated_at) \
         VALUES ($1, $2, 'waiting', $3, $3) \
         ON CONFLICT (conversation_id) DO UPDATE SET status = 'waiting', agent_id = NULL, requested_at = $3, updated_at = $3 \
         WHERE handoffs.status = 'closed'",
        vec![
            conversation.to_string().into(),
            municipality_id.into(),
            now.into(),
        ],
    );
}

/// The handoff state of a conversation, if it was ever handed over.
pub async fn status(
    store: &Store,
    conversation: ConversationId,
) -> Result<Option<Status>, sqlx::Error> {
    let row = sqlx::query("SELECT status FROM handoffs WHERE conversation_id = $1")
        .bind(conversation.to_string())
        .fetch_optional(&store.pool)
        .await?;
    Ok(row.map(|row| Status::parse(&row.get::<String, _>(0))))
}

/// Moves a handoff of this municipality to `status` (taken by `agent_id`, handed back, closed).
pub async fn set_status(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    status: Status,
    agent_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let _turn = store.write_turn().await;
    let result = sqlx::query(
        "UPDATE handoffs SET status = $1, agent_id = $2, updated_at = $3 WHERE conversation_id = $4 AND municipality_id = $5",
    )
    .bind(status.as_str())
    .bind(agent_id)
    .bind(now_millis())
    .bind(conversation.to_string())
    .bind(municipality_id)
    .execute(&store.pool)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// The open handoffs, oldest request first.
pub async fn inbox(store: &Store, municipality_id: &str) -> Result<Vec<Handoff>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT h.conversation_id, h.status, c.channel, h.agent_id, h.requested_at, \
         (SELECT m.text FROM messages m WHERE m.conversation_id = h.conversation_id AND m.direction = 'in' ORDER BY m.id DESC LIMIT 1), \
         (SELECT m.language FROM messages m WHERE m.conversation_id = h.conversation_id AND m.direction = 'in' AND m.language IS NOT NULL ORDER BY m.id DESC LIMIT 1) \
         FROM handoffs h JOIN conversations c ON c.id = h.conversation_id \
         WHERE h.municipality_id = $1 AND h.status <> 'closed' ORDER BY h.requested_at",
    )
    .bind(municipality_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Handoff {
            conversation_id: row.get(0),
            status: Status::parse(&row.get::<String, _>(1)),
            channel: row.get(2),
            agent_id: row.get(3),
            requested_at: row.get(4),
            last_message: row.get::<Option<String>, _>(5).unwrap_or_default(),
            language: row.get(6),
        })
        .collect())
}
