//! Retention: rows written with old timestamps are deleted past the limit, table by table;
//! recent ones and another municipality's stay. Also `civic-assistant retention run`.

use civic_assistant::retention::{self, Deleted};
use civic_assistant::store::{Store, now_millis};
use sqlx::Row;

use crate::helpers::fresh_database;

const DAY: i64 = 24 * 60 * 60 * 1000;
const HERE: &str = "exempelby";

/// Writes rows directly, at the times a test chooses.
struct Rows<'a> {
    store: &'a Store,
}

impl Rows<'_> {
    async fn conversation(&self, municipality: &str, id: &str, updated_at: i64) {
        sqlx::query(
            "INSERT INTO conversations (id, municipality_id, channel, context, created_at, updated_at) \
             VALUES ($1, $2, 'web', '{}', $3, $3)",
        )
        .bind(id)
        .bind(municipality)
        .bind(updated_at)
        .execute(&self.store.pool)
        .await
        .expect("a conversation");
    }

    /// A question at `asked` and its answer at `answered`, with a decision; the ids.
    async fn exchange(
        &self,
        municipality: &str,
        conversation: &str,
        asked: i64,
        answered: i64,
    ) -> (i64, i64) {
        let message = |direction: &'static str, reply_to: Option<i64>, at: i64| {
            sqlx::query(
                "INSERT INTO messages (conversation_id, municipality_id, direction, text, reply_to, created_at) \
                 VALUES ($1, $2, $3, 'text', $4, $5) RETURNING id",
            )
            .bind(conversation.to_string())
            .bind(municipality.to_string())
            .bind(direction)
            .bind(reply_to)
            .bind(at)
        };
        let question: i64 = message("in", None, asked)
            .fetch_one(&self.store.pool)
            .await
            .expect("a question")
            .get(0);
        let answer: i64 = message("out", Some(question), answered)
            .fetch_one(&self.store.pool)
            .await
            .expect("an answer")
            .get(0);
        sqlx::query(
            "INSERT INTO decisions (message_id, conversation_id, municipality_id, decision, language, \
             confidence, runner_up, payload, created_at) VALUES ($1, $2, $3, 'unknown', 'sv', 0, 0, '{}', $4)",
        )
        .bind(answer)
        .bind(conversation)
        .bind(municipality)
        .bind(answered)
        .execute(&self.store.pool)
        .await
        .expect("a decision");
        (question, answer)
    }

    async fn unanswered(&self, conversation: &str, question: i64, at: i64) {
        sqlx::query(
            "INSERT INTO unanswered (municipality_id, conversation_id, message_id, text, language, decision, \
             confidence, created_at) VALUES ($1, $2, $3, 'text', 'sv', 'unknown', 0, $4)",
        )
        .bind(HERE)
        .bind(conversation)
        .bind(question)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("a review record");
    }

    async fn feedback(&self, conversation: &str, answer: i64, at: i64) {
        sqlx::query(
            "INSERT INTO feedback (message_id, conversation_id, municipality_id, rating, created_at) \
             VALUES ($1, $2, $3, 'down', $4)",
        )
        .bind(answer)
        .bind(conversation)
        .bind(HERE)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("feedback");
    }

    async fn telegram_chat(&self, chat_id: i64, conversation: &str, answer: i64, at: i64) {
        sqlx::query(
            "INSERT INTO telegram_chats (municipality_id, chat_id, conversation_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(HERE)
        .bind(chat_id)
        .bind(conversation)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("a chat mapping");
        sqlx::query(
            "INSERT INTO outbox (municipality_id, channel, chat_id, message_id, part, payload, status, attempts, \
             next_attempt_at, created_at) VALUES ($1, 'telegram', $2, $3, 0, '{}', 'sent', 1, $4, $4)",
        )
        .bind(HERE)
        .bind(chat_id)
        .bind(answer)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("an outbox row");
    }

    async fn handoff(&self, conversation: &str, at: i64) {
        sqlx::query(
            "INSERT INTO handoffs (conversation_id, municipality_id, status, requested_at, updated_at) \
             VALUES ($1, $2, 'closed', $3, $3)",
        )
        .bind(conversation)
        .bind(HERE)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("a handoff");
    }

    /// Links `conversation` to a resident through `channel`, with a notice told to it.
    async fn resident_link(&self, conversation: &str, channel: &str, at: i64) {
        sqlx::query(
            "INSERT INTO resident_conversations (conversation_id, municipality_id, resident_key, channel, created_at) \
             VALUES ($1, $2, 'resident-key', $3, $4)",
        )
        .bind(conversation)
        .bind(HERE)
        .bind(channel)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("a resident link");
        let notice: i64 = sqlx::query(
            "INSERT INTO notices (municipality_id, topic, district, texts, published_at, expires_at) \
             VALUES ($1, 'water', '', '{}', $2, $2) RETURNING id",
        )
        .bind(HERE)
        .bind(at)
        .fetch_one(&self.store.pool)
        .await
        .expect("a notice")
        .get(0);
        sqlx::query(
            "INSERT INTO notice_deliveries (notice_id, conversation_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(notice)
        .bind(conversation)
        .bind(at)
        .execute(&self.store.pool)
        .await
        .expect("a delivery");
    }

    async fn ids(&self, sql: &str) -> Vec<String> {
        let mut ids: Vec<String> = sqlx::query(sql)
            .fetch_all(&self.store.pool)
            .await
            .expect("a query")
            .iter()
            .map(|row| {
                row.try_get::<String, _>(0)
                    .unwrap_or_else(|_| row.get::<i64, _>(0).to_string())
            })
            .collect();
        ids.sort();
        ids
    }
}

#[tokio::test]
async fn exactly_what_is_past_the_limit_is_deleted_table_by_table() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Store::open(&fresh_database(dir.path()).await)
        .await
        .expect("the store");
    for (id, name) in [(HERE, "Exempelby kommun"), ("grannby", "Grannby kommun")] {
        store
            .ensure_municipality(id, name)
            .await
            .expect("municipality");
    }
    let rows = Rows { store: &store };
    let now = now_millis();
    let old = now - 120 * DAY;
    let recent = now - 10 * DAY;
    let limit = retention::cutoff(now, 90);

    // Old: everything about it goes, its Telegram mapping and handoff too.
    rows.conversation(HERE, "old", old).await;
    let (old_q, old_a) = rows.exchange(HERE, "old", old, old + 1).await;
    rows.unanswered("old", old_q, old).await;
    rows.feedback("old", old_a, old).await;
    rows.telegram_chat(1, "old", old_a, old).await;
    rows.handoff("old", old).await;
    // Recent: everything stays.
    rows.conversation(HERE, "recent", recent).await;
    let (recent_q, recent_a) = rows.exchange(HERE, "recent", recent, recent + 1).await;
    rows.unanswered("recent", recent_q, recent).await;
    rows.feedback("recent", recent_a, recent).await;
    rows.telegram_chat(2, "recent", recent_a, recent).await;
    rows.handoff("recent", recent).await;
    // Long-running: its old exchange goes, the conversation and its new exchange stay; the
    // reply just past the limit goes with the question it answers.
    rows.conversation(HERE, "long", recent).await;
    let (long_old_q, _) = rows.exchange(HERE, "long", limit - 1, limit + 1).await;
    let (long_new_q, long_new_a) = rows.exchange(HERE, "long", recent, recent + 1).await;
    rows.unanswered("long", long_old_q, limit - 1).await;
    // Started long ago and never written in: goes. Started today and not yet written in: stays.
    rows.conversation(HERE, "empty-old", old).await;
    rows.conversation(HERE, "empty-new", now).await;
    // A web chat held while signed in goes like any other, with its link to the resident;
    // a Telegram chat the resident linked stays (only its old messages go) until unlinked.
    rows.conversation(HERE, "signed-in-web", old).await;
    rows.exchange(HERE, "signed-in-web", old, old + 1).await;
    rows.resident_link("signed-in-web", "web", old).await;
    rows.conversation(HERE, "linked-telegram", old).await;
    rows.exchange(HERE, "linked-telegram", old, old + 1).await;
    rows.resident_link("linked-telegram", "telegram", old).await;
    // Another municipality's old rows are not this run's.
    rows.conversation("grannby", "neighbour", old).await;
    let (neighbour_q, neighbour_a) = rows.exchange("grannby", "neighbour", old, old + 1).await;

    let deleted = retention::run_once(&store, HERE, limit)
        .await
        .expect("a run")
        .expect("no other instance holds the lock");
    assert_eq!(
        deleted,
        Deleted {
            feedback: 1,
            unanswered: 2,
            decisions: 4,
            messages: 8,
            outbox: 1,
            handoffs: 1,
            telegram_chats: 1,
            deliveries: 1,
            resident_links: 1,
            conversations: 3,
        }
    );

    let ids = |list: &[i64]| {
        let mut ids: Vec<String> = list.iter().map(i64::to_string).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        rows.ids("SELECT id FROM conversations").await,
        [
            "empty-new",
            "linked-telegram",
            "long",
            "neighbour",
            "recent"
        ]
    );
    assert_eq!(
        rows.ids("SELECT conversation_id FROM resident_conversations")
            .await,
        ["linked-telegram"]
    );
    assert_eq!(
        rows.ids("SELECT conversation_id FROM notice_deliveries")
            .await,
        ["linked-telegram"]
    );
    assert_eq!(
        rows.ids("SELECT id FROM messages").await,
        ids(&[
            recent_q,
            recent_a,
            long_new_q,
            long_new_a,
            neighbour_q,
            neighbour_a
        ])
    );
    assert_eq!(
        rows.ids("SELECT message_id FROM decisions").await,
        ids(&[recent_a, long_new_a, neighbour_a])
    );
    assert_eq!(
        rows.ids("SELECT message_id FROM unanswered").await,
        ids(&[recent_q])
    );
    assert_eq!(
        rows.ids("SELECT message_id FROM feedback").await,
        ids(&[recent_a])
    );
    assert_eq!(
        rows.ids("SELECT conversation_id FROM telegram_chats").await,
        ["recent"]
    );
    assert_eq!(
        rows.ids("SELECT message_id FROM outbox").await,
        ids(&[recent_a])
    );
    assert_eq!(
        rows.ids("SELECT conversation_id FROM handoffs").await,
        ["recent"]
    );
    // Nothing is left to do: a second run deletes nothing.
    let again = retention::run_once(&store, HERE, limit)
        .await
        .expect("a second run")
        .expect("the lock");
    assert_eq!(again, Deleted::default());
}

