//! A Bot API emulator that speaks real HTTP, for the Telegram tests.
//!
//! Our own rather than telegram-test-api (npm): that one lacks sendChatAction and
//! getWebhookInfo, which teloxide calls, and has no way to answer 429 with retry_after, to
//! fail with a 5xx, or to hold a send while the service is killed — which the reliability
//! tests need. It implements the methods the adapter uses, with Telegram's JSON shapes.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const BOT_USERNAME: &str = "ExempelbyBot";
pub const BOT_ID: i64 = 4242;

/// A message the bot sent.
#[derive(Debug, Clone)]
pub struct Sent {
    pub chat_id: i64,
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Value,
}

/// How the next sendMessage calls fail.
#[derive(Debug, Clone)]
pub enum Failure {
    RetryAfter(u32),
    ServerError,
}

#[derive(Default)]
struct Inner {
    updates: Vec<Value>,
    next_update_id: i64,
    sent: Vec<Sent>,
    send_attempts: usize,
    failures: VecDeque<Failure>,
    gate_closed: bool,
    /// sendMessage calls refused during an outage.
    held: usize,
    chat_actions: usize,
    callback_answers: usize,
    webhook: Option<(String, String)>,
    /// The bot's @username in getMe; `BOT_USERNAME` when empty.
    username: String,
}

#[derive(Clone, Default)]
pub struct Emulator {
    inner: Arc<Mutex<Inner>>,
    changed: Arc<Notify>,
}

