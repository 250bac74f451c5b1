//! The Telegram adapter against a Bot API emulator over real HTTP: commands, questions in
//! Swedish and Arabic, buttons, escaping, group chats, webhook secrets, 429, and a crash.

use std::process::{Child, Command, Stdio};

use civic_assistant::channels::telegram::{TelegramSettings, Webhook};
use serde_json::Value;
use sqlx::Row;

use crate::emulator::{BOT_USERNAME, Emulator, Failure, callback_update, message_update};
use crate::helpers::{TestApp, spawn_app_with};

async fn bot(api_url: &str) -> TestApp {
    spawn_app_with(Some(TelegramSettings {
        token: "123:TEST".into(),
        api_url: Some(api_url.into()),
        webhook: None,
    }))
    .await
}

fn buttons(reply_markup: &Value) -> Vec<(String, String)> {
    reply_markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|button| {
            let label = button["text"].as_str().unwrap_or_default().to_string();
            let target = button["callback_data"]
                .as_str()
                .or(button["url"].as_str())
                .unwrap_or_default()
                .to_string();
            (label, target)
        })
        .collect()
}

#[tokio::test]
async fn residents_chat_with_the_bot() {
    let (emulator, api_url) = Emulator::start().await;
    let app = bot(&api_url).await;
    // The service has started once it has polled; a readiness probe makes sure.
    app.client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("ready");

    emulator.message(1, "/start", "sv");
    emulator.wait_until(|e| e.sent_to(1).len() == 1).await;
    let greeting = &emulator.sent_to(1)[0];
    assert!(greeting.text.starts_with("Hej!"), "{}", greeting.text);
    assert_eq!(greeting.parse_mode.as_deref(), Some("HTML"));

    emulator.message(1, "när töms soporna?", "sv");
    emulator.wait_until(|e| e.sent_to(1).len() == 2).await;
    let answer = &emulator.sent_to(1)[1];
    // "&" in "Vatten & Avfall" is escaped for HTML mode.
    assert!(
        answer.text.contains("Exempelby Vatten &amp; Avfall AB"),
        "{}",
        answer.text
    );
    assert!(
        buttons(&answer.reply_markup)
            .iter()
            .any(|(_, url)| url == "https://www.exempelby.example/avfall/hamtschema"),
        "links are URL buttons: {:?}",
        answer.reply_markup
    );
    assert!(
        emulator.chat_actions() >= 2,
        "typing is shown while composing"
    );

    emulator.message(2, "كيف أسجل طفلي في الروضة؟", "ar");
    emulator.wait_until(|e| e.sent_to(2).len() == 1).await;
    let arabic = &emulator.sent_to(2)[0].text;
    assert!(
        arabic
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "{arabic}"
    );

    // /language offers the languages as buttons; pressing one switches and is answered.
    emulator.message(3, "/language", "sv");
    emulator.wait_until(|e| e.sent_to(3).len() == 1).await;
    let menu = buttons(&emulator.sent_to(3)[0].reply_markup);
    assert_eq!(menu.len(), 9, "{menu:?}");
    assert!(
        menu.contains(&("English".to_string(), "lang:en".to_string())),
        "{menu:?}"
    );
    emulator.push(callback_update(3, "lang:en"));
    emulator.wait_until(|e| e.sent_to(3).len() == 2).await;
    assert_eq!(
        emulator.sent_to(3)[1].text,
        "I will write in English from now on."
    );
    emulator.push(callback_update(3, "topic:library"));
    emulator.wait_until(|e| e.sent_to(3).len() == 3).await;
    assert!(
        emulator.sent_to(3)[2].text.contains("library"),
        "{}",
        emulator.sent_to(3)[2].text
    );
    assert!(
        emulator.callback_answers() >= 2,
        "callback queries are answered"
    );

    // A deep link opens a topic.
    emulator.message(4, "/start topic-sfi", "sv");
    emulator.wait_until(|e| e.sent_to(4).len() == 1).await;
    assert!(
        emulator.sent_to(4)[0].text.to_lowercase().contains("sfi"),
        "{}",
        emulator.sent_to(4)[0].text
    );

    // In a group the bot speaks only when addressed.
    emulator.push(message_update(-5, "group", "när töms soporna?", "sv"));
    emulator.push(message_update(
        -5,
        "group",
        &format!("@{BOT_USERNAME} när töms soporna?"),
        "sv",
    ));
    emulator.wait_until(|e| !e.sent_to(-5).is_empty()).await;
    emulator.message(6, "hej", "sv");
    emulator.wait_until(|e| e.sent_to(6).len() == 1).await;
    assert_eq!(
        emulator.sent_to(-5).len(),
        1,
        "the unaddressed group message got no reply"
    );
    assert!(
        emulator
            .sent()
            .iter()
            .all(|s| s.text.chars().count()
                <= civic_assistant::channels::telegram::MAX_MESSAGE_CHARS)
    );
}