#[tokio::test]
async fn on_postgresql_one_instance_at_a_time_runs_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let store = Store::open(&fresh_database(dir.path()).await)
        .await
        .expect("the store");
    if store.backend != civic_assistant::store::Backend::Postgres {
        // SQLite has one instance by construction; its writers take turns.
        return;
    }
    // Another instance holds the job's lock.
    let mut other = store.pool.acquire().await.expect("a connection");
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(retention::ADVISORY_LOCK_KEY)
        .execute(&mut *other)
        .await
        .expect("the lock");
    let limit = retention::cutoff(now_millis(), 90);
    let skipped = retention::run_once(&store, HERE, limit)
        .await
        .expect("a run");
    assert_eq!(skipped, None);
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(retention::ADVISORY_LOCK_KEY)
        .execute(&mut *other)
        .await
        .expect("the unlock");
    drop(other);
    let ran = retention::run_once(&store, HERE, limit)
        .await
        .expect("a run");
    assert_eq!(ran, Some(Deleted::default()));
}

#[test]
fn the_command_runs_the_job_once_and_prints_the_counts() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args(["retention", "run", "--retention-days", "30", "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("run retention");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("older than 30 days"), "{stdout}");
    for table in ["messages", "conversations", "unanswered", "telegram_chats"] {
        assert!(stdout.contains(&format!("{table}\t0")), "{stdout}");
    }
}
