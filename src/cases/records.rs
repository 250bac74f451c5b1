//! Cases in the store: an update from a case system applied idempotently (the same report
//! twice changes nothing and tells nobody twice), the status history, a resident's cases.

use sqlx::{AnyConnection, Row};

use super::{Case, CaseType, CaseUpdate, LocalText};
use crate::residents::ResidentKey;
use crate::store::{Store, now_millis};

/// What an update did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A new case; its first status is in the history row.
    Created { case_id: i64, history_id: i64 },
    /// The status changed; the new one is in the history row.
    StatusChanged { case_id: i64, history_id: i64 },
    /// Other fields changed, the status did not.
    Updated { case_id: i64 },
    /// The report said what the store already knew.
    Unchanged { case_id: i64 },
}

impl Applied {
    pub fn case_id(self) -> i64 {
        match self {
            Applied::Created { case_id, .. }
            | Applied::StatusChanged { case_id, .. }
            | Applied::Updated { case_id }
            | Applied::Unchanged { case_id } => case_id,
        }
    }

    /// The history row of a new status, which the resident is told about.
    pub fn new_status(self) -> Option<i64> {
        match self {
            Applied::Created { history_id, .. } | Applied::StatusChanged { history_id, .. } => {
                Some(history_id)
            }
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Applied::Created { .. } => "created",
            Applied::StatusChanged { .. } => "status_changed",
            Applied::Updated { .. } => "updated",
            Applied::Unchanged { .. } => "unchanged",
        }
    }
}

/// Applies one update inside the caller's transaction.
pub async fn apply(
    connection: &mut AnyConnection,
    municipality_id: &str,
    system: &str,
    external_id: &str,
    update: &CaseUpdate,
) -> Result<Applied, sqlx::Error> {
    let now = now_millis();
    let next_step = update
        .next_step
        .as_ref()
        .map(|text| serde_json::to_string(text).unwrap_or_default());
    let due_date = update.due_date.map(|d| d.format("%Y-%m-%d").to_string());
    let existing = sqlx::query(
        "SELECT id, resident_key, case_type, status, unit, next_step, due_date FROM cases \
         WHERE municipality_id = $1 AND source_system = $2 AND external_id = $3",
    )
    .bind(municipality_id)
    .bind(system)
    .bind(external_id)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(row) = existing else {
        let case_id: i64 = sqlx::query(
            "INSERT INTO cases (municipality_id, source_system, external_id, resident_key, case_type, status, unit, next_step, due_date, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(municipality_id)
        .bind(system)
        .bind(external_id)
        .bind(update.resident.as_str())
        .bind(update.case_type.id())
        .bind(&update.status)
        .bind(&update.unit)
        .bind(next_step)
        .bind(due_date)
        .bind(now)
        .fetch_one(&mut *connection)
        .await?
        .get(0);
        let history_id = add_history(connection, case_id, &update.status, now).await?;
        return Ok(Applied::Created {
            case_id,
            history_id,
        });
    };
    let case_id: i64 = row.get(0);
    let same_status = row.get::<String, _>(3) == update.status;
    let unchanged = same_status
        && row.get::<String, _>(1) == update.resident.as_str()
        && row.get::<String, _>(2) == update.case_type.id()
        && row.get::<String, _>(4) == update.unit
        && row.get::<Option<String>, _>(5) == next_step
        && row.get::<Option<String>, _>(6) == due_date;
    if unchanged {
        return Ok(Applied::Unchanged { case_id });
    }
    sqlx::query(
        "UPDATE cases SET resident_key = $1, case_type = $2, status = $3, unit = $4, next_step = $5, due_date = $6, updated_at = $7 \
         WHERE id = $8",
    )
    .bind(update.resident.as_str())
    .bind(update.case_type.id())
    .bind(&update.status)
    .bind(&update.unit)
    .bind(next_step)
    .bind(due_date)
    .bind(now)
    .bind(case_id)
    .execute(&mut *connection)
    .await?;
    if same_status {
        return Ok(Applied::Updated { case_id });
    }
    let history_id = add_history(connection, case_id, &update.status, now).await?;
    Ok(Applied::StatusChanged {
        case_id,
        history_id,
    })
}

async fn add_history(
    connection: &mut AnyConnection,
    case_id: i64,
    status: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO case_status_history (case_id, status, changed_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(case_id)
    .bind(status)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?
    .get(0))
}

/// One update in a transaction of its own (the integration API).
pub async fn apply_one(
    store: &Store,
    municipality_id: &str,
    system: &str,
    external_id: &str,
    update: &CaseUpdate,
) -> Result<Applied, sqlx::Error> {
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let applied = apply(&mut tx, municipality_id, system, external_id, update).await?;
    tx.commit().await?;
    Ok(applied)
}

const CASE_COLUMNS: &str =
    "id, case_type, status, unit, next_step, due_date, updated_at, resident_key";

fn case_from(row: &sqlx::any::AnyRow) -> Option<(Case, ResidentKey)> {
    let case_type = CaseType::parse(&row.get::<String, _>(1))?;
    let next_step = row
        .get::<Option<String>, _>(4)
        .and_then(|json| serde_json::from_str::<LocalText>(&json).ok());
    Some((
        Case {
            id: row.get(0),
            case_type,
            status: row.get(2),
            unit: row.get(3),
            next_step,
            due_date: row.get(5),
            updated_at: row.get(6),
        },
        ResidentKey::from_stored(row.get(7)),
    ))
}

/// A resident's cases, most recently changed first.
pub async fn for_resident(
    store: &Store,
    municipality_id: &str,
    resident: &ResidentKey,
) -> Result<Vec<Case>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE municipality_id = $1 AND resident_key = $2 \
         ORDER BY updated_at DESC, id DESC"
    ))
    .bind(municipality_id)
    .bind(resident.as_str())
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(case_from)
        .map(|(case, _)| case)
        .collect())
}

/// A case with its owner, by id (for notifications).
pub async fn by_id(
    store: &Store,
    municipality_id: &str,
    case_id: i64,
) -> Result<Option<(Case, ResidentKey)>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE municipality_id = $1 AND id = $2"
    ))
    .bind(municipality_id)
    .bind(case_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.as_ref().and_then(case_from))
}

/// The statuses a case has had, oldest first: (status, when).
pub async fn history(store: &Store, case_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT status, changed_at FROM case_status_history WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
}
