//! "Connect Telegram": a one-time code shown on Mina sidor as the deep link
//! `https://t.me/<bot>?start=link-<code>`; `/start link-<code>` in Telegram links that chat
//! to the resident. A code works once and for ten minutes; only its hash is stored.

use sqlx::Row;

use super::ResidentKey;
use crate::staff::accounts::{random_token, token_hash};
use crate::store::{Store, now_millis};

/// How long a code may wait for Telegram.
pub const CODE_MILLIS: i64 = 10 * 60 * 1000;

/// A new code for the resident.
pub async fn new_code(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
) -> Result<String, sqlx::Error> {
    // Telegram's start parameter allows 64 characters of A–Z a–z 0–9 _ -.
    let code = random_token()[..32].to_string();
    let now = now_millis();
    let _turn = store.write_turn().await;
    sqlx::query("DELETE FROM telegram_link_codes WHERE expires_at <= $1")
        .bind(now - CODE_MILLIS)
        .execute(&store.pool)
        .await?;
    sqlx::query(
        "INSERT INTO telegram_link_codes (code_hash, municipality_id, resident_key, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&code))
    .bind(municipality_id)
    .bind(key.as_str())
    .bind(now)
    .bind(now + CODE_MILLIS)
    .execute(&store.pool)
    .await?;
    Ok(code)
}

/// Uses a code: the resident it was made for, or `None` when it is unknown, used or expired.
pub async fn redeem(
    store: &Store,
    municipality_id: &str,
    code: &str,
) -> Result<Option<ResidentKey>, sqlx::Error> {
    let now = now_millis();
    let _turn = store.write_turn().await;
    // One statement marks the code used and reads it, so two chats cannot both use it.
    let row = sqlx::query(
        "UPDATE telegram_link_codes SET used_at = $1 \
         WHERE code_hash = $2 AND municipality_id = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING resident_key",
    )
    .bind(now)
    .bind(token_hash(code))
    .bind(municipality_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.map(|row| ResidentKey::from_stored(row.get(0))))
}

/// A linking command from a Telegram chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/start link-<code>`.
    Link(String),
    /// `/unlink`.
    Unlink,
}

/// Carries out `command` for the chat's conversation and says what happened.
pub async fn take_turn(
    store: &Store,
    assistant: &crate::chat::Assistant,
    conversation: crate::conversation::ConversationId,
    command: &Command,
    reply: crate::chat::Reply,
) -> Result<crate::chat::Reply, sqlx::Error> {
    use crate::conversation::Channel;
    let municipality = &assistant.municipality.id;
    let key = match command {
        Command::Link(code) => match redeem(store, municipality, code).await? {
            Some(resident) => {
                // A chat speaks for one resident: a new link replaces an old one.
                super::unlink_conversation(store, municipality, conversation).await?;
                super::link_conversation(
                    store,
                    municipality,
                    conversation,
                    &resident,
                    Channel::Telegram,
                )
                .await?;
                "telegram-linked"
            }
            None => "telegram-link-invalid",
        },
        Command::Unlink => {
            if super::unlink_conversation(store, municipality, conversation).await? {
                "telegram-unlinked"
            } else {
                "telegram-not-linked"
            }
        }
    };
    Ok(crate::chat::Reply {
        text: assistant.locales.text(reply.language, key, &[]),
        decision: crate::chat::Decision::Answer,
        topic: None,
        intent: None,
        choices: Vec::new(),
        links: Vec::new(),
        ..reply
    })
}
