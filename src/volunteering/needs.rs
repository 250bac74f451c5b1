//! Coordinators' needs as stored: the need itself as JSON, its open/closed status and contact
//! beside it, and how many volunteers have been accepted (counted from the interests, so it
//! can never drift from them).

use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::VolunteeringError;
use crate::store::{Store, now_millis};
use crate::volunteers::{Need, NeedId, NeedStatus};

/// A need with what the portal keeps beside it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredNeed {
    pub need: Need,
    /// Who accepted volunteers talk to.
    pub contact: String,
    /// Volunteers who said they are interested and have no answer yet.
    pub pending: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT n.id, n.need, n.status, n.contact, n.created_at, n.updated_at, \
     (SELECT COUNT(*) FROM volunteer_interests i WHERE i.need_id = n.id AND i.status = 'accepted'), \
     (SELECT COUNT(*) FROM volunteer_interests i WHERE i.need_id = n.id AND i.status = 'pending') \
     FROM volunteer_needs n";

fn from_row(row: &AnyRow) -> Result<StoredNeed, VolunteeringError> {
    let mut need: Need = serde_json::from_str(&row.get::<String, _>(1))?;
    need.id = NeedId(row.get::<i64, _>(0) as u64);
    need.status = match row.get::<String, _>(2).as_str() {
        "open" => NeedStatus::Open,
        _ => NeedStatus::Closed,
    };
    need.accepted = u16::try_from(row.get::<i64, _>(6)).unwrap_or(u16::MAX);
    Ok(StoredNeed {
        need,
        contact: row.get(3),
        created_at: row.get(4),
        updated_at: row.get(5),
        pending: row.get(7),
    })
}

fn status_str(status: NeedStatus) -> &'static str {
    match status {
        NeedStatus::Open => "open",
        NeedStatus::Closed => "closed",
    }
}

/// Every need of the municipality, newest first.
pub async fn all(
    store: &Store,
    municipality_id: &str,
) -> Result<Vec<StoredNeed>, VolunteeringError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE n.municipality_id = $1 ORDER BY n.id DESC"
    ))
    .bind(municipality_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The open needs, for matching (the matcher itself drops past and full ones).
pub async fn open(store: &Store, municipality_id: &str) -> Result<Vec<Need>, VolunteeringError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE n.municipality_id = $1 AND n.status = 'open' ORDER BY n.id"
    ))
    .bind(municipality_id)
    .fetch_all(&store.pool)
    .await?;
    rows.iter()
        .map(|row| from_row(row).map(|stored| stored.need))
        .collect()
}

/// One need of the municipality.
pub async fn get(
    store: &Store,
    municipality_id: &str,
    id: NeedId,
) -> Result<StoredNeed, VolunteeringError> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE n.municipality_id = $1 AND n.id = $2"
    ))
    .bind(municipality_id)
    .bind(id.0 as i64)
    .fetch_optional(&store.pool)
    .await?
    .ok_or(VolunteeringError::NotFound)?;
    from_row(&row)
}

/// Stores a new need; its `id` and `accepted` are ignored and the new id returned.
pub async fn create(
    store: &Store,
    municipality_id: &str,
    need: &Need,
    contact: &str,
    created_by: Option<i64>,
) -> Result<NeedId, VolunteeringError> {
    let now = now_millis();
    let _turn = store.write_turn().await;
    let row = sqlx::query(
        "INSERT INTO volunteer_needs (municipality_id, need, status, contact, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(municipality_id)
    .bind(serde_json::to_string(need)?)
    .bind(status_str(need.status))
    .bind(contact)
    .bind(created_by)
    .bind(now)
    .fetch_one(&store.pool)
    .await?;
    Ok(NeedId(row.get::<i64, _>(0) as u64))
}

/// Replaces a need's fields (and its status) with `need`'s.
pub async fn update(
    store: &Store,
    municipality_id: &str,
    need: &Need,
    contact: &str,
) -> Result<(), VolunteeringError> {
    let _turn = store.write_turn().await;
    let result = sqlx::query(
        "UPDATE volunteer_needs SET need = $1, status = $2, contact = $3, updated_at = $4 \
         WHERE municipality_id = $5 AND id = $6",
    )
    .bind(serde_json::to_string(need)?)
    .bind(status_str(need.status))
    .bind(contact)
    .bind(now_millis())
    .bind(municipality_id)
    .bind(need.id.0 as i64)
    .execute(&store.pool)
    .await?;
    if result.rows_affected() == 0 {
        return Err(VolunteeringError::NotFound);
    }
    Ok(())
}

/// Opens or closes a need.
pub async fn set_status(
    store: &Store,
    municipality_id: &str,
    id: NeedId,
    status: NeedStatus,
) -> Result<(), VolunteeringError> {
    let _turn = store.write_turn().await;
    let result = sqlx::query(
        "UPDATE volunteer_needs SET status = $1, updated_at = $2 WHERE municipality_id = $3 AND id = $4",
    )
    .bind(status_str(status))
    .bind(now_millis())
    .bind(municipality_id)
    .bind(id.0 as i64)
    .execute(&store.pool)
    .await?;
    if result.rows_affected() == 0 {
        return Err(VolunteeringError::NotFound);
    }
    Ok(())
}

/// The portal's figures for the coordinators' overview.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub needs_open: i64,
    pub volunteers_active: i64,
    pub interests_pending: i64,
    pub matches_made: i64,
}

pub async fn counts(store: &Store, municipality_id: &str) -> Result<Counts, VolunteeringError> {
    let row = sqlx::query(
        "SELECT \
         (SELECT COUNT(*) FROM volunteer_needs WHERE municipality_id = $1 AND status = 'open'), \
         (SELECT COUNT(*) FROM volunteer_profiles WHERE municipality_id = $1), \
         (SELECT COUNT(*) FROM volunteer_interests WHERE municipality_id = $1 AND status = 'pending'), \
         (SELECT COUNT(*) FROM volunteer_interests WHERE municipality_id = $1 AND status = 'accepted')",
    )
    .bind(municipality_id)
    .fetch_one(&store.pool)
    .await?;
    Ok(Counts {
        needs_open: row.get(0),
        volunteers_active: row.get(1),
        interests_pending: row.get(2),
        matches_made: row.get(3),
    })
}
