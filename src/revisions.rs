//! Staff edits of articles: each save is a revision of the whole article in the database; the
//! newest revision of a topic overrides the shipped file, and the assistant is rebuilt from
//! the shipped content plus those overrides.

use sqlx::Row;

use crate::knowledge::{Article, TopicId};
use crate::store::{Store, now_millis};

/// One saved version of an article.
#[derive(Debug, Clone)]
pub struct Revision {
    pub id: i64,
    pub topic: String,
    pub article: Article,
    pub author_id: Option<i64>,
    pub note: String,
    pub created_at: i64,
}

/// Stores `article` as the newest revision of its topic; returns the revision id.
pub async fn save(
    store: &Store,
    municipality_id: &str,
    article: &Article,
    author_id: Option<i64>,
    note: &str,
) -> Result<i64, sqlx::Error> {
    let json = serde_json::to_string(article).unwrap_or_default();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let row = sqlx::query(
        "INSERT INTO article_revisions (municipality_id, topic, article, author_id, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(municipality_id)
    .bind(article.id.as_str())
    .bind(json)
    .bind(author_id)
    .bind(note)
    .bind(now_millis())
    .fetch_one(&mut *tx)
    .await?;
    // Other instances rebuild their index when this commits.
    crate::content_sync::announce(store, &mut tx, municipality_id).await?;
    tx.commit().await?;
    Ok(row.get(0))
}

/// The newest revision of every topic that has one.
pub async fn latest(store: &Store, municipality_id: &str) -> Result<Vec<Article>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.article FROM article_revisions r \
         WHERE r.municipality_id = $1 AND r.id = \
         (SELECT MAX(id) FROM article_revisions WHERE municipality_id = $1 AND topic = r.topic) ORDER BY r.topic",
    )
    .bind(municipality_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| serde_json::from_str(&row.get::<String, _>(0)).ok())
        .collect())
}

/// The revisions of one topic, newest first.
pub async fn history(
    store: &Store,
    municipality_id: &str,
    topic: &TopicId,
) -> Result<Vec<Revision>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, topic, article, author_id, note, created_at FROM article_revisions \
         WHERE municipality_id = $1 AND topic = $2 ORDER BY id DESC",
    )
    .bind(municipality_id)
    .bind(topic.as_str())
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Revision {
                id: row.get(0),
                topic: row.get(1),
                article: serde_json::from_str(&row.get::<String, _>(2)).ok()?,
                author_id: row.get(3),
                note: row.get(4),
                created_at: row.get(5),
            })
        })
        .collect())
}
