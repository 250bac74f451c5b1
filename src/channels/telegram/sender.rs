//! Sends the Telegram rows of the outbox: in order per chat, at most one message a second to
//! a chat and thirty a second overall (Telegram's limits), waiting out 429's `retry_after`,
//! backing off on network errors and 5xx, giving up only on a refusal that will not change.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, ParseMode};
use teloxide::{ApiError, RequestError};
use tokio::sync::watch;

use super::Telegram;
use super::format::{Button, OutgoingMessage};
use crate::app::App;
use crate::outbox::{self, OutboxRow};
use crate::store::now_millis;

/// Telegram's documented limits for bots.
const PER_CHAT_INTERVAL: Duration = Duration::from_secs(1);
const GLOBAL_INTERVAL: Duration = Duration::from_millis(34);
/// How many pending rows one round looks at.
const BATCH: i64 = 200;
/// Attempts before a row that keeps failing with an unknown error is given up.
const MAX_ATTEMPTS: i64 = 12;

/// What became of one attempt.
enum Attempt {
    Sent,
    /// Try again after this long.
    Later(Duration, String),
    /// Telegram refused for good (the user blocked the bot, the chat is gone).
    Refused(String),
}

/// Sends until shutdown; on shutdown, stops after the round in progress.
pub async fn run(app: App, telegram: Telegram, mut shutdown: watch::Receiver<bool>) {
    let municipality = app.assistant().municipality.id.clone();
    let mut last_to_chat: HashMap<i64, Instant> = HashMap::new();
    let mut last_sent = Instant::now() - GLOBAL_INTERVAL;
    let mut paused_until = Instant::now();
    loop {
        let rows = match outbox::pending(app.store(), &municipality, "telegram", BATCH).await {
            Ok(rows) => rows,
            Err(error) => {
                tracing::warn!(error = %error, "reading the outbox");
                Vec::new()
            }
        };
        let mut waiting = false;
        let mut blocked: HashSet<i64> = HashSet::new();
        for row in rows {
            if blocked.contains(&row.chat_id) {
                continue;
            }
            let now = Instant::now();
            let due = row.next_attempt_at <= now_millis();
            let chat_ready = last_to_chat
                .get(&row.chat_id)
                .is_none_or(|last| now.duration_since(*last) >= PER_CHAT_INTERVAL);
            if !due || !chat_ready || now < paused_until {
                // Later rows of the same chat wait behind this one: order is kept per chat.
                blocked.insert(row.chat_id);
                waiting = true;
                continue;
            }
            let since = now.duration_since(last_sent);
            if since < GLOBAL_INTERVAL {
                tokio::time::sleep(GLOBAL_INTERVAL - since).await;
            }
            last_sent = Instant::now();
            match send(&telegram, &row).await {
                Attempt::Sent => {
                    last_to_chat.insert(row.chat_id, Instant::now());
                    if let Err(error) = outbox::mark_sent(app.store(), row.id).await {
                        tracing::error!(error = %error, row = row.id, "marking an outbox row sent");
                    }
                }
                Attempt::Later(wait, error) => {
                    blocked.insert(row.chat_id);
                    waiting = true;
                    if error.starts_with("retry after") {
                        paused_until = Instant::now() + wait;
                    }
                    let at = now_millis() + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 2);
                    let result = if row.attempts + 1 >= MAX_ATTEMPTS {
                        outbox::mark_failed(app.store(), row.id, &error).await
                    } else {
                        outbox::retry_at(app.store(), row.id, at, &error).await
                    };
                    if let Err(error) = result {
                        tracing::error!(error = %error, row = row.id, "rescheduling an outbox row");
                    }
                }
                Attempt::Refused(error) => {
                    tracing::warn!(row = row.id, error = %error, "Telegram refused a message for good");
                    if let Err(error) = outbox::mark_failed(app.store(), row.id, &error).await {
                        tracing::error!(error = %error, row = row.id, "marking an outbox row failed");
                    }
                }
            }
        }
        if *shutdown.borrow() {
            break;
        }
        let idle = if waiting {
            Duration::from_millis(100)
        } else {
            Duration::from_secs(1)
        };
        tokio::select! {
            _ = telegram.outbox_wake.notified() => {},
            _ = tokio::time::sleep(idle) => {},
            _ = shutdown.changed() => {},
        }
    }
}

async fn send(telegram: &Telegram, row: &OutboxRow) -> Attempt {
    let message: OutgoingMessage = match serde_json::from_str(&row.payload) {
        Ok(message) => message,
        Err(error) => return Attempt::Refused(format!("unreadable payload: {error}")),
    };
    let mut request = telegram
        .bot
        .send_message(ChatId(row.chat_id), message.html)
        .parse_mode(ParseMode::Html);
    if !message.buttons.is_empty() {
        request = request.reply_markup(keyboard(&message.buttons));
    }
    match request.await {
        Ok(_) => Attempt::Sent,
        Err(RequestError::RetryAfter(seconds)) => Attempt::Later(
            seconds.duration(),
            format!("retry after {}s", seconds.seconds()),
        ),
        Err(RequestError::Network(error)) => {
            Attempt::Later(backoff(row.attempts), format!("network: {error}"))
        }
        Err(RequestError::Io(error)) => {
            Attempt::Later(backoff(row.attempts), format!("io: {error}"))
        }
        Err(RequestError::InvalidJson { source, .. }) => {
            Attempt::Later(backoff(row.attempts), format!("invalid response: {source}"))
        }
        Err(RequestError::Api(ApiError::Unknown(description))) => {
            // Server errors (5xx) come back as unknown API errors; they pass.
            Attempt::Later(backoff(row.attempts), description)
        }
        Err(error) => Attempt::Refused(error.to_string()),
    }
}

/// 1 s, 2 s, 4 s … up to five minutes.
fn backoff(attempts: i64) -> Duration {
    Duration::from_secs(1u64 << attempts.clamp(0, 8)).min(Duration::from_secs(300))
}

fn keyboard(rows: &[Vec<Button>]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.iter().map(|row| {
        row.iter()
            .filter_map(|button| match button {
                Button::Callback { label, data } => {
                    Some(InlineKeyboardButton::callback(label.clone(), data.clone()))
                }
                Button::Url { label, url } => url
                    .parse()
                    .ok()
                    .map(|url| InlineKeyboardButton::url(label.clone(), url)),
            })
            .collect::<Vec<_>>()
    }))
}
