//! `spawn_app`: the real service on a free port with its own data directory.

use std::net::SocketAddr;

use civic_assistant::channels::telegram::TelegramSettings;
use civic_assistant::config::Settings;
use serde_json::{Value, json};
use sqlx::sqlite::SqlitePoolOptions;
use tempfile::TempDir;

pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub data_dir: TempDir,
}

/// Starts the service as `serve` does, on 127.0.0.1:0 with a fresh data directory.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(None).await
}

/// `spawn_app` with a Telegram bot.
pub async fn spawn_app_with(telegram: Option<TelegramSettings>) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let settings = Settings {
        addr: "127.0.0.1:0".into(),
        data_dir: data_dir.path().to_path_buf(),
        database_url: None,
        content_dir: None,
        telegram,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        if let Err(error) = civic_assistant::run(settings, listener, std::future::pending()).await {
            panic!("service failed: {error:#}");
        }
    });
    TestApp {
        address,
        client: reqwest::Client::new(),
        data_dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// POSTs a chat message and returns the status and the JSON body.
    pub async fn chat(&self, body: Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.url("/api/v1/chat"))
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Sends `text` in `conversation` (a new one when `None`) and returns the reply.
    pub async fn say(&self, conversation: Option<&str>, text: &str) -> Value {
        let mut body = json!({ "text": text });
        if let Some(id) = conversation {
            body["conversation_id"] = json!(id);
        }
        let (status, reply) = self.chat(body).await;
        assert_eq!(status, 200, "{reply}");
        reply
    }

    /// The service's own SQLite database, read directly.
    pub async fn database(&self) -> sqlx::SqlitePool {
        let path = self.data_dir.path().join("civic-assistant.db");
        SqlitePoolOptions::new()
            .connect(&format!("sqlite://{}", path.display()))
            .await
            .expect("open the service's database")
    }
}

/// One line per reply: decision, topic or intent, language.
pub fn summary(reply: &Value) -> String {
    let field = |name: &str| reply[name].as_str().unwrap_or("-").to_string();
    format!(
        "{} {} {} {}",
        field("decision"),
        field("topic"),
        field("intent"),
        field("language")
    )
}
