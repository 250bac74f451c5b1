//! A resident's right of access and right to erasure: `export` gathers everything the
//! service holds about one resident of one municipality as a serialisable value (the pages
//! turn it into a JSON download), and `erase` deletes all of it in one transaction. Both are
//! called from Mina sidor (the resident themselves) and from the staff pages (by request,
//! audited there); this module does no HTTP and no auditing.
//!
//! A resident is known only by their `ResidentKey`, the keyed hash of their personnummer:
//! the export carries that key, never the number, and never a session token, CSRF token or
//! link code (sessions and codes appear as times only).
//!
//! The tables, from `migrations/*/`, and what happens to each:
//!
//! | table | holds of the resident | export | erase |
//! | --- | --- | --- | --- |
//! | `residents` | language, first and last seen | yes | yes |
//! | `resident_sessions` | sessions (token hashes, CSRF tokens) | times only | yes |
//! | `telegram_link_codes` | "Connect Telegram" codes (hashes) | times only | yes |
//! | `resident_interests` | topics and district | yes | yes |
//! | `cases`, `case_status_history` | cases and their statuses | yes | yes |
//! | `case_notifications` | which status change was told where | yes | yes |
//! | `resident_conversations` | the web and Telegram chats that speak for them | yes | yes |
//! | `conversations` | those chats (channel, context) | yes | yes |
//! | `messages` | what was written in them, both ways | yes | yes |
//! | `decisions` | the assistant's reading of each reply (topic, intent) | yes | yes |
//! | `feedback` | thumbs up or down on replies | yes | yes |
//! | `unanswered` | their questions in the staff review queue | yes | yes |
//! | `handoffs` | a chat handed to a person | yes | yes |
//! | `telegram_chats` | the Telegram chat id of a linked chat | yes | yes |
//! | `outbox` | copies of replies waiting for or sent to Telegram | no (copies of `messages`) | yes |
//! | `notice_deliveries` | which notice reached which of their chats | yes | yes |
//! | `volunteer_profiles`, `volunteer_interests` | a volunteer profile made in one of their chats | yes | yes |
//!
//! Not covered, and why:
//! - `resident_logins`: a sign-in in flight holds no resident key (the broker has not said
//!   who it is yet) and expires after ten minutes;
//! - `audit_log`: the record of what staff did, erasures included; it names residents by a
//!   short prefix of their key at most, and erasing it would erase the evidence of erasure;
//! - conversations a resident held while signed out: nothing ties them to the resident
//!   (they go with retention);
//! - `notices`, `integration_keys`, `staff_*`, `article_revisions`, `volunteer_needs`,
//!   `municipalities`, `telegram_state`: the municipality's and staff's data, not residents'.
//!
//! The case systems remain the source of the cases: a system that reports a case again
//! after an erasure stores it anew.

use serde::Serialize;
use serde_json::Value;
use sqlx::Row;

use super::ResidentKey;
use crate::store::{Store, now_millis};

