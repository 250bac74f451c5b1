//! The Telegram channel: the municipality's bot, on teloxide.
//!
//! Updates arrive by long polling (one instance) or by webhook (behind a load balancer).
//! Each update is handed to the conversation store under the client message id
//! `tg:<update_id>`, so an update delivered twice — a restart before the offset was saved, a
//! webhook retry — is answered once. Replies go to the durable outbox first and are sent
//! from there, in order per chat, within Telegram's rate limits, with retry on 429 and 5xx.
//! The chat core never sees a Telegram type: this module translates at the edge.

mod format;
mod sender;
mod updates;

pub use format::{Button, MAX_MESSAGE_CHARS, OutgoingMessage, escape, split};

use std::sync::Arc;

use anyhow::Context as _;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use teloxide::prelude::*;
use tokio::sync::{Notify, watch};

use crate::app::App;

/// The outbox payloads that carry a plain text (an agent's reply) to a Telegram chat.
pub fn text_payloads(text: &str) -> Vec<String> {
    format::with_buttons(text, Vec::new())
        .iter()
        .map(|message| serde_json::to_string(message).unwrap_or_default())
        .collect()
}

/// How the bot is run, from the command line or the environment.
#[derive(Debug, Clone)]
pub struct TelegramSettings {
    /// The bot token from BotFather; a secret.
    pub token: String,
    /// The Bot API base URL; Telegram's own when absent (tests point it at an emulator).
    pub api_url: Option<String>,
    /// Webhook mode: the public URL Telegram posts updates to, and the secret it sends
    /// along. Long polling when absent.
    pub webhook: Option<Webhook>,
}

#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: String,
    pub secret: String,
}

/// The running bot, shared by the update handler, the sender and the webhook route.
#[derive(Clone)]
pub struct Telegram {
    bot: Bot,
    /// The bot's @username, to tell whether a group message addresses it.
    username: Arc<str>,
    /// Wakes the sender when a reply was queued.
    outbox_wake: Arc<Notify>,
    webhook_secret: Option<Arc<str>>,
}

impl Telegram {
    /// Connects to the Bot API (getMe) and sets or removes the webhook.
    pub async fn connect(settings: &TelegramSettings) -> anyhow::Result<Telegram> {
        let mut bot = Bot::new(settings.token.clone());
        if let Some(url) = &settings.api_url {
            bot = bot.set_api_url(url.parse().context("the Telegram API URL")?);
        }
        let me = bot
            .get_me()
            .await
            .context("asking the Bot API who the bot is (getMe)")?;
        match &settings.webhook {
            Some(webhook) => {
                bot.set_webhook(webhook.url.parse().context("the webhook URL")?)
                    .secret_token(webhook.secret.clone())
                    .await
                    .context("setting the webhook")?;
            }
            None => {
                bot.delete_webhook()
                    .await
                    .context("removing a webhook before long polling")?;
            }
        }
        Ok(Telegram {
            bot,
            username: Arc::from(me.username()),
            outbox_wake: Arc::new(Notify::new()),
            webhook_secret: settings
                .webhook
                .as_ref()
                .map(|w| Arc::from(w.secret.as_str())),
        })
    }

    /// The bot's @username, without the @.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// Starts the sender and, without a webhook, the long-polling loop; both stop when
    /// `shutdown` turns true (the sender after flushing what is due).
    pub fn spawn(
        &self,
        app: &App,
        shutdown: watch::Receiver<bool>,
    ) -> Vec<tokio::task::JoinHandle<()>> {
        let mut tasks = vec![tokio::spawn(sender::run(
            app.clone(),
            self.clone(),
            shutdown.clone(),
        ))];
        if self.webhook_secret.is_none() {
            tasks.push(tokio::spawn(updates::poll(
                app.clone(),
                self.clone(),
                shutdown,
            )));
        }
        tasks
    }

    /// The webhook route, when the bot runs in webhook mode.
    pub fn router(&self) -> Router<App> {
        let telegram = self.clone();
        Router::new().route(
            "/api/v1/telegram/webhook",
            post(
                move |State(app): State<App>, headers: HeaderMap, body: Bytes| {
                    let telegram = telegram.clone();
                    async move { webhook(app, telegram, headers, body).await }
                },
            ),
        )
    }
}

/// One update posted by Telegram: checked against the secret, handled, acknowledged.
async fn webhook(app: App, telegram: Telegram, headers: HeaderMap, body: Bytes) -> StatusCode {
    let Some(secret) = &telegram.webhook_secret else {
        return StatusCode::NOT_FOUND;
    };
    let given = headers
        .get("x-telegram-bot-api-secret-token")
        .map(|value| value.as_bytes())
        .unwrap_or_default();
    if !constant_time_eq(given, secret.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let update: teloxide::types::Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        // Telegram would retry a malformed update forever; accept and drop it.
        Err(error) => {
            tracing::warn!(error = %error, "a webhook body that is not an update");
            return StatusCode::OK;
        }
    };
    match updates::handle(&app, &telegram, update).await {
        Ok(()) => StatusCode::OK,
        // Telegram retries on an error status; the update id makes the retry harmless.
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "handling a webhook update");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Compares secrets in time that depends only on their lengths, not on where they differ.
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn secrets_compare_whole() {
        assert!(constant_time_eq(b"secret-1", b"secret-1"));
        assert!(!constant_time_eq(b"secret-2", b"secret-1"));
        assert!(!constant_time_eq(b"secret", b"secret-1"));
        assert!(!constant_time_eq(b"", b"secret-1"));
    }
}