#[tokio::test]
async fn a_429_is_waited_out_and_the_reply_is_delivered_once() {
    let (emulator, api_url) = Emulator::start().await;
    let _app = bot(&api_url).await;
    emulator.fail_next(Failure::RetryAfter(1));
    emulator.fail_next(Failure::ServerError);
    emulator.message(7, "var ligger biblioteket?", "sv");
    emulator.wait_until(|e| e.sent_to(7).len() == 1).await;
    assert_eq!(emulator.send_attempts(), 3, "429, then 502, then delivered");
    emulator.message(7, "tack", "sv");
    emulator.wait_until(|e| e.sent_to(7).len() == 2).await;
    assert_eq!(emulator.sent_to(7).len(), 2);
}

#[tokio::test]
async fn the_webhook_checks_its_secret_and_answers_a_retried_update_once() {
    let (emulator, api_url) = Emulator::start().await;
    let app = spawn_app_with(Some(TelegramSettings {
        token: "123:TEST".into(),
        api_url: Some(api_url),
        webhook: Some(Webhook {
            url: "https://assistant.exempelby.example/api/v1/telegram/webhook".into(),
            secret: "s3cret-token".into(),
        }),
    }))
    .await;
    let post = |secret: &'static str, body: Value| {
        app.client
            .post(app.url("/api/v1/telegram/webhook"))
            .header("x-telegram-bot-api-secret-token", secret)
            .json(&body)
            .send()
    };
    let mut update = message_update(8, "private", "när töms soporna?", "sv");
    update["update_id"] = serde_json::json!(77);
    assert_eq!(
        post("wrong", update.clone()).await.expect("post").status(),
        401
    );
    assert_eq!(
        app.client
            .post(app.url("/api/v1/telegram/webhook"))
            .json(&update)
            .send()
            .await
            .expect("post")
            .status(),
        401,
        "no secret at all"
    );
    assert_eq!(
        emulator.webhook().map(|(_, secret)| secret).as_deref(),
        Some("s3cret-token")
    );
    assert_eq!(
        post("s3cret-token", update.clone())
            .await
            .expect("post")
            .status(),
        200
    );
    assert_eq!(
        post("s3cret-token", update).await.expect("post").status(),
        200,
        "Telegram retries"
    );
    emulator.wait_until(|e| e.sent_to(8).len() == 1).await;
    let mut next = message_update(8, "private", "tack", "sv");
    next["update_id"] = serde_json::json!(78);
    assert_eq!(
        post("s3cret-token", next).await.expect("post").status(),
        200
    );
    emulator.wait_until(|e| e.sent_to(8).len() == 2).await;
    assert!(
        emulator.sent_to(8)[1].text.starts_with("Varsågod"),
        "the retried update was answered once"
    );
}

/// A child process that is killed when the test ends, whichever way it ends.
struct Service(Child);

impl Service {
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The real binary, serving with the bot, on `database_url`.
fn serve(data_dir: &std::path::Path, database_url: &str, api_url: &str) -> Service {
    let child = Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env("DATABASE_URL", database_url)
        .env("CIVIC_ASSISTANT_TELEGRAM_TOKEN", "123:TEST")
        .env("CIVIC_ASSISTANT_TELEGRAM_API_URL", api_url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the service");
    Service(child)
}

#[tokio::test]
async fn killed_with_messages_in_flight_every_message_gets_exactly_one_reply() {
    const MESSAGES: i64 = 200;
    let (emulator, api_url) = Emulator::start().await;
    let data_dir = tempfile::tempdir().expect("data directory");
    let database_url = crate::helpers::fresh_database(data_dir.path()).await;
    let mut service = serve(data_dir.path(), &database_url, &api_url);
    for chat in 1..=MESSAGES {
        emulator.message(1000 + chat, "när töms soporna?", "sv");
    }
    // Let some replies out, then cut the Bot API off and kill the service mid-flight: the
    // rest are received, persisted, being answered or queued for retry.
    emulator.wait_until(|e| e.sent().len() >= 20).await;
    emulator.close_gate();
    emulator.wait_until(|e| e.refused() >= 1).await;
    service.kill();
    let delivered_before = emulator.sent().len();
    assert!(
        delivered_before < MESSAGES as usize,
        "the kill came before the end"
    );
    emulator.open_gate();

    let mut service = serve(data_dir.path(), &database_url, &api_url);
    emulator
        .wait_until(|e| (1..=MESSAGES).all(|chat| !e.sent_to(1000 + chat).is_empty()))
        .await;
    // Nothing is left to send, so nothing more can arrive: now count.
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .connect(&database_url)
        .await
        .expect("database");
    let pending = || async {
        sqlx::query("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")
            .fetch_one(&pool)
            .await
            .expect("outbox")
            .get::<i64, _>(0)
    };
    // The last row is marked sent just after the emulator records it.
    let mut checks = 0;
    while pending().await > 0 {
        checks += 1;
        assert!(checks < 600, "the outbox never emptied");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    service.kill();
    for chat in 1..=MESSAGES {
        assert_eq!(
            emulator.sent_to(1000 + chat).len(),
            1,
            "chat {chat} got exactly one reply"
        );
    }
    let inbound: i64 = sqlx::query("SELECT COUNT(*) FROM messages WHERE direction = 'in'")
        .fetch_one(&pool)
        .await
        .expect("count")
        .get(0);
    assert_eq!(inbound, MESSAGES, "every update was stored once");
}
