//! Volunteer profiles as stored: one per conversation the volunteer is reached in (their web
//! chat or their Telegram chat), in the language they use there. A profile is only stored
//! once the volunteer has consented to be contacted, and deleting it deletes their expressed
//! interests with it.

use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::VolunteeringError;
use crate::conversation::ConversationId;
use crate::language::Lang;
use crate::store::{Store, now_millis};
use crate::volunteers::{Profile, VolunteerId};

/// A profile with how the volunteer is reached.
#[derive(Debug, Clone, Serialize)]
pub struct StoredProfile {
    pub profile: Profile,
    pub conversation: ConversationId,
    pub channel: String,
    pub language: Lang,
    pub consent_at: i64,
}

const SELECT: &str =
    "SELECT id, profile, conversation_id, channel, language, consent_at FROM volunteer_profiles";

fn from_row(row: &AnyRow) -> Result<StoredProfile, VolunteeringError> {
    let mut profile: Profile = serde_json::from_str(&row.get::<String, _>(1))?;
    profile.id = VolunteerId(row.get::<i64, _>(0) as u64);
    let consent_at: i64 = row.get(5);
    profile.contact_consent =
        chrono::DateTime::from_timestamp_millis(consent_at).map(|at| at.naive_utc());
    let conversation =
        ConversationId::parse(&row.get::<String, _>(2)).ok_or(VolunteeringError::NotFound)?;
    Ok(StoredProfile {
        profile,
        conversation,
        channel: row.get(3),
        language: Lang::from_code(&row.get::<String, _>(4)).unwrap_or(Lang::Sv),
        consent_at,
    })
}

/// The profile reached in `conversation`, if there is one.
pub async fn of_conversation(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<Option<StoredProfile>, VolunteeringError> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE municipality_id = $1 AND conversation_id = $2"
    ))
    .bind(municipality_id)
    .bind(conversation.to_string())
    .fetch_optional(&store.pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// One profile of the municipality.
pub async fn get(
    store: &Store,
    municipality_id: &str,
    id: VolunteerId,
) -> Result<StoredProfile, VolunteeringError> {
    let row = sqlx::query(&format!("{SELECT} WHERE municipality_id = $1 AND id = $2"))
        .bind(municipality_id)
        .bind(id.0 as i64)
        .fetch_optional(&store.pool)
        .await?
        .ok_or(VolunteeringError::NotFound)?;
    from_row(&row)
}

/// Every profile of the municipality (for ranking volunteers for a need).
pub async fn all(
    store: &Store,
    municipality_id: &str,
) -> Result<Vec<StoredProfile>, VolunteeringError> {
    let rows = sqlx::query(&format!("{SELECT} WHERE municipality_id = $1 ORDER BY id"))
        .bind(municipality_id)
        .fetch_all(&store.pool)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Stores the profile reached in `conversation`, replacing an earlier one; consent is
/// recorded as given now. Returns the volunteer's id, which stays the same on replacement.
pub async fn save(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    channel: &str,
    language: Lang,
    profile: &Profile,
) -> Result<VolunteerId, VolunteeringError> {
    let now = now_millis();
    let json = serde_json::to_string(profile)?;
    let _turn = store.write_turn().await;
    let row = sqlx::query(
        "INSERT INTO volunteer_profiles (municipality_id, conversation_id, channel, language, profile, consent_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6) \
         ON CONFLICT (conversation_id) DO UPDATE SET language = $4, profile = $5, consent_at = $6, updated_at = $6 \
         RETURNING id",
    )
    .bind(municipality_id)
    .bind(conversation.to_string())
    .bind(channel)
    .bind(language.code())
    .bind(json)
    .bind(now)
    .fetch_one(&store.pool)
    .await?;
    Ok(VolunteerId(row.get::<i64, _>(0) as u64))
}

/// Deletes the profile reached in `conversation` and, with it, its interests.
pub async fn delete(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<bool, VolunteeringError> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    // Foreign keys cascade on PostgreSQL and on SQLite with foreign_keys on; deleting the
    // interests first keeps it explicit and independent of that pragma.
    sqlx::query(
        "DELETE FROM volunteer_interests WHERE volunteer_id IN \
         (SELECT id FROM volunteer_profiles WHERE municipality_id = $1 AND conversation_id = $2)",
    )
    .bind(municipality_id)
    .bind(conversation.to_string())
    .execute(&mut *tx)
    .await?;
    let result = sqlx::query(
        "DELETE FROM volunteer_profiles WHERE municipality_id = $1 AND conversation_id = $2",
    )
    .bind(municipality_id)
    .bind(conversation.to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(result.rows_affected() > 0)
}
