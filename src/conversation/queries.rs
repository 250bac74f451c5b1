//! The SQL of conversations, messages, decisions and the review queue.

use serde::Serialize;
use sqlx::Row;

use super::{Channel, ConversationId, Inbound, ReplyRecord};
use crate::chat::{Choice, Context, Reply};
use crate::knowledge::Link;
use crate::store::writes::{Step, Writes};
use crate::store::{Store, now_millis};

/// One message of a transcript.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TranscriptMessage {
    pub id: i64,
    pub direction: String,
    /// `resident`, `assistant` or `staff`.
    pub author: String,
    /// The sender's id of an inbound message, so a client can match what it sent.
    pub client_message_id: Option<String>,
    pub text: String,
    pub language: Option<String>,
    pub created_at: i64,
    pub dir: &'static str,
    pub decision: Option<String>,
    pub topic: Option<String>,
    pub intent: Option<String>,
    pub choices: Vec<Choice>,
    pub links: Vec<Link>,
}

pub async fn create(
    store: &Store,
    municipality_id: &str,
    id: ConversationId,
    channel: Channel,
) -> Result<(), sqlx::Error> {
    let mut writes = Writes::new();
    push_create(&mut writes, municipality_id, id, channel);
    store.write(writes).await.map(|_| ())
}

/// Creates a conversation with its first message in one transaction; the message's id.
pub async fn create_with_inbound(
    store: &Store,
    municipality_id: &str,
    id: ConversationId,
    inbound: &Inbound,
) -> Result<i64, sqlx::Error> {
    let mut writes = Writes::new();
    push_create(&mut writes, municipality_id, id, inbound.channel);
    let message = push_inbound(&mut writes, municipality_id, id, inbound);
    Ok(store.write(writes).await?.id(message))
}

fn push_create(writes: &mut Writes, municipality_id: &str, id: ConversationId, channel: Channel) {
    writes.push(
        "INSERT INTO conversations (id, municipality_id, channel, context, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
        vec![
            id.to_string().into(),
            municipality_id.into(),
            channel.as_str().into(),
            serde_json::to_string(&Context::default())
                .unwrap_or_default()
                .into(),
            now_millis().into(),
        ],
    );
}

fn push_inbound(
    writes: &mut Writes,
    municipality_id: &str,
    conversation: ConversationId,
    inbound: &Inbound,
) -> Step {
    writes.returning_id(
        "INSERT INTO messages (conversation_id, municipality_id, direction, author, text, client_message_id, created_at) \
         VALUES ($1, $2, 'in', 'resident', $3, $4, $5) RETURNING id",
        vec![
            conversation.to_string().into(),
            municipality_id.into(),
            inbound.text.as_str().into(),
            inbound.client_message_id.as_deref().into(),
            now_millis().into(),
        ],
    )
}

/// The stored context of a conversation of this municipality; `None` if there is none.
pub async fn context(
    store: &Store,
    municipality_id: &str,
    id: ConversationId,
) -> Result<Option<Context>, sqlx::Error> {
    let row =
        sqlx::query("SELECT context FROM conversations WHERE id = $1 AND municipality_id = $2")
            .bind(id.to_string())
            .bind(municipality_id)
            .fetch_optional(&store.pool)
            .await?;
    Ok(row.map(|row| {
        let text: String = row.get(0);
        // A context written by an older version that no longer parses starts afresh.
        serde_json::from_str(&text).unwrap_or_default()
    }))
}

pub async fn find_inbound(
    store: &Store,
    conversation: ConversationId,
    client_message_id: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id FROM messages WHERE conversation_id = $1 AND client_message_id = $2 AND direction = 'in'",
    )
    .bind(conversation.to_string())
    .bind(client_message_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.map(|row| row.get(0)))
}

pub async fn insert_inbound(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    inbound: &Inbound,
) -> Result<i64, sqlx::Error> {
    let mut writes = Writes::new();
    let message = push_inbound(&mut writes, municipality_id, conversation, inbound);
    Ok(store.write(writes).await?.id(message))
}

/// The stored reply to an inbound message, if one was stored.
pub async fn reply_to(
    store: &Store,
    inbound_id: i64,
) -> Result<Option<(i64, ReplyRecord)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT m.id, d.payload FROM messages m JOIN decisions d ON d.message_id = m.id WHERE m.reply_to = $1",
    )
    .bind(inbound_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.and_then(|row| {
        let id: i64 = row.get(0);
        let payload: String = row.get(1);
        serde_json::from_str(&payload)
            .ok()
            .map(|record| (id, record))
    }))
}

/// A reply to store: the turn's outcome and what the conversation asks of the contact
/// centre.
pub struct StoredReply<'a> {
    pub municipality_id: &'a str,
    pub conversation: ConversationId,
    pub inbound_id: i64,
    pub question: &'a str,
    pub reply: &'a Reply,
    pub record: &'a ReplyRecord,
    /// Whether the conversation asks to be handed over to a person now.
    pub hand_over: bool,
}

