//! Residents signed in to Mina sidor: who they are (the keyed hash of their personnummer,
//! never the number), their sessions, the e-ID sign-in (OpenID Connect), the demo residents,
//! and the conversations that speak for them (a web chat held while signed in, a linked
//! Telegram chat). Pages are `mina_sidor`; what residents own is `cases` and `notices`.

pub mod demo;
pub mod oidc;
pub mod personal_number;
pub mod privacy;
pub mod sessions;
pub mod telegram_link;

pub use personal_number::{Keyring, PersonalNumber, ResidentKey};

use sqlx::Row;

use crate::conversation::{Channel, ConversationId};
use crate::language::Lang;
use crate::store::{Store, now_millis};

/// How residents sign in, from the command line or the environment.
#[derive(Debug, Clone, Default)]
pub struct ResidentSettings {
    /// The default municipality's e-ID broker; its own `[e_id]` (or no e-ID sign-in) when
    /// absent. Other municipalities have theirs in their own configuration.
    pub oidc: Option<oidc::OidcSettings>,
    /// The secret of the keyed hash of personal identity numbers; kept in the data
    /// directory when not configured.
    pub key_secret: Option<String>,
}

/// What the service needs to know residents of every municipality: the key secret and
/// demo mode. Each municipality's e-ID broker is its own (`App::e_id`).
pub struct Residents {
    pub keyring: Keyring,
    /// Fictional demo residents may sign in without e-ID (`serve --demo`).
    pub demo: bool,
}

/// The e-ID broker of `municipality`: the operator's settings (`flags`, given for the
/// default municipality only) when there are some, else the municipality's own `[e_id]`
/// with its secret read; `None` when it has neither, and then it offers no e-ID sign-in.
/// A municipality never falls back to another's broker: its redirect URL and client belong
/// to the other municipality, and a sign-in there would make a session there.
pub fn e_id_settings(
    municipality: &crate::config::Municipality,
    flags: Option<&oidc::OidcSettings>,
) -> Result<Option<oidc::OidcSettings>, String> {
    match (flags, &municipality.e_id) {
        (Some(flags), _) => Ok(Some(flags.clone())),
        (None, Some(config)) => config.settings().map(Some),
        (None, None) => Ok(None),
    }
}

/// A signed-in resident.
#[derive(Debug, Clone)]
pub struct Resident {
    pub key: ResidentKey,
    /// The session's token for forms.
    pub csrf_token: String,
    /// A fictional demo resident: every page says "Demo".
    pub demo: bool,
}

/// Records the resident and the language they last used (for notifications).
pub async fn remember(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
    language: Lang,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    let _turn = store.write_turn().await;
    sqlx::query(
        "INSERT INTO residents (municipality_id, resident_key, language, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (municipality_id, resident_key) \
         DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at",
    )
    .bind(municipality_id)
    .bind(key.as_str())
    .bind(language.code())
    .bind(now)
    .execute(&store.pool)
    .await
    .map(|_| ())
}

/// The language to tell a resident things in: the one they last used, if known.
pub async fn language(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
) -> Result<Option<Lang>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT language FROM residents WHERE municipality_id = $1 AND resident_key = $2",
    )
    .bind(municipality_id)
    .bind(key.as_str())
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.and_then(|row| Lang::from_code(&row.get::<String, _>(0))))
}

/// The resident a conversation speaks for, if any.
pub async fn of_conversation(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<Option<ResidentKey>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT resident_key FROM resident_conversations WHERE municipality_id = $1 AND conversation_id = $2",
    )
    .bind(municipality_id)
    .bind(conversation.to_string())
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.map(|row| ResidentKey::from_stored(row.get(0))))
}

/// Links a conversation to a resident; a conversation already linked to someone else is
/// left alone and `false` returned.
pub async fn link_conversation(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    key: &ResidentKey,
    channel: Channel,
) -> Result<bool, sqlx::Error> {
    {
        let _turn = store.write_turn().await;
        sqlx::query(
            "INSERT INTO resident_conversations (conversation_id, municipality_id, resident_key, channel, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id) DO NOTHING",
        )
        .bind(conversation.to_string())
        .bind(municipality_id)
        .bind(key.as_str())
        .bind(channel.as_str())
        .bind(now_millis())
        .execute(&store.pool)
        .await?;
    }
    Ok(of_conversation(store, municipality_id, conversation)
        .await?
        .as_ref()
        == Some(key))
}

/// Unlinks a resident's conversations of one channel; returns how many.
pub async fn unlink_channel(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
    channel: Channel,
) -> Result<u64, sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query(
        "DELETE FROM resident_conversations WHERE municipality_id = $1 AND resident_key = $2 AND channel = $3",
    )
    .bind(municipality_id)
    .bind(key.as_str())
    .bind(channel.as_str())
    .execute(&store.pool)
    .await
    .map(|done| done.rows_affected())
}

/// Unlinks one conversation (`/unlink` in Telegram); whether it was linked.
pub async fn unlink_conversation(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<bool, sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query(
        "DELETE FROM resident_conversations WHERE municipality_id = $1 AND conversation_id = $2",
    )
    .bind(municipality_id)
    .bind(conversation.to_string())
    .execute(&store.pool)
    .await
    .map(|done| done.rows_affected() > 0)
}

/// Where to tell a resident something: every linked Telegram chat and their most recent
/// web conversation.
pub async fn reachable_conversations(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
) -> Result<Vec<ConversationId>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT conversation_id, channel FROM resident_conversations \
         WHERE municipality_id = $1 AND resident_key = $2 ORDER BY created_at DESC",
    )
    .bind(municipality_id)
    .bind(key.as_str())
    .fetch_all(&store.pool)
    .await?;
    let mut web_seen = false;
    let mut conversations = Vec::new();
    for row in rows {
        let channel: String = row.get(1);
        if channel == Channel::Web.as_str() {
            if web_seen {
                continue;
            }
            web_seen = true;
        }
        if let Some(id) = ConversationId::parse(&row.get::<String, _>(0)) {
            conversations.push(id);
        }
    }
    Ok(conversations)
}

/// Whether a resident has a linked Telegram chat.
pub async fn has_telegram(
    store: &Store,
    municipality_id: &str,
    key: &ResidentKey,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM resident_conversations WHERE municipality_id = $1 AND resident_key = $2 AND channel = 'telegram'",
    )
    .bind(municipality_id)
    .bind(key.as_str())
    .fetch_one(&store.pool)
    .await?;
    Ok(row.get::<i64, _>(0) > 0)
}
