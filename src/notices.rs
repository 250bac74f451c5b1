//! Residents' interests and the municipality's notices: a resident chooses topics (school,
//! fritidshem, water and streets, culture) and a district on Mina sidor; staff publish a
//! notice to a topic and a district (or the whole municipality); every subscriber is told
//! in their linked channels, once, in their language (the notice's Swedish or English when
//! it has no text in theirs), and Mina sidor lists the current notices.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::chat::Assistant;
use crate::conversation::ConversationId;
use crate::delivery::{self, Author};
use crate::language::Lang;
use crate::residents::{self, ResidentKey};
use crate::store::{Store, now_millis};

/// What a resident can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Topic {
    School,
    Fritidshem,
    WaterAndStreets,
    Culture,
}

impl Topic {
    pub const ALL: [Topic; 4] = [
        Topic::School,
        Topic::Fritidshem,
        Topic::WaterAndStreets,
        Topic::Culture,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Topic::School => "school",
            Topic::Fritidshem => "fritidshem",
            Topic::WaterAndStreets => "water-streets",
            Topic::Culture => "culture",
        }
    }

    pub fn parse(text: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|topic| topic.id() == text)
    }
}

/// One language's text of a notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeText {
    pub title: String,
    pub body: String,
}

/// A notice as a resident sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub id: i64,
    pub topic: Topic,
    /// Empty for the whole municipality.
    pub district: String,
    pub title: String,
    pub body: String,
    pub published_at: i64,
}

/// Replaces a resident's interests.
pub async fn set_interests(
    store: &Store,
    municipality_id: &str,
    resident: &ResidentKey,
    topics: &[Topic],
    district: &str,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    sqlx::query("DELETE FROM resident_interests WHERE municipality_id = $1 AND resident_key = $2")
        .bind(municipality_id)
        .bind(resident.as_str())
        .execute(&mut *tx)
        .await?;
    for topic in topics {
        sqlx::query(
            "INSERT INTO resident_interests (municipality_id, resident_key, topic, district, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(municipality_id)
        .bind(resident.as_str())
        .bind(topic.id())
        .bind(district)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// A resident's topics and district ('' for the whole municipality).
pub async fn interests(
    store: &Store,
    municipality_id: &str,
    resident: &ResidentKey,
) -> Result<(Vec<Topic>, String), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT topic, district FROM resident_interests WHERE municipality_id = $1 AND resident_key = $2",
    )
    .bind(municipality_id)
    .bind(resident.as_str())
    .fetch_all(&store.pool)
    .await?;
    let district = rows
        .first()
        .map(|row| row.get::<String, _>(1))
        .unwrap_or_default();
    let topics = rows
        .iter()
        .filter_map(|row| Topic::parse(&row.get::<String, _>(0)))
        .collect();
    Ok((topics, district))
}

/// Publishes a notice and tells its subscribers; returns the notice id and how many
/// conversations were told.
#[allow(clippy::too_many_arguments)]
pub async fn publish(
    store: &Store,
    assistant: &Assistant,
    staff_id: Option<i64>,
    topic: Topic,
    district: &str,
    texts: &BTreeMap<String, NoticeText>,
    days: i64,
) -> Result<(i64, Vec<ConversationId>), sqlx::Error> {
    let municipality = &assistant.municipality.id;
    let now = now_millis();
    let id: i64 = {
        let _turn = store.write_turn().await;
        sqlx::query(
            "INSERT INTO notices (municipality_id, topic, district, texts, published_by, published_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(municipality)
        .bind(topic.id())
        .bind(district)
        .bind(serde_json::to_string(texts).unwrap_or_default())
        .bind(staff_id)
        .bind(now)
        .bind(now + days.clamp(1, 365) * 24 * 60 * 60 * 1000)
        .fetch_one(&store.pool)
        .await?
        .get(0)
    };
    let subscribers = sqlx::query(
        "SELECT DISTINCT resident_key FROM resident_interests \
         WHERE municipality_id = $1 AND topic = $2 AND (district = '' OR $3 = '' OR district = $3)",
    )
    .bind(municipality)
    .bind(topic.id())
    .bind(district)
    .fetch_all(&store.pool)
    .await?;
    let mut told = Vec::new();
    for row in subscribers {
        let resident = ResidentKey::from_stored(row.get(0));
        let lang = residents::language(store, municipality, &resident)
            .await?
            .unwrap_or(assistant.municipality.default_language);
        let Some(text) = pick(texts, lang) else {
            continue;
        };
        let message = format!(
            "{}: {}\n\n{}",
            assistant.locales.text(lang, "notice-heading", &[]),
            text.title,
            text.body
        );
        for conversation in
            residents::reachable_conversations(store, municipality, &resident).await?
        {
            let outbound = delivery::Outbound {
                municipality_id: municipality,
                conversation,
                author: Author::Assistant,
                text: &message,
                language: Some(lang.code()),
            };
            if delivery::deliver_once(store, delivery::Once::Notice(id), outbound)
                .await?
                .is_some()
            {
                told.push(conversation);
            }
        }
    }
    Ok((id, told))
}

/// The current notices for a resident's interests, newest first, in their language.
pub async fn current_for(
    store: &Store,
    municipality_id: &str,
    resident: &ResidentKey,
    lang: Lang,
) -> Result<Vec<Notice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT DISTINCT n.id, n.topic, n.district, n.texts, n.published_at FROM notices n \
         JOIN resident_interests i ON i.municipality_id = n.municipality_id AND i.topic = n.topic \
         WHERE n.municipality_id = $1 AND i.resident_key = $2 AND n.expires_at > $3 \
         AND (i.district = '' OR n.district = '' OR i.district = n.district) \
         ORDER BY n.published_at DESC, n.id DESC",
    )
    .bind(municipality_id)
    .bind(resident.as_str())
    .bind(now_millis())
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|row| notice_from(row, lang))
        .collect())
}

/// Every current notice (the staff page).
pub async fn current(
    store: &Store,
    municipality_id: &str,
    lang: Lang,
) -> Result<Vec<Notice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, topic, district, texts, published_at FROM notices \
         WHERE municipality_id = $1 AND expires_at > $2 ORDER BY published_at DESC, id DESC",
    )
    .bind(municipality_id)
    .bind(now_millis())
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|row| notice_from(row, lang))
        .collect())
}

fn notice_from(row: &sqlx::any::AnyRow, lang: Lang) -> Option<Notice> {
    let texts: BTreeMap<String, NoticeText> =
        serde_json::from_str(&row.get::<String, _>(3)).ok()?;
    let text = pick(&texts, lang)?;
    Some(Notice {
        id: row.get(0),
        topic: Topic::parse(&row.get::<String, _>(1))?,
        district: row.get(2),
        title: text.title.clone(),
        body: text.body.clone(),
        published_at: row.get(4),
    })
}

fn pick(texts: &BTreeMap<String, NoticeText>, lang: Lang) -> Option<&NoticeText> {
    [lang.code(), "en", "sv"]
        .iter()
        .find_map(|code| texts.get(*code))
}