impl Emulator {
    /// Serves the emulator on a free port and returns it with its base URL.
    pub async fn start() -> (Emulator, String) {
        let emulator = Emulator::default();
        emulator.lock().next_update_id = 1000;
        let app = Router::new()
            .route("/{bot}/{method}", post(method).get(method))
            .with_state(emulator.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind emulator");
        let address: SocketAddr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        (emulator, format!("http://{address}/"))
    }

    /// `start` for a bot called `username` (another municipality's bot).
    pub async fn start_as(username: &str) -> (Emulator, String) {
        let (emulator, url) = Emulator::start().await;
        emulator.lock().username = username.to_string();
        (emulator, url)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues an update with the next update id; returns the id.
    pub fn push(&self, mut update: Value) -> i64 {
        let id = {
            let mut inner = self.lock();
            let id = inner.next_update_id;
            inner.next_update_id += 1;
            update["update_id"] = json!(id);
            inner.updates.push(update);
            id
        };
        self.changed.notify_waiters();
        id
    }

    /// A private-chat text message from user `chat_id`.
    pub fn message(&self, chat_id: i64, text: &str, language_code: &str) -> i64 {
        self.push(message_update(chat_id, "private", text, language_code))
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    pub fn sent_to(&self, chat_id: i64) -> Vec<Sent> {
        self.sent()
            .into_iter()
            .filter(|s| s.chat_id == chat_id)
            .collect()
    }

    pub fn send_attempts(&self) -> usize {
        self.lock().send_attempts
    }

    pub fn chat_actions(&self) -> usize {
        self.lock().chat_actions
    }

    pub fn callback_answers(&self) -> usize {
        self.lock().callback_answers
    }

    pub fn webhook(&self) -> Option<(String, String)> {
        self.lock().webhook.clone()
    }

    pub fn fail_next(&self, failure: Failure) {
        self.lock().failures.push_back(failure);
    }

    /// Fails every sendMessage from now on with 502 (an outage of the Bot API).
    pub fn close_gate(&self) {
        self.lock().gate_closed = true;
    }

    pub fn open_gate(&self) {
        self.lock().gate_closed = false;
    }

    /// How many sendMessage calls the outage refused.
    pub fn refused(&self) -> usize {
        self.lock().held
    }

    /// Waits until `condition` holds, woken by every change (no polling interval to tune).
    pub async fn wait_until(&self, condition: impl Fn(&Emulator) -> bool) {
        let guard = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            loop {
                let changed = self.changed.notified();
                if condition(self) {
                    return;
                }
                // Also re-check now and then: some conditions depend on the service's store.
                let _ = tokio::time::timeout(std::time::Duration::from_millis(200), changed).await;
            }
        })
        .await;
        assert!(
            guard.is_ok(),
            "the emulator never saw the expected state; sent: {:?}",
            self.sent()
        );
    }
}

pub fn message_update(chat_id: i64, chat_type: &str, text: &str, language_code: &str) -> Value {
    let chat = if chat_type == "private" {
        json!({ "id": chat_id, "type": "private", "first_name": "Resident" })
    } else {
        json!({ "id": chat_id, "type": chat_type, "title": "Grannar" })
    };
    json!({
        "message": {
            "message_id": 1,
            "date": 1_700_000_000,
            "chat": chat,
            "from": { "id": chat_id.abs(), "is_bot": false, "first_name": "Resident", "language_code": language_code },
            "text": text,
        }
    })
}

pub fn callback_update(chat_id: i64, data: &str) -> Value {
    json!({
        "callback_query": {
            "id": format!("cb-{chat_id}-{data}"),
            "from": { "id": chat_id, "is_bot": false, "first_name": "Resident", "language_code": "sv" },
            "chat_instance": "1",
            "data": data,
            "message": {
                "message_id": 2,
                "date": 1_700_000_000,
                "chat": { "id": chat_id, "type": "private", "first_name": "Resident" },
                "from": { "id": BOT_ID, "is_bot": true, "first_name": "Exempelby", "username": BOT_USERNAME },
                "text": "…",
            }
        }
    })
}

fn ok(result: Value) -> Json<Value> {
    Json(json!({ "ok": true, "result": result }))
}

async fn method(
    State(emulator): State<Emulator>,
    Path((_bot, method)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Json<Value> {
    // JSON for most methods; multipart form data for those that may carry a file (setWebhook).
    let params: Value = serde_json::from_slice(&body).unwrap_or_else(|_| multipart_fields(&body));
    // Telegram's method names are case-insensitive, and teloxide writes them capitalised.
    match method.to_ascii_lowercase().as_str() {
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Exempelby",
            "username": match emulator.lock().username.as_str() {
                "" => BOT_USERNAME.to_string(),
                name => name.to_string(),
            },
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "has_main_web_app": false,
        })),
        "getupdates" => get_updates(emulator, params).await,
        "sendmessage" => send_message(emulator, params).await,
        "sendchataction" => {
            emulator.lock().chat_actions += 1;
            ok(json!(true))
        }
        "answercallbackquery" => {
            emulator.lock().callback_answers += 1;
            emulator.changed.notify_waiters();
            ok(json!(true))
        }
        "setwebhook" => {
            let url = params["url"].as_str().unwrap_or_default().to_string();
            let secret = params["secret_token"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            emulator.lock().webhook = Some((url, secret));
            ok(json!(true))
        }
        "deletewebhook" => {
            emulator.lock().webhook = None;
            ok(json!(true))
        }
        "getwebhookinfo" => {
            ok(json!({ "url": "", "has_custom_certificate": false, "pending_update_count": 0 }))
        }
        _ => Json(
            json!({ "ok": false, "error_code": 404, "description": "Not Found: method not found" }),
        ),
    }
}

async fn get_updates(emulator: Emulator, params: Value) -> Json<Value> {
    let offset = params["offset"].as_i64().unwrap_or(0);
    let timeout = params["timeout"].as_u64().unwrap_or(0).min(30);
    let pending = |emulator: &Emulator| -> Vec<Value> {
        emulator
            .lock()
            .updates
            .iter()
            .filter(|u| u["update_id"].as_i64().unwrap_or(0) >= offset)
            .cloned()
            .collect()
    };
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(timeout);
    loop {
        let changed = emulator.changed.notified();
        let updates = pending(&emulator);
        if !updates.is_empty() || tokio::time::Instant::now() >= deadline {
            return ok(Value::Array(updates));
        }
        let _ = tokio::time::timeout_at(deadline, changed).await;
    }
}

async fn send_message(emulator: Emulator, params: Value) -> Json<Value> {
    {
        let mut inner = emulator.lock();
        inner.send_attempts += 1;
        if inner.gate_closed {
            // An outage: nothing gets through, so whatever was in flight when the service
            // died was certainly not delivered.
            inner.held += 1;
            drop(inner);
            emulator.changed.notify_waiters();
            return Json(json!({ "ok": false, "error_code": 502, "description": "Bad Gateway" }));
        }
    }
    let failure = emulator.lock().failures.pop_front();
    match failure {
        Some(Failure::RetryAfter(seconds)) => {
            emulator.changed.notify_waiters();
            return Json(json!({
                "ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {seconds}"),
                "parameters": { "retry_after": seconds },
            }));
        }
        Some(Failure::ServerError) => {
            emulator.changed.notify_waiters();
            return Json(json!({ "ok": false, "error_code": 502, "description": "Bad Gateway" }));
        }
        None => {}
    }
    let chat_id = params["chat_id"].as_i64().unwrap_or_default();
    let text = params["text"].as_str().unwrap_or_default().to_string();
    let message_id = {
        let mut inner = emulator.lock();
        inner.sent.push(Sent {
            chat_id,
            text: text.clone(),
            parse_mode: params["parse_mode"].as_str().map(str::to_string),
            reply_markup: params["reply_markup"].clone(),
        });
        inner.sent.len()
    };
    emulator.changed.notify_waiters();
    ok(json!({
        "message_id": message_id,
        "date": 1_700_000_000,
        "chat": { "id": chat_id, "type": "private", "first_name": "Resident" },
        "from": { "id": BOT_ID, "is_bot": true, "first_name": "Exempelby", "username": BOT_USERNAME },
        "text": text,
    }))
}

/// The text fields of a multipart/form-data body, as a JSON object.
fn multipart_fields(body: &[u8]) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text
        .split("Content-Disposition: form-data; name=\"")
        .skip(1)
    {
        let Some((name, rest)) = part.split_once('"') else {
            continue;
        };
        let Some((_, value)) = rest.split_once("\r\n\r\n") else {
            continue;
        };
        let value = value.split("\r\n--").next().unwrap_or_default();
        fields.insert(name.to_string(), Value::String(value.to_string()));
    }
    Value::Object(fields)
}
