//! Several instances on one PostgreSQL database, as behind a load balancer: an article
//! published through one is answered by the other, a conversation moves between them without
//! losing its place, and a Telegram update delivered to both is answered once.
//!
//! These need a server, so they run in the PostgreSQL pass of `scripts/test`
//! (`CIVIC_ASSISTANT_TEST_POSTGRES`); on SQLite, one instance per database is the design and
//! they return at once.

use std::time::Duration;

use civic_assistant::channels::telegram::{TelegramSettings, Webhook};
use serde_json::{Value, json};
use sqlx::Row;

use crate::emulator::{Emulator, message_update};
use crate::helpers::{TEST_DATABASE_ENV, TestApp, fresh_database, spawn_instance};
use crate::staff::{PASSWORD, add_user, browser, hidden_csrf, sign_in};

/// Two instances on one fresh database, the second started once the first is ready (so the
/// demo needs are loaded once); `None` without a PostgreSQL server.
async fn two_instances(telegram: Option<TelegramSettings>) -> Option<(TestApp, TestApp)> {
    if std::env::var(TEST_DATABASE_ENV).map_or(true, |url| url.is_empty()) {
        eprintln!("runs only against PostgreSQL ({TEST_DATABASE_ENV}); skipped on SQLite");
        return None;
    }
    let first_dir = tempfile::tempdir().expect("temporary directory");
    let database_url = fresh_database(first_dir.path()).await;
    let first = spawn_instance(database_url.clone(), first_dir, telegram.clone()).await;
    let second_dir = tempfile::tempdir().expect("temporary directory");
    let second = spawn_instance(database_url, second_dir, telegram).await;
    Some((first, second))
}

async fn say_in(app: &TestApp, conversation: Option<&str>, body: Value) -> Value {
    let mut body = body;
    if let Some(id) = conversation {
        body["conversation_id"] = json!(id);
    }
    let (status, reply) = app.chat(body).await;
    assert_eq!(status, 200, "{reply}");
    reply
}

#[tokio::test]
async fn an_article_published_through_one_instance_is_answered_by_the_other() {
    let Some((a, b)) = two_instances(None).await else {
        return;
    };
    let question = "zibbleflorp borrowing";
    assert_eq!(b.say(None, question).await["decision"], "unknown");
    add_user(&a, "erik", "editor");
    let editor = browser();
    sign_in(&a, &editor, "erik", PASSWORD).await;
    let form = editor
        .get(a.url("/staff/articles/library?edit=en"))
        .send()
        .await
        .expect("edit page")
        .text()
        .await
        .expect("html");
    let published = editor
        .post(a.url("/staff/articles/library?edit=en"))
        .form(&[
            ("csrf", hidden_csrf(&form)),
            ("status", "reviewed".into()),
            ("title", "The library".into()),
            ("body", "Borrow books at {{places.library.name}}.".into()),
            ("phrasings", format!("{question}\nhow do I borrow a book")),
            ("keywords", "library\nbooks".into()),
            ("action", "publish".into()),
        ])
        .send()
        .await
        .expect("publish");
    assert_eq!(published.status(), 200);
    // The other instance hears of it by NOTIFY and rebuilds its index; wait for that rather
    // than for a fixed time.
    let mut answered = Value::Null;
    for _ in 0..100 {
        answered = b.say(None, question).await;
        if answered["topic"] == "library" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(answered["decision"], "answer", "{answered}");
    assert_eq!(answered["text"], "Borrow books at Exempelby bibliotek.");
}

#[tokio::test]
async fn a_conversation_moves_between_instances_without_losing_its_place() {
    let Some((a, b)) = two_instances(None).await else {
        return;
    };
    // The volunteer questions keep their state in the conversation: each answer goes to the
    // other instance.
    let first = say_in(&a, None, json!({ "text": "jag vill hjälpa till" })).await;
    let id = first["conversation_id"].as_str().expect("id").to_string();
    let turns = [
        json!({ "text": "läxhjälp" }),
        json!({ "text": "svenska och arabiska" }),
        json!({ "text": "tisdagar eftermiddag" }),
        json!({ "text": "Norrby" }),
        json!({ "text": "40" }),
        json!({ "text": "ja" }),
        json!({ "text": "ja" }),
    ];
    let mut last = first;
    for (n, turn) in turns.into_iter().enumerate() {
        let instance = if n % 2 == 0 { &b } else { &a };
        last = say_in(instance, Some(&id), turn).await;
        assert_eq!(last["decision"], "flow", "{last}");
    }
    assert!(
        last["text"]
            .as_str()
            .is_some_and(|text| text.contains("Läxhjälp för nyanlända elever")),
        "{last}"
    );
    // Both instances show the whole transcript.
    for instance in [&a, &b] {
        let transcript: Value = instance
            .client
            .get(instance.url(&format!("/api/v1/conversations/{id}")))
            .send()
            .await
            .expect("transcript")
            .json()
            .await
            .expect("json");
        assert_eq!(transcript["messages"].as_array().map(Vec::len), Some(16));
    }
}

#[tokio::test]
async fn a_telegram_update_delivered_to_both_instances_is_answered_once() {
    let (emulator, api_url) = Emulator::start().await;
    let telegram = TelegramSettings {
        token: "123:TEST".into(),
        api_url: Some(api_url),
        webhook: Some(Webhook {
            url: "https://assistant.exempelby.example/api/v1/telegram/webhook".into(),
            secret: "s3cret-token".into(),
        }),
    };
    let Some((a, b)) = two_instances(Some(telegram)).await else {
        return;
    };
    let mut update = message_update(8, "private", "när töms soporna?", "sv");
    update["update_id"] = json!(91);
    // Telegram retried: the load balancer sent the first try to one instance and the retry
    // to the other.
    for instance in [&a, &b] {
        let response = instance
            .client
            .post(instance.url("/api/v1/telegram/webhook"))
            .header("x-telegram-bot-api-secret-token", "s3cret-token")
            .json(&update)
            .send()
            .await
            .expect("webhook");
        assert_eq!(response.status(), 200);
    }
    emulator.wait_until(|e| e.sent_to(8).len() == 1).await;
    let database = a.database().await;
    let counts = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM messages m JOIN telegram_chats t ON t.conversation_id = m.conversation_id \
         WHERE t.chat_id = 8), (SELECT COUNT(*) FROM outbox WHERE chat_id = 8)",
    )
    .fetch_one(&database)
    .await
    .expect("counts");
    assert_eq!(
        (counts.get::<i64, _>(0), counts.get::<i64, _>(1)),
        (2, 1),
        "one message in, one reply, one delivery"
    );
}