/// Everything the service holds about one resident. Times are milliseconds since the Unix
/// epoch (UTC), as stored.
#[derive(Debug, Clone, Serialize)]
pub struct ResidentExport {
    /// What this file is, for whoever opens it later.
    pub format: &'static str,
    pub exported_at: i64,
    pub municipality_id: String,
    /// The keyed hash the service knows the resident by (not the personnummer).
    pub resident_key: String,
    /// `None` when the service has never recorded the resident's language.
    pub resident: Option<ResidentRecord>,
    pub cases: Vec<CaseRecord>,
    pub interests: Vec<InterestRecord>,
    pub conversations: Vec<ConversationRecord>,
    pub telegram_links: Vec<TelegramLinkRecord>,
    pub link_codes: Vec<LinkCodeRecord>,
    pub sessions: SessionSummary,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResidentRecord {
    pub language: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseRecord {
    pub source_system: String,
    pub external_id: String,
    pub case_type: String,
    pub status: String,
    pub unit: String,
    /// As the case system sent it: a Swedish text or texts per language.
    pub next_step: Option<Value>,
    pub due_date: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub history: Vec<StatusRecord>,
    /// Which status changes were told in which conversation.
    pub notifications: Vec<NotificationRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusRecord {
    pub status: String,
    pub changed_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotificationRecord {
    pub status: String,
    pub conversation_id: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InterestRecord {
    pub topic: String,
    /// Empty for the whole municipality.
    pub district: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConversationRecord {
    pub id: String,
    pub channel: String,
    pub linked_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// What the assistant kept between turns (language, last topic, an open dialogue).
    pub context: Value,
    pub messages: Vec<MessageRecord>,
    /// Questions of this conversation that went to the staff review queue.
    pub review_queue: Vec<ReviewRecord>,
    pub handoff: Option<HandoffRecord>,
    /// Notices delivered in this conversation, by notice id.
    pub notices_delivered: Vec<NoticeDeliveryRecord>,
    pub volunteer_profile: Option<VolunteerRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageRecord {
    pub id: i64,
    /// `in` from the resident, `out` to them.
    pub direction: String,
    /// `resident`, `assistant` or `staff`, where recorded.
    pub author: Option<String>,
    pub text: String,
    pub language: Option<String>,
    pub created_at: i64,
    /// How the assistant answered (for its replies).
    pub decision: Option<DecisionRecord>,
    /// The resident's thumbs up or down on this reply.
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRecord {
    pub decision: String,
    pub topic: Option<String>,
    pub intent: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewRecord {
    pub text: String,
    pub decision: String,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HandoffRecord {
    pub status: String,
    pub requested_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeDeliveryRecord {
    pub notice_id: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct VolunteerRecord {
    pub language: String,
    pub profile: Value,
    pub consent_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub interests: Vec<VolunteerInterestRecord>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VolunteerInterestRecord {
    pub need_id: i64,
    pub status: String,
    pub reasons: Value,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TelegramLinkRecord {
    pub conversation_id: String,
    /// Telegram's id of the chat, when the chat is still known.
    pub chat_id: Option<i64>,
    pub linked_at: i64,
}

/// A "Connect Telegram" code: when it was made, until when it worked, whether it was used.
#[derive(Debug, Clone, Serialize)]
pub struct LinkCodeRecord {
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// Sessions as counts and times: a token, even hashed, is nobody's to download.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SessionSummary {
    pub count: usize,
    pub latest_expiry: Option<i64>,
}

/// What `erase` deleted, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Erased {
    pub case_notifications: u64,
    pub case_status_history: u64,
    pub cases: u64,
    pub resident_interests: u64,
    pub resident_sessions: u64,
    pub telegram_link_codes: u64,
    pub notice_deliveries: u64,
    pub outbox: u64,
    pub feedback: u64,
    pub unanswered: u64,
    pub decisions: u64,
    pub messages: u64,
    pub handoffs: u64,
    pub telegram_chats: u64,
    pub volunteer_interests: u64,
    pub volunteer_profiles: u64,
    pub resident_conversations: u64,
    pub conversations: u64,
    pub residents: u64,
}

impl Erased {
    /// Each table's count, in the order they are deleted.
    pub fn by_table(&self) -> [(&'static str, u64); 19] {
        [
            ("case_notifications", self.case_notifications),
            ("case_status_history", self.case_status_history),
            ("cases", self.cases),
            ("resident_interests", self.resident_interests),
            ("resident_sessions", self.resident_sessions),
            ("telegram_link_codes", self.telegram_link_codes),
            ("notice_deliveries", self.notice_deliveries),
            ("outbox", self.outbox),
            ("feedback", self.feedback),
            ("unanswered", self.unanswered),
            ("decisions", self.decisions),
            ("messages", self.messages),
            ("handoffs", self.handoffs),
            ("telegram_chats", self.telegram_chats),
            ("volunteer_interests", self.volunteer_interests),
            ("volunteer_profiles", self.volunteer_profiles),
            ("resident_conversations", self.resident_conversations),
            ("conversations", self.conversations),
            ("residents", self.residents),
        ]
    }

    /// Whether anything at all was deleted.
    pub fn is_empty(&self) -> bool {
        self.by_table().iter().all(|(_, count)| *count == 0)
    }

    /// One line for the audit log: the non-zero tables, e.g. `cases 2, messages 14`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .by_table()
            .iter()
            .filter(|(_, count)| *count > 0)
            .map(|(table, count)| format!("{table} {count}"))
            .collect();
        if parts.is_empty() {
            "nothing stored".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl ResidentExport {
    /// How many messages the export holds, over all conversations.
    pub fn message_count(&self) -> usize {
        self.conversations.iter().map(|c| c.messages.len()).sum()
    }

    /// One line for the audit log, without any content.
    pub fn summary(&self) -> String {
        format!(
            "{} cases, {} interests, {} conversations, {} messages",
            self.cases.len(),
            self.interests.len(),
            self.conversations.len(),
            self.message_count()
        )
    }
}

/// Everything stored about `resident` in `municipality_id`.
pub async fn export(
    store: &Store,
    municipality_id: &str,
    resident: &ResidentKey,
) -> Result<ResidentExport, sqlx::Error> {
    let key = resident.as_str();
    let pool = &store.pool;
    let resident_row = sqlx::query(
        "SELECT language, created_at, updated_at FROM residents \
         WHERE municipality_id = $1 AND resident_key = $2",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_optional(pool)
    .await?
    .map(|row| ResidentRecord {
        language: row.get(0),
        created_at: row.get(1),
        updated_at: row.get(2),
    });

    let mut cases = Vec::new();
    for row in sqlx::query(
        "SELECT id, source_system, external_id, case_type, status, unit, next_step, due_date, created_at, updated_at \
         FROM cases WHERE municipality_id = $1 AND resident_key = $2 ORDER BY id",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_all(pool)
    .await?
    {
        let case_id: i64 = row.get(0);
        let history = sqlx::query(
            "SELECT status, changed_at FROM case_status_history WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| StatusRecord {
            status: row.get(0),
            changed_at: row.get(1),
        })
        .collect();
        let notifications = sqlx::query(
            "SELECT h.status, n.conversation_id, n.created_at FROM case_notifications n \
             JOIN case_status_history h ON h.id = n.history_id WHERE h.case_id = $1 \
             ORDER BY n.created_at, n.conversation_id",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|row| NotificationRecord {
            status: row.get(0),
            conversation_id: row.get(1),
            created_at: row.get(2),
        })
        .collect();
        cases.push(CaseRecord {
            source_system: row.get(1),
            external_id: row.get(2),
            case_type: row.get(3),
            status: row.get(4),
            unit: row.get(5),
            next_step: row.get::<Option<String>, _>(6).map(json_or_text),
            due_date: row.get(7),
            created_at: row.get(8),
            updated_at: row.get(9),
            history,
            notifications,
        });
    }

    let interests = sqlx::query(
        "SELECT topic, district, created_at FROM resident_interests \
         WHERE municipality_id = $1 AND resident_key = $2 ORDER BY topic, district",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| InterestRecord {
        topic: row.get(0),
        district: row.get(1),
        created_at: row.get(2),
    })
    .collect();

    let mut conversations = Vec::new();
    let mut telegram_links = Vec::new();
    for row in sqlx::query(
        "SELECT rc.conversation_id, rc.channel, rc.created_at, c.created_at, c.updated_at, c.context \
         FROM resident_conversations rc JOIN conversations c ON c.id = rc.conversation_id \
         WHERE rc.municipality_id = $1 AND rc.resident_key = $2 ORDER BY rc.created_at, rc.conversation_id",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_all(pool)
    .await?
    {
        let id: String = row.get(0);
        let channel: String = row.get(1);
        let linked_at: i64 = row.get(2);
        if channel == "telegram" {
            let chat_id = sqlx::query(
                "SELECT chat_id FROM telegram_chats WHERE municipality_id = $1 AND conversation_id = $2",
            )
            .bind(municipality_id)
            .bind(&id)
            .fetch_optional(pool)
            .await?
            .map(|row| row.get::<i64, _>(0));
            telegram_links.push(TelegramLinkRecord {
                conversation_id: id.clone(),
                chat_id,
                linked_at,
            });
        }
        conversations.push(ConversationRecord {
            messages: messages_of(store, &id).await?,
            review_queue: review_of(store, &id).await?,
            handoff: handoff_of(store, &id).await?,
            notices_delivered: notices_of(store, &id).await?,
            volunteer_profile: volunteer_of(store, &id).await?,
            id,
            channel,
            linked_at,
            created_at: row.get(3),
            updated_at: row.get(4),
            context: json_or_text(row.get(5)),
        });
    }

    let link_codes = sqlx::query(
        "SELECT created_at, expires_at, used_at FROM telegram_link_codes \
         WHERE municipality_id = $1 AND resident_key = $2 ORDER BY created_at",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| LinkCodeRecord {
        created_at: row.get(0),
        expires_at: row.get(1),
        used_at: row.get(2),
    })
    .collect();

    let expiries: Vec<i64> = sqlx::query(
        "SELECT expires_at FROM resident_sessions WHERE municipality_id = $1 AND resident_key = $2",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| row.get(0))
    .collect();

    Ok(ResidentExport {
        format: "civic-assistant resident export, version 1",
        exported_at: now_millis(),
        municipality_id: municipality_id.to_string(),
        resident_key: key.to_string(),
        resident: resident_row,
        cases,
        interests,
        conversations,
        telegram_links,
        link_codes,
        sessions: SessionSummary {
            count: expiries.len(),
            latest_expiry: expiries.iter().copied().max(),
        },
    })
}

/// Deletes everything stored about `resident` in `municipality_id`, in one transaction:
/// either all of it goes or, on an error, none of it.
pub async fn erase(
    store: &Store,
    municipality_id: &str,
    resident: &ResidentKey,
) -> Result<Erased, sqlx::Error> {
    let key = resident.as_str();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    let mut erased = Erased::default();

    // The conversations first: deleting them would cascade to their links, and the links
    // are how the rest is found. Children before parents below, so every count is what
    // this function deleted rather than what a cascade took along.
    let conversations: Vec<String> = sqlx::query(
        "SELECT conversation_id FROM resident_conversations WHERE municipality_id = $1 AND resident_key = $2",
    )
    .bind(municipality_id)
    .bind(key)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| row.get(0))
    .collect();

    let resident_binds = [municipality_id, key];
    erased.case_notifications = run(
        &mut tx,
        "DELETE FROM case_notifications WHERE history_id IN (SELECT h.id FROM case_status_history h \
         JOIN cases c ON c.id = h.case_id WHERE c.municipality_id = $1 AND c.resident_key = $2)",
        &resident_binds,
    )
    .await?;
    erased.case_status_history = run(
        &mut tx,
        "DELETE FROM case_status_history WHERE case_id IN \
         (SELECT id FROM cases WHERE municipality_id = $1 AND resident_key = $2)",
        &resident_binds,
    )
    .await?;
    erased.cases = run(
        &mut tx,
        "DELETE FROM cases WHERE municipality_id = $1 AND resident_key = $2",
        &resident_binds,
    )
    .await?;
    erased.resident_interests = run(
        &mut tx,
        "DELETE FROM resident_interests WHERE municipality_id = $1 AND resident_key = $2",
        &resident_binds,
    )
    .await?;
    // Every session of the resident, the one asking included: erased means signed out.
    erased.resident_sessions = run(
        &mut tx,
        "DELETE FROM resident_sessions WHERE municipality_id = $1 AND resident_key = $2",
        &resident_binds,
    )
    .await?;
    erased.telegram_link_codes = run(
        &mut tx,
        "DELETE FROM telegram_link_codes WHERE municipality_id = $1 AND resident_key = $2",
        &resident_binds,
    )
    .await?;

    for conversation in &conversations {
        let one = [conversation.as_str()];
        let scoped = [municipality_id, conversation.as_str()];
        // Status changes of other residents' cases are never told in this conversation,
        // but a row keyed to it would name it after it is gone.
        erased.case_notifications += run(
            &mut tx,
            "DELETE FROM case_notifications WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.notice_deliveries += run(
            &mut tx,
            "DELETE FROM notice_deliveries WHERE conversation_id = $1",
            &one,
        )
        .await?;
        // The outbox keeps its own copy of each reply for Telegram, pending or sent.
        erased.outbox += run(
            &mut tx,
            "DELETE FROM outbox WHERE municipality_id = $1 AND message_id IN \
             (SELECT id FROM messages WHERE conversation_id = $2)",
            &scoped,
        )
        .await?;
        erased.feedback += run(
            &mut tx,
            "DELETE FROM feedback WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.unanswered += run(
            &mut tx,
            "DELETE FROM unanswered WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.decisions += run(
            &mut tx,
            "DELETE FROM decisions WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.messages += run(
            &mut tx,
            "DELETE FROM messages WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.handoffs += run(
            &mut tx,
            "DELETE FROM handoffs WHERE conversation_id = $1",
            &one,
        )
        .await?;
        // The chat's next message starts a new conversation, linked to nobody.
        erased.telegram_chats += run(
            &mut tx,
            "DELETE FROM telegram_chats WHERE municipality_id = $1 AND conversation_id = $2",
            &scoped,
        )
        .await?;
        erased.volunteer_interests += run(
            &mut tx,
            "DELETE FROM volunteer_interests WHERE volunteer_id IN \
             (SELECT id FROM volunteer_profiles WHERE conversation_id = $1)",
            &one,
        )
        .await?;
        erased.volunteer_profiles += run(
            &mut tx,
            "DELETE FROM volunteer_profiles WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.resident_conversations += run(
            &mut tx,
            "DELETE FROM resident_conversations WHERE conversation_id = $1",
            &one,
        )
        .await?;
        erased.conversations += run(
            &mut tx,
            "DELETE FROM conversations WHERE municipality_id = $1 AND id = $2",
            &scoped,
        )
        .await?;
    }
    // A link made between the first read and here (a chat linked at that moment) goes too.
    erased.resident_conversations += run(
        &mut tx,
        "DELETE FROM resident_conversations WHERE municipality_id = $1 AND resident_key = $2",
        &resident_binds,
    )
    .await?;
    erased.residents = run(
        &mut tx,
        "DELETE FROM residents WHERE municipality_id = $1 AND resident_key = $2",
        &resident_binds,
    )
    .await?;
    tx.commit().await?;
    Ok(erased)
}

/// A conversation's messages, oldest first, with the assistant's decision and the
/// resident's feedback on each reply.
async fn messages_of(store: &Store, conversation: &str) -> Result<Vec<MessageRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT m.id, m.direction, m.author, m.text, m.language, m.created_at, \
         d.decision, d.topic, d.intent, f.rating \
         FROM messages m LEFT JOIN decisions d ON d.message_id = m.id \
         LEFT JOIN feedback f ON f.message_id = m.id \
         WHERE m.conversation_id = $1 ORDER BY m.id",
    )
    .bind(conversation)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| MessageRecord {
            id: row.get(0),
            direction: row.get(1),
            author: row.get(2),
            text: row.get(3),
            language: row.get(4),
            created_at: row.get(5),
            decision: row
                .get::<Option<String>, _>(6)
                .map(|decision| DecisionRecord {
                    decision,
                    topic: row.get(7),
                    intent: row.get(8),
                }),
            feedback: row.get(9),
        })
        .collect())
}

async fn review_of(store: &Store, conversation: &str) -> Result<Vec<ReviewRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT text, decision, created_at, resolved_at FROM unanswered \
         WHERE conversation_id = $1 ORDER BY id",
    )
    .bind(conversation)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| ReviewRecord {
            text: row.get(0),
            decision: row.get(1),
            created_at: row.get(2),
            resolved_at: row.get(3),
        })
        .collect())
}

async fn handoff_of(
    store: &Store,
    conversation: &str,
) -> Result<Option<HandoffRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT status, requested_at, updated_at FROM handoffs WHERE conversation_id = $1",
    )
    .bind(conversation)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.map(|row| HandoffRecord {
        status: row.get(0),
        requested_at: row.get(1),
        updated_at: row.get(2),
    }))
}

async fn notices_of(
    store: &Store,
    conversation: &str,
) -> Result<Vec<NoticeDeliveryRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT notice_id, created_at FROM notice_deliveries WHERE conversation_id = $1 \
         ORDER BY created_at, notice_id",
    )
    .bind(conversation)
    .fetch_all(&store.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| NoticeDeliveryRecord {
            notice_id: row.get(0),
            created_at: row.get(1),
        })
        .collect())
}

async fn volunteer_of(
    store: &Store,
    conversation: &str,
) -> Result<Option<VolunteerRecord>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT id, language, profile, consent_at, created_at, updated_at FROM volunteer_profiles \
         WHERE conversation_id = $1",
    )
    .bind(conversation)
    .fetch_optional(&store.pool)
    .await?
    else {
        return Ok(None);
    };
    let volunteer_id: i64 = row.get(0);
    let interests = sqlx::query(
        "SELECT need_id, status, reasons, created_at, decided_at FROM volunteer_interests \
         WHERE volunteer_id = $1 ORDER BY id",
    )
    .bind(volunteer_id)
    .fetch_all(&store.pool)
    .await?
    .iter()
    .map(|row| VolunteerInterestRecord {
        need_id: row.get(0),
        status: row.get(1),
        reasons: json_or_text(row.get(2)),
        created_at: row.get(3),
        decided_at: row.get(4),
    })
    .collect();
    Ok(Some(VolunteerRecord {
        language: row.get(1),
        profile: json_or_text(row.get(2)),
        consent_at: row.get(3),
        created_at: row.get(4),
        updated_at: row.get(5),
        interests,
    }))
}

/// Runs one DELETE with `binds` as `$1`, `$2`, …; the rows it deleted.
async fn run(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    sql: &str,
    binds: &[&str],
) -> Result<u64, sqlx::Error> {
    let mut query = sqlx::query(sql);
    for value in binds {
        query = query.bind(*value);
    }
    Ok(query.execute(&mut **tx).await?.rows_affected())
}

/// JSON stored as text, parsed back for the export; text that is not JSON stays text.
fn json_or_text(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_erasure_summary_names_only_what_was_deleted() {
        let nothing = Erased::default();
        assert!(nothing.is_empty());
        assert_eq!(nothing.summary(), "nothing stored");
        let some = Erased {
            cases: 2,
            messages: 14,
            residents: 1,
            ..Erased::default()
        };
        assert!(!some.is_empty());
        assert_eq!(some.summary(), "cases 2, messages 14, residents 1");
    }

    #[test]
    fn stored_json_is_exported_as_json_and_other_text_as_text() {
        assert_eq!(
            json_or_text(r#"{"sv":"Vänta"}"#.to_string()),
            serde_json::json!({ "sv": "Vänta" })
        );
        assert_eq!(
            json_or_text("Vänta på svar".to_string()),
            Value::String("Vänta på svar".to_string())
        );
    }
}
