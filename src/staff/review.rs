//! The review queue: questions the assistant could not answer, answered with low confidence,
//! or that got a thumbs down — grouped when they say the same thing, most frequent and newest
//! first. A group is fixed by attaching it to an article as a phrasing, or dismissed.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::Row;

use crate::chat::Assistant;
use crate::knowledge::Analyzer;
use crate::language::Lang;
use crate::store::{Store, now_millis};

/// Questions that say the same thing.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The key the group is known by in forms: its first record's id.
    pub id: i64,
    /// The newest wording.
    pub text: String,
    pub language: String,
    pub count: usize,
    pub newest_at: i64,
    pub decisions: Vec<String>,
    /// The article the assistant thought closest, pre-selected for "attach".
    pub suggested_topic: Option<String>,
    /// Every record in the group.
    pub record_ids: Vec<i64>,
}

/// The open queue, grouped: records whose questions analyse to the same search terms (same
/// words after stemming, folding and stop words, in any order) form one group.
pub async fn queue(store: &Store, assistant: &Assistant) -> Result<Vec<Group>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, text, language, decision, best_topic, created_at FROM unanswered \
         WHERE municipality_id = $1 AND resolved_at IS NULL ORDER BY id DESC LIMIT 2000",
    )
    .bind(&assistant.municipality.id)
    .fetch_all(&store.pool)
    .await?;
    let analyzer = Analyzer::default();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for row in rows {
        let id: i64 = row.get(0);
        let text: String = row.get(1);
        let language: String = row.get(2);
        let decision: String = row.get(3);
        let best_topic: Option<String> = row.get(4);
        let created_at: i64 = row.get(5);
        let lang = Lang::from_code(&language).unwrap_or(assistant.municipality.default_language);
        let mut terms = analyzer.terms(&text, lang);
        terms.sort();
        terms.dedup();
        let key = if terms.is_empty() {
            text.trim().to_lowercase()
        } else {
            terms.join(" ")
        };
        let suggested = best_topic.or_else(|| {
            assistant
                .knowledge
                .search(&text, lang)
                .first()
                .map(|(article, _)| article.id.to_string())
        });
        let group = groups.entry(key).or_insert_with(|| Group {
            id,
            text: text.clone(),
            language: language.clone(),
            count: 0,
            newest_at: created_at,
            decisions: Vec::new(),
            suggested_topic: suggested,
            record_ids: Vec::new(),
        });
        group.count += 1;
        group.record_ids.push(id);
        if !group.decisions.contains(&decision) {
            group.decisions.push(decision);
        }
    }
    let mut groups: Vec<Group> = groups.into_values().collect();
    groups.sort_by(|a, b| b.count.cmp(&a.count).then(b.newest_at.cmp(&a.newest_at)));
    Ok(groups)
}

/// Marks every record of the group that `group_id` leads as handled.
pub async fn resolve(
    store: &Store,
    assistant: &Assistant,
    group_id: i64,
) -> Result<Option<Group>, sqlx::Error> {
    let Some(group) = queue(store, assistant)
        .await?
        .into_iter()
        .find(|g| g.id == group_id)
    else {
        return Ok(None);
    };
    let _turn = store.write_turn().await;
    let now = now_millis();
    for id in &group.record_ids {
        sqlx::query(
            "UPDATE unanswered SET resolved_at = $1 WHERE id = $2 AND municipality_id = $3",
        )
        .bind(now)
        .bind(id)
        .bind(&assistant.municipality.id)
        .execute(&store.pool)
        .await?;
    }
    Ok(Some(group))
}