/// Stores the reply, its decision, a review record when staff should look, the new context
/// and any request to hand over, in one transaction; the reply's id.
pub async fn insert_reply(store: &Store, stored: StoredReply<'_>) -> Result<i64, sqlx::Error> {
    let StoredReply {
        municipality_id,
        conversation,
        inbound_id,
        question,
        reply,
        record,
        hand_over,
    } = stored;
    let now = now_millis();
    let conversation_text = conversation.to_string();
    let language = reply.language.code();
    let mut writes = Writes::new();
    writes.push(
        "UPDATE messages SET language = $1 WHERE id = $2",
        vec![language.into(), inbound_id.into()],
    );
    let reply_id = writes.returning_id(
        "INSERT INTO messages (conversation_id, municipality_id, direction, author, text, language, reply_to, created_at) \
         VALUES ($1, $2, 'out', 'assistant', $3, $4, $5, $6) RETURNING id",
        vec![
            conversation_text.as_str().into(),
            municipality_id.into(),
            reply.text.as_str().into(),
            language.into(),
            inbound_id.into(),
            now.into(),
        ],
    );
    writes.push(
        "INSERT INTO decisions (message_id, conversation_id, municipality_id, decision, topic, intent, language, \
         confidence, runner_up, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        vec![
            reply_id.into(),
            conversation_text.as_str().into(),
            municipality_id.into(),
            reply.decision.as_str().into(),
            reply.topic.as_ref().map(|t| t.to_string()).into(),
            reply.intent.map(|intent| intent.id()).into(),
            language.into(),
            f64::from(reply.confidence).into(),
            f64::from(reply.runner_up).into(),
            serde_json::to_string(record).unwrap_or_default().into(),
            now.into(),
        ],
    );
    if reply.needs_review {
        writes.push(
            "INSERT INTO unanswered (municipality_id, conversation_id, message_id, text, language, decision, \
             best_topic, confidence, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            vec![
                municipality_id.into(),
                conversation_text.as_str().into(),
                inbound_id.into(),
                question.into(),
                language.into(),
                reply.decision.as_str().into(),
                reply
                    .choices
                    .first()
                    .map(|choice| choice.topic.to_string())
                    .into(),
                f64::from(reply.confidence).into(),
                now.into(),
            ],
        );
    }
    writes.push(
        "UPDATE conversations SET context = $1, updated_at = $2 WHERE id = $3",
        vec![
            serde_json::to_string(&reply.context)
                .unwrap_or_default()
                .into(),
            now.into(),
            conversation_text.as_str().into(),
        ],
    );
    if hand_over {
        crate::handoff::push_request(&mut writes, municipality_id, conversation, now);
    }
    Ok(store.write(writes).await?.id(reply_id))
}

pub async fn transcript(
    store: &Store,
    conversation: ConversationId,
) -> Result<Vec<TranscriptMessage>, sqlx::Error> {
    messages_after(store, conversation, 0, false).await
}

/// The messages of a conversation after message `after`, all or only the outbound ones.
pub async fn messages_after(
    store: &Store,
    conversation: ConversationId,
    after: i64,
    outbound_only: bool,
) -> Result<Vec<TranscriptMessage>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT m.id, m.direction, m.text, m.language, m.created_at, d.decision, d.topic, d.intent, d.payload, \
         COALESCE(m.author, CASE WHEN m.direction = 'in' THEN 'resident' ELSE 'assistant' END), m.client_message_id \
         FROM messages m LEFT JOIN decisions d ON d.message_id = m.id \
         WHERE m.conversation_id = $1 AND m.id > $2 AND ($3 = 0 OR m.direction = 'out') ORDER BY m.id",
    )
    .bind(conversation.to_string())
    .bind(after)
    .bind(i64::from(outbound_only))
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let language: Option<String> = row.get(3);
            let payload: Option<String> = row.get(8);
            let record: Option<ReplyRecord> = payload.and_then(|p| serde_json::from_str(&p).ok());
            let rtl = language
                .as_deref()
                .and_then(crate::language::Lang::from_code)
                .is_some_and(|lang| lang.is_rtl());
            TranscriptMessage {
                id: row.get(0),
                direction: row.get(1),
                author: row.get(9),
                client_message_id: row.get(10),
                text: row.get(2),
                language,
                created_at: row.get(4),
                dir: if rtl { "rtl" } else { "ltr" },
                decision: row.get(5),
                topic: row.get(6),
                intent: row.get(7),
                choices: record
                    .as_ref()
                    .map(|r| r.choices.clone())
                    .unwrap_or_default(),
                links: record.map(|r| r.links).unwrap_or_default(),
            }
        })
        .collect())
}

/// The conversation an inbound message with this client id started, if any.
pub async fn conversation_of_client_message(
    store: &Store,
    municipality_id: &str,
    client_message_id: &str,
) -> Result<Option<ConversationId>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT conversation_id FROM messages WHERE municipality_id = $1 AND client_message_id = $2 AND direction = 'in'",
    )
    .bind(municipality_id)
    .bind(client_message_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.and_then(|row| ConversationId::parse(&row.get::<String, _>(0))))
}
