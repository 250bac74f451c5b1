//! "I'm interested": a volunteer's interest in a need, the coordinator's answer, and telling
//! the volunteer that answer in their own channel and language — once, because the answer is
//! only recorded while the interest is still pending.

use serde::Serialize;
use sqlx::Row;

use super::profiles::{self, StoredProfile};
use super::{VolunteeringError, needs};
use crate::app::App;
use crate::delivery::{self, Author};
use crate::store::{Store, now_millis};
use crate::volunteers::{NeedId, VolunteerId};

/// Where an interest stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InterestStatus {
    Pending,
    Accepted,
    Declined,
}

impl InterestStatus {
    fn parse(text: &str) -> InterestStatus {
        match text {
            "accepted" => InterestStatus::Accepted,
            "declined" => InterestStatus::Declined,
            _ => InterestStatus::Pending,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            InterestStatus::Pending => "pending",
            InterestStatus::Accepted => "accepted",
            InterestStatus::Declined => "declined",
        }
    }
}

/// A volunteer's interest in a need, with the volunteer.
#[derive(Debug, Clone, Serialize)]
pub struct Interest {
    pub id: i64,
    pub need: NeedId,
    pub volunteer: StoredProfile,
    pub status: InterestStatus,
    /// Why the need was offered, as the volunteer was told.
    pub reasons: String,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

/// Records that `volunteer` is interested in `need`; saying it again changes nothing.
/// Returns whether it was new.
pub async fn express(
    store: &Store,
    municipality_id: &str,
    need: NeedId,
    volunteer: VolunteerId,
    reasons: &str,
) -> Result<bool, VolunteeringError> {
    let _turn = store.write_turn().await;
    let result = sqlx::query(
        "INSERT INTO volunteer_interests (municipality_id, need_id, volunteer_id, status, reasons, created_at) \
         VALUES ($1, $2, $3, 'pending', $4, $5) ON CONFLICT (need_id, volunteer_id) DO NOTHING",
    )
    .bind(municipality_id)
    .bind(need.0 as i64)
    .bind(volunteer.0 as i64)
    .bind(reasons)
    .bind(now_millis())
    .execute(&store.pool)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// The needs `volunteer` has already said they are interested in.
pub async fn needs_of(
    store: &Store,
    volunteer: VolunteerId,
) -> Result<Vec<NeedId>, VolunteeringError> {
    let rows = sqlx::query("SELECT need_id FROM volunteer_interests WHERE volunteer_id = $1")
        .bind(volunteer.0 as i64)
        .fetch_all(&store.pool)
        .await?;
    Ok(rows
        .iter()
        .map(|row| NeedId(row.get::<i64, _>(0) as u64))
        .collect())
}

/// The interests in `need`, oldest first.
pub async fn for_need(
    store: &Store,
    municipality_id: &str,
    need: NeedId,
) -> Result<Vec<Interest>, VolunteeringError> {
    let rows = sqlx::query(
        "SELECT id, volunteer_id, status, reasons, created_at, decided_at FROM volunteer_interests \
         WHERE municipality_id = $1 AND need_id = $2 ORDER BY id",
    )
    .bind(municipality_id)
    .bind(need.0 as i64)
    .fetch_all(&store.pool)
    .await?;
    let mut interests = Vec::with_capacity(rows.len());
    for row in rows {
        let volunteer = profiles::get(
            store,
            municipality_id,
            VolunteerId(row.get::<i64, _>(1) as u64),
        )
        .await?;
        interests.push(Interest {
            id: row.get(0),
            need,
            volunteer,
            status: InterestStatus::parse(&row.get::<String, _>(2)),
            reasons: row.get(3),
            created_at: row.get(4),
            decided_at: row.get(5),
        });
    }
    Ok(interests)
}

/// The coordinator's answer to an interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
}

/// Records the coordinator's answer to interest `id` in `need` and tells the volunteer.
/// Returns `false` when the interest had already been answered (nothing is sent again).
pub async fn decide(
    app: &App,
    municipality_id: &str,
    need: NeedId,
    id: i64,
    answer: Answer,
    staff_id: i64,
) -> Result<bool, VolunteeringError> {
    let store = app.store();
    let status = match answer {
        Answer::Accept => InterestStatus::Accepted,
        Answer::Decline => InterestStatus::Declined,
    };
    // The decision and the message that tells it commit together: a crash in between
    // neither leaves a decision untold nor tells one twice.
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let row = sqlx::query(
        "UPDATE volunteer_interests SET status = $1, decided_at = $2, decided_by = $3 \
         WHERE municipality_id = $4 AND need_id = $5 AND id = $6 AND status = 'pending' \
         RETURNING volunteer_id",
    )
    .bind(status.as_str())
    .bind(now_millis())
    .bind(staff_id)
    .bind(municipality_id)
    .bind(need.0 as i64)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(false);
    };
    let volunteer = VolunteerId(row.get::<i64, _>(0) as u64);
    let stored = needs::get(store, municipality_id, need).await?;
    let profile = profiles::get(store, municipality_id, volunteer).await?;
    let assistant = app.assistant();
    let lang = profile.language;
    let title = stored
        .need
        .text(lang)
        .map(|text| text.title.clone())
        .unwrap_or_default();
    let text = match answer {
        Answer::Accept => assistant.locales.text(
            lang,
            "volunteer-accepted",
            &[("need", &title), ("contact", &stored.contact)],
        ),
        Answer::Decline => assistant
            .locales
            .text(lang, "volunteer-declined", &[("need", &title)]),
    };
    let outbound = delivery::Outbound {
        municipality_id,
        conversation: profile.conversation,
        author: Author::Assistant,
        text: &text,
        language: Some(lang.code()),
    };
    delivery::store_in(&mut tx, outbound).await?;
    tx.commit().await?;
    app.notify(profile.conversation);
    Ok(true)
}
