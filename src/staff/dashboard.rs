//! The figures of the dashboard: questions per day, the share answered without a person
//! (the deflection figure), handoffs, thumbs, by language, topic and channel.

use serde::Serialize;
use sqlx::Row;

use crate::store::{Store, now_millis};

const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub questions: i64,
    pub answered: i64,
    pub handoffs: i64,
    pub unknown: i64,
    pub thumbs_up: i64,
    pub thumbs_down: i64,
    /// `answered / questions`, in whole percent (0 without questions).
    pub deflection_percent: i64,
    pub per_day: Vec<DayCount>,
    pub by_language: Vec<Breakdown>,
    pub by_topic: Vec<Breakdown>,
    pub by_channel: Vec<Breakdown>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DayCount {
    pub day: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    pub key: String,
    pub questions: i64,
    pub answered: i64,
}

/// "Answered without a person": an answer, and no handoff asked for or offered.
const ANSWERED: &str = "d.decision = 'answer' AND (d.intent IS NULL OR d.intent <> 'human')";

/// The figures of the last `days` days.
pub async fn stats(store: &Store, municipality_id: &str, days: i64) -> Result<Stats, sqlx::Error> {
    let since = now_millis() - days * DAY_MILLIS;
    let totals = sqlx::query(&format!(
        "SELECT COUNT(*), \
         COALESCE(SUM(CASE WHEN {ANSWERED} THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN d.decision = 'handoff' OR d.intent = 'human' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN d.decision = 'unknown' THEN 1 ELSE 0 END), 0) \
         FROM decisions d WHERE d.municipality_id = $1 AND d.created_at >= $2"
    ))
    .bind(municipality_id)
    .bind(since)
    .fetch_one(&store.pool)
    .await?;
    let (questions, answered, handoffs, unknown): (i64, i64, i64, i64) =
        (totals.get(0), totals.get(1), totals.get(2), totals.get(3));
    let thumbs = sqlx::query(
        "SELECT COALESCE(SUM(CASE WHEN rating = 'up' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN rating = 'down' THEN 1 ELSE 0 END), 0) \
         FROM feedback WHERE municipality_id = $1 AND created_at >= $2",
    )
    .bind(municipality_id)
    .bind(since)
    .fetch_one(&store.pool)
    .await?;
    let per_day = sqlx::query(
        "SELECT d.created_at / 86400000, COUNT(*) FROM decisions d \
         WHERE d.municipality_id = $1 AND d.created_at >= $2 GROUP BY d.created_at / 86400000 ORDER BY 1",
    )
    .bind(municipality_id)
    .bind(since)
    .fetch_all(&store.pool)
    .await?
    .into_iter()
    .map(|row| {
        let day: i64 = row.get(0);
        DayCount {
            day: chrono::DateTime::from_timestamp(day * 86_400, 0)
                .map(|date| date.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            count: row.get(1),
        }
    })
    .collect();
    let breakdown = |column: &'static str, join: &'static str| {
        let sql = format!(
            "SELECT {column}, COUNT(*), COALESCE(SUM(CASE WHEN {ANSWERED} THEN 1 ELSE 0 END), 0) \
             FROM decisions d {join} WHERE d.municipality_id = $1 AND d.created_at >= $2 AND {column} IS NOT NULL \
             GROUP BY {column} ORDER BY 2 DESC, 1 LIMIT 20"
        );
        async move {
            Ok::<_, sqlx::Error>(
                sqlx::query(&sql)
                    .bind(municipality_id)
                    .bind(since)
                    .fetch_all(&store.pool)
                    .await?
                    .into_iter()
                    .map(|row| Breakdown {
                        key: row.get(0),
                        questions: row.get(1),
                        answered: row.get(2),
                    })
                    .collect::<Vec<_>>(),
            )
        }
    };
    Ok(Stats {
        questions,
        answered,
        handoffs,
        unknown,
        thumbs_up: thumbs.get(0),
        thumbs_down: thumbs.get(1),
        deflection_percent: if questions > 0 {
            (answered * 100 + questions / 2) / questions
        } else {
            0
        },
        per_day,
        by_language: breakdown("d.language", "").await?,
        by_topic: breakdown("d.topic", "").await?,
        by_channel: breakdown(
            "c.channel",
            "JOIN conversations c ON c.id = d.conversation_id",
        )
        .await?,
    })
}
