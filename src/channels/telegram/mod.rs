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

use std::collections::HashMap;

use crate::app::{App, in_tenant};
use crate::store::exclusive;

/// Where Telegram posts updates in webhook mode.
pub const WEBHOOK_PATH: &str = "/api/v1/telegram/webhook";

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

impl TelegramSettings {
    /// What is wrong with these settings, in words that never repeat a secret; empty when
    /// they can be used. Checked before connecting, so a typo is named rather than met as a
    /// refusal from the Bot API.
    pub fn problems(&self) -> Vec<String> {
        let token_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        let mut problems = Vec::new();
        let (bot_id, key) = self.token.split_once(':').unwrap_or_default();
        let token_ok = !bot_id.is_empty()
            && bot_id.bytes().all(|b| b.is_ascii_digit())
            && !key.is_empty()
            && key.bytes().all(token_char);
        if !token_ok {
            problems.push(
                "the Telegram bot token is not of the form <bot id>:<key> that BotFather gives"
                    .to_string(),
            );
        }
        if let Some(api_url) = &self.api_url
            && let Err(error) = url::Url::parse(api_url)
        {
            problems.push(format!(
                "the Telegram API URL {api_url:?} is not a URL: {error}"
            ));
        }
        if let Some(webhook) = &self.webhook {
            match url::Url::parse(&webhook.url) {
                Ok(url) if url.scheme() == "https" => {}
                Ok(_) => problems.push(format!(
                    "the webhook URL {:?} must use https: Telegram posts only to HTTPS",
                    webhook.url
                )),
                Err(error) => problems.push(format!(
                    "the webhook URL {:?} is not a URL: {error}",
                    webhook.url
                )),
            }
            let secret = webhook.secret.as_bytes();
            if !(1..=256).contains(&secret.len()) || !secret.iter().all(|b| token_char(*b)) {
                problems.push(
                    "the webhook secret must be 1 to 256 of A-Z, a-z, 0-9, _ and -".to_string(),
                );
            }
        }
        problems
    }
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
        let problems = settings.problems();
        if !problems.is_empty() {
            anyhow::bail!("{}", problems.join("; "));
        }
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
    /// The bot works for the municipality `tenant`.
    pub fn spawn(
        &self,
        app: &App,
        tenant: &str,
        shutdown: watch::Receiver<bool>,
    ) -> Vec<tokio::task::JoinHandle<()>> {
        // With several instances, one sends (per-chat order and Telegram's rate limits are
        // per bot) and one polls (Telegram allows one getUpdates at a time); webhooks are
        // taken by every instance.
        let (sender_app, sender_bot) = (app.clone(), self.clone());
        let mut tasks = vec![tokio::spawn(in_tenant(
            tenant.to_string(),
            exclusive::run_exclusively(
                app.store().clone(),
                format!("telegram-sender:{tenant}"),
                shutdown.clone(),
                move |shutdown| sender::run(sender_app, sender_bot, shutdown),
            ),
        ))];
        if self.webhook_secret.is_none() {
            let (poll_app, poll_bot) = (app.clone(), self.clone());
            tasks.push(tokio::spawn(in_tenant(
                tenant.to_string(),
                exclusive::run_exclusively(
                    app.store().clone(),
                    format!("telegram-poller:{tenant}"),
                    shutdown,
                    move |shutdown| updates::poll(poll_app, poll_bot, shutdown),
                ),
            )));
        }
        tasks
    }
}

/// The webhook route for every municipality's bot: the request's municipality (its host
/// name) picks the bot.
pub fn router(bots: HashMap<String, Telegram>) -> Router<App> {
    let bots = Arc::new(bots);
    Router::new().route(
        WEBHOOK_PATH,
        post(
            move |State(app): State<App>, headers: HeaderMap, body: Bytes| {
                let telegram = bots.get(&app.current_tenant()).cloned();
                async move {
                    match telegram {
                        Some(telegram) => webhook(app, telegram, headers, body).await,
                        None => StatusCode::NOT_FOUND,
                    }
                }
            },
        ),
    )
}

/// One update posted by Telegram: checked against the secret, handled, acknowledged. The
/// route exists only when the bot runs in webhook mode.
#[utoipa::path(
    post,
    path = "/api/v1/telegram/webhook",
    tag = "telegram",
    params(
        ("x-telegram-bot-api-secret-token" = String, Header, description = "The webhook secret configured with the bot"),
    ),
    request_body(
        content = Object,
        description = "A Telegram Bot API `Update` (https://core.telegram.org/bots/api#update)",
        content_type = "application/json"
    ),
    responses(
        (status = 200, description = "Handled, or dropped as malformed (Telegram would retry it forever)"),
        (status = 401, description = "The secret is missing or wrong"),
        (status = 404, description = "The bot does not run in webhook mode"),
        (status = 503, description = "Not handled now; Telegram retries and the update id makes the retry harmless"),
    )
)]
pub(crate) async fn webhook(
    app: App,
    telegram: Telegram,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
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
        // Only where it failed: serde's message may quote the resident's text.
        Err(error) => {
            tracing::warn!(
                category = ?error.classify(),
                line = error.line(),
                column = error.column(),
                "a webhook body that is not an update"
            );
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
    use super::{TelegramSettings, Webhook, constant_time_eq};

    #[test]
    fn settings_problems_are_named_without_the_secrets() {
        let good = TelegramSettings {
            token: "123456:AAH-x_9".into(),
            api_url: Some("http://127.0.0.1:8081/".into()),
            webhook: Some(Webhook {
                url: "https://assistant.exempelby.example/api/v1/telegram/webhook".into(),
                secret: "s3cret-token".into(),
            }),
        };
        assert!(good.problems().is_empty(), "{:?}", good.problems());
        let bad = TelegramSettings {
            token: "hunter2".into(),
            api_url: Some("not a url".into()),
            webhook: Some(Webhook {
                url: "http://assistant.exempelby.example/hook".into(),
                secret: "with space".into(),
            }),
        };
        let problems = bad.problems();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[2].contains("https"), "{problems:?}");
        assert!(
            problems
                .iter()
                .all(|p| !p.contains("hunter2") && !p.contains("with space")),
            "{problems:?}"
        );
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(constant_time_eq(b"secret-1", b"secret-1"));
        assert!(!constant_time_eq(b"secret-2", b"secret-1"));
        assert!(!constant_time_eq(b"secret", b"secret-1"));
        assert!(!constant_time_eq(b"", b"secret-1"));
    }
}
