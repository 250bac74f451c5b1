//! Residents' thumbs up and down on the assistant's replies. A thumbs down puts the question
//! that was answered into the review queue, next to the unanswered ones.

use sqlx::Row;

use crate::conversation::ConversationId;
use crate::store::{Store, now_millis};

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Up,
    Down,
}

impl Rating {
    fn as_str(self) -> &'static str {
        match self {
            Rating::Up => "up",
            Rating::Down => "down",
        }
    }
}

/// Feedback that cannot be recorded.
#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    #[error("no such reply in this conversation")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Records `rating` on the reply `message_id` of `conversation`; the last rating counts.
pub async fn record(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    message_id: i64,
    rating: Rating,
) -> Result<(), FeedbackError> {
    let conversation_text = conversation.to_string();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let reply = sqlx::query(
        "SELECT q.id, q.text, COALESCE(q.language, ''), d.topic, d.confidence FROM messages m \
         JOIN messages q ON q.id = m.reply_to \
         JOIN conversations c ON c.id = m.conversation_id \
         LEFT JOIN decisions d ON d.message_id = m.id \
         WHERE m.id = $1 AND m.conversation_id = $2 AND m.direction = 'out' AND c.municipality_id = $3",
    )
    .bind(message_id)
    .bind(&conversation_text)
    .bind(municipality_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(FeedbackError::NotFound)?;
    let now = now_millis();
    sqlx::query(
        "INSERT INTO feedback (message_id, conversation_id, municipality_id, rating, created_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at",
    )
    .bind(message_id)
    .bind(&conversation_text)
    .bind(municipality_id)
    .bind(rating.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if rating == Rating::Down {
        let question_id: i64 = reply.get(0);
        let already: Option<i64> = sqlx::query(
            "SELECT id FROM unanswered WHERE message_id = $1 AND decision = 'thumbs-down'",
        )
        .bind(question_id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.get(0));
        if already.is_none() {
            sqlx::query(
                "INSERT INTO unanswered (municipality_id, conversation_id, message_id, text, language, decision, \
                 best_topic, confidence, created_at) VALUES ($1, $2, $3, $4, $5, 'thumbs-down', $6, $7, $8)",
            )
            .bind(municipality_id)
            .bind(&conversation_text)
            .bind(question_id)
            .bind(reply.get::<String, _>(1))
            .bind(reply.get::<String, _>(2))
            .bind(reply.get::<Option<String>, _>(3))
            .bind(reply.get::<Option<f64>, _>(4).unwrap_or(0.0))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
