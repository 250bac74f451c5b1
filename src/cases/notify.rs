//! Telling a resident that a case changed status: in every linked Telegram chat and their
//! latest signed-in web conversation, in the language they last used, exactly once per
//! status change and conversation.
//!
//! Exactly once rests on `case_notifications`' key (history row, conversation): the row is
//! written in the transaction that stores the message, so a second attempt — the same
//! report again, a retried import, two instances — finds it and sends nothing, and a failed
//! or interrupted attempt leaves neither, so a later one still tells the resident.

use sqlx::Row;

use super::{Case, records, vocabulary};
use crate::app::App;
use crate::chat::Assistant;
use crate::conversation::ConversationId;
use crate::delivery::{self, Author};
use crate::language::Lang;
use crate::residents;
use crate::store::Store;

/// Tells the case's owner about history row `history_id`, waking this instance's streams.
pub async fn status_changed(app: &App, case_id: i64, history_id: i64) -> anyhow::Result<()> {
    let assistant = app.assistant();
    for conversation in tell(app.store(), &assistant, case_id, history_id).await? {
        app.notify(conversation);
    }
    Ok(())
}

/// Stores and queues the notification; returns the conversations told now.
pub async fn tell(
    store: &Store,
    assistant: &Assistant,
    case_id: i64,
    history_id: i64,
) -> anyhow::Result<Vec<ConversationId>> {
    let municipality = &assistant.municipality;
    let Some((case, owner)) = records::by_id(store, &municipality.id, case_id).await? else {
        return Ok(Vec::new());
    };
    let lang = residents::language(store, &municipality.id, &owner)
        .await?
        .unwrap_or(municipality.default_language);
    let text = message(assistant, &case, lang);
    let mut told = Vec::new();
    for conversation in residents::reachable_conversations(store, &municipality.id, &owner).await? {
        let outbound = delivery::Outbound {
            municipality_id: &municipality.id,
            conversation,
            author: Author::Assistant,
            text: &text,
            language: Some(lang.code()),
        };
        let once = delivery::Once::CaseStatus(history_id);
        if delivery::deliver_once(store, once, outbound)
            .await?
            .is_some()
        {
            told.push(conversation);
        }
    }
    Ok(told)
}

/// How many notifications a status change produced (for tests and the audit of imports).
pub async fn count(store: &Store, history_id: i64) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT COUNT(*) FROM case_notifications WHERE history_id = $1")
        .bind(history_id)
        .fetch_one(&store.pool)
        .await?;
    Ok(row.get(0))
}

/// "News in your case about a building permit: …" with the next step and date.
pub fn message(assistant: &Assistant, case: &Case, lang: Lang) -> String {
    let vocabulary = vocabulary::shipped();
    let name = vocabulary.name(case.case_type, lang);
    let status = vocabulary.explain(case.case_type, &case.status, lang);
    let mut text = assistant.locales.text(
        lang,
        "case-notification",
        &[("case", &name), ("status", &status)],
    );
    text.push_str(&super::chat::details(assistant, case, lang));
    text
}
