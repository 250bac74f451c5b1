//! Telegram updates into conversation turns: messages and commands, button presses, group
//! chats that address the bot; and the long-polling loop that fetches them.

use std::time::Duration;

use anyhow::Context as _;
use sqlx::Row;
use teloxide::prelude::*;
use teloxide::types::{ChatAction, Message, UpdateKind};
use tokio::sync::watch;

use super::Telegram;
use super::format::{self, Button};
use crate::app::App;
use crate::conversation::{self, Channel, ConversationId, Inbound};
use crate::intents::Intent;
use crate::knowledge::TopicId;
use crate::language::{Lang, LanguageHints};
use crate::outbox;
use crate::residents::telegram_link::Command;
use crate::store::now_millis;

/// How long one getUpdates call waits for news (below the HTTP client's own timeout).
const LONG_POLL_SECONDS: u32 = 10;
/// An update that fails this often is skipped, so one bad update cannot stop the bot.
const MAX_ATTEMPTS: u32 = 5;

/// Fetches updates until shutdown, handing each to `handle` and saving the offset after it.
pub async fn poll(app: App, telegram: Telegram, mut shutdown: watch::Receiver<bool>) {
    let municipality = app.assistant().municipality.id.clone();
    let mut offset = match last_update_id(&app, &municipality).await {
        Ok(offset) => offset,
        Err(error) => {
            tracing::error!(error = %error, "reading the Telegram offset; starting from Telegram's");
            0
        }
    };
    let mut failures: u32 = 0;
    while !*shutdown.borrow() {
        let request = telegram
            .bot
            .get_updates()
            .offset(i32::try_from(offset + 1).unwrap_or(0))
            .timeout(LONG_POLL_SECONDS);
        let updates = tokio::select! {
            result = request.send() => result,
            _ = shutdown.changed() => break,
        };
        let updates = match updates {
            Ok(updates) => updates,
            Err(error) => {
                tracing::warn!(error = %error, "getUpdates failed; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(2)) => {},
                    _ = shutdown.changed() => break,
                }
                continue;
            }
        };
        for update in updates {
            let id = i64::from(update.id.0);
            match handle(&app, &telegram, update).await {
                Ok(()) => failures = 0,
                Err(error) if failures + 1 < MAX_ATTEMPTS => {
                    failures += 1;
                    tracing::warn!(
                        error = format!("{error:#}"),
                        update = id,
                        "handling an update failed; retrying"
                    );
                    tokio::time::sleep(Duration::from_millis(200 * u64::from(failures))).await;
                    break;
                }
                Err(error) => {
                    failures = 0;
                    tracing::error!(
                        error = format!("{error:#}"),
                        update = id,
                        "skipping an update that keeps failing"
                    );
                }
            }
            offset = id;
            if let Err(error) = save_update_id(&app, &municipality, offset).await {
                tracing::warn!(error = %error, "saving the Telegram offset");
            }
        }
    }
}

/// Handles one update; doing it twice answers once.
pub async fn handle(app: &App, telegram: &Telegram, update: Update) -> anyhow::Result<()> {
    let client_id = format!("tg:{}", update.id.0);
    // A message (not a button press) is acknowledged with "typing…" once it is accepted.
    let (chat_id, inbound, language_menu, typing) = match update.kind {
        UpdateKind::Message(message) => match message_turn(telegram, &message) {
            Some((inbound, language_menu)) => (message.chat.id.0, inbound, language_menu, true),
            None => return Ok(()),
        },
        UpdateKind::CallbackQuery(query) => {
            let _ = telegram.bot.answer_callback_query(query.id.clone()).await;
            let chat_id = query
                .message
                .as_ref()
                .map(|message| message.chat().id.0)
                .unwrap_or(query.from.id.0 as i64);
            let hint = query
                .from
                .language_code
                .as_deref()
                .and_then(Lang::from_code);
            match callback_turn(query.data.as_deref().unwrap_or_default(), hint) {
                Some(inbound) => (chat_id, inbound, false, false),
                None => return Ok(()),
            }
        }
        _ => return Ok(()),
    };
    if over_limit(app, telegram, chat_id, update.id.0, inbound.hints.channel).await? {
        return Ok(());
    }
    if typing {
        // Typing is a courtesy: a failure to show it must not cost the answer.
        let _ = telegram
            .bot
            .send_chat_action(ChatId(chat_id), ChatAction::Typing)
            .await;
    }
    let assistant = app.assistant();
    let store = app.store();
    let conversation = chat_conversation(app, chat_id).await?;
    let outcome = conversation::handle(
        store,
        &assistant,
        Inbound {
            conversation: Some(conversation),
            client_message_id: Some(client_id),
            // Telegram's buttons take full addresses only; without one the text says where.
            sign_in_url: Some(crate::mina_sidor::sign_in_url(app))
                .filter(|url| url.starts_with("http"))
                .unwrap_or_default(),
            ..inbound
        },
    )
    .await
    .context("handling the turn")?;
    let mut messages = format::render(&outcome.reply);
    if language_menu {
        let buttons = assistant
            .municipality
            .languages
            .iter()
            .map(|lang| {
                vec![Button::Callback {
                    label: assistant.locales.text(*lang, "language-name", &[]),
                    data: format::language_callback(*lang),
                }]
            })
            .collect();
        if let Some(last) = messages.last_mut() {
            last.buttons = buttons;
        }
    }
    let payloads: Vec<String> = messages
        .iter()
        .map(|message| serde_json::to_string(message).unwrap_or_default())
        .collect();
    outbox::enqueue(
        store,
        &assistant.municipality.id,
        "telegram",
        chat_id,
        outcome.reply_id,
        &payloads,
    )
    .await
    .context("queueing the reply")?;
    telegram.outbox_wake.notify_one();
    app.notify(conversation);
    Ok(())
}

/// Counts a message against its chat's limit. Over it, the message is neither stored nor
/// answered, and the chat is told "please wait a minute" (in the user's Telegram language
/// when the municipality offers it) once a minute rather than hearing nothing at all.
async fn over_limit(
    app: &App,
    telegram: &Telegram,
    chat_id: i64,
    update_id: u32,
    hint: Option<Lang>,
) -> anyhow::Result<bool> {
    let limiters = app.limiters();
    if limiters.telegram_chat.check(&chat_id).is_ok() {
        return Ok(false);
    }
    if limiters.telegram_notice.check(&chat_id).is_ok() {
        let assistant = app.assistant();
        let municipality = &assistant.municipality;
        let lang = hint
            .filter(|lang| municipality.languages.contains(lang))
            .unwrap_or(municipality.default_language);
        let notice = assistant.locales.text(lang, "rate-limited-reply", &[]);
        // The notice answers no stored message: the update's id, negated, keys it in the
        // outbox (reply message ids are positive), so a replayed update queues it once.
        outbox::enqueue(
            app.store(),
            &municipality.id,
            "telegram",
            chat_id,
            -i64::from(update_id),
            &super::text_payloads(&notice),
        )
        .await
        .context("queueing the rate-limit notice")?;
        telegram.outbox_wake.notify_one();
    }
    Ok(true)
}

/// What a message asks, or `None` when the bot should stay silent (a group chat that does
/// not address it, a message with nothing to read). The flag asks for the language menu.
fn message_turn(telegram: &Telegram, message: &Message) -> Option<(Inbound, bool)> {
    let raw = message.text().or(message.caption()).unwrap_or_default();
    let mention = format!("@{}", telegram.username);
    if !message.chat.is_private() {
        let replies_to_bot = message
            .reply_to_message()
            .and_then(|replied| replied.from.as_ref())
            .is_some_and(|user| {
                user.is_bot && user.username.as_deref() == Some(&*telegram.username)
            });
        let addressed = raw.contains(&mention) || replies_to_bot;
        if !addressed {
            return None;
        }
    }
    let text = raw.replace(&mention, "").trim().to_string();
    let hint = message
        .from
        .as_ref()
        .and_then(|user| user.language_code.as_deref())
        .and_then(Lang::from_code);
    let mut inbound = telegram_inbound(text.clone(), hint);
    let mut language_menu = false;
    if let Some(command) = text.strip_prefix('/') {
        let (name, argument) = command.split_once(' ').unwrap_or((command, ""));
        match name {
            "start" => match argument.trim().strip_prefix("link-") {
                // The code is used up by this message; the transcript keeps no copy of it.
                Some(code) => {
                    inbound.command = Some(Command::Link(code.to_string()));
                    inbound.intent = Some(Intent::Greeting);
                    inbound.text = "/start link-…".to_string();
                }
                None => match argument
                    .trim()
                    .strip_prefix("topic-")
                    .and_then(TopicId::parse)
                {
                    Some(topic) => inbound.choice = Some(topic),
                    None => inbound.intent = Some(Intent::Greeting),
                },
            },
            "unlink" => {
                inbound.command = Some(Command::Unlink);
                inbound.intent = Some(Intent::Greeting);
            }
            "help" => inbound.intent = Some(Intent::Help),
            "person" => inbound.intent = Some(Intent::Human),
            "language" => {
                inbound.intent = Some(Intent::ChangeLanguage);
                language_menu = true;
            }
            // An unknown command is read as text without its slash.
            _ => inbound.text = command.to_string(),
        }
    }
    if inbound.text.is_empty() && inbound.intent.is_none() && inbound.choice.is_none() {
        // A sticker or a photo without a caption: answered as not understood.
        inbound.text = "…".to_string();
    }
    Some((inbound, language_menu))
}

/// A Telegram turn before the command or button is read into it.
fn telegram_inbound(text: String, hint: Option<Lang>) -> Inbound {
    Inbound {
        conversation: None,
        channel: Channel::Telegram,
        text,
        client_message_id: None,
        hints: LanguageHints {
            chosen: None,
            conversation: None,
            channel: hint,
        },
        choice: None,
        intent: None,
        resident: None,
        command: None,
        sign_in_url: String::new(),
    }
}

/// A button press: a topic from offered choices, or a language from the menu.
fn callback_turn(data: &str, hint: Option<Lang>) -> Option<Inbound> {
    let mut inbound = telegram_inbound(data.to_string(), hint);
    if let Some(topic) = data.strip_prefix("topic:") {
        inbound.choice = Some(TopicId::parse(topic)?);
    } else if let Some(code) = data.strip_prefix("lang:") {
        inbound.hints.chosen = Some(Lang::from_code(code)?);
        inbound.intent = Some(Intent::ChangeLanguage);
    } else {
        return None;
    }
    Some(inbound)
}

/// The conversation of a chat, started on its first message.
async fn chat_conversation(app: &App, chat_id: i64) -> anyhow::Result<ConversationId> {
    let store = app.store();
    let assistant = app.assistant();
    let municipality = &assistant.municipality.id;
    let find = || async {
        let row = sqlx::query("SELECT conversation_id FROM telegram_chats WHERE municipality_id = $1 AND chat_id = $2")
            .bind(municipality)
            .bind(chat_id)
            .fetch_optional(&store.pool)
            .await?;
        Ok::<_, sqlx::Error>(row.and_then(|row| ConversationId::parse(&row.get::<String, _>(0))))
    };
    if let Some(id) = find().await? {
        return Ok(id);
    }
    let id = conversation::start(store, &assistant, Channel::Telegram).await?;
    let turn = store.write_turn().await;
    sqlx::query(
        "INSERT INTO telegram_chats (municipality_id, chat_id, conversation_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (municipality_id, chat_id) DO NOTHING",
    )
    .bind(municipality)
    .bind(chat_id)
    .bind(id.to_string())
    .bind(now_millis())
    .execute(&store.pool)
    .await?;
    drop(turn);
    // Another instance may have mapped the chat first; its conversation wins.
    find().await?.context("the chat's conversation")
}

async fn last_update_id(app: &App, municipality: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT last_update_id FROM telegram_state WHERE municipality_id = $1")
        .bind(municipality)
        .fetch_optional(&app.store().pool)
        .await?;
    Ok(row.map(|row| row.get(0)).unwrap_or(0))
}

async fn save_update_id(app: &App, municipality: &str, update_id: i64) -> Result<(), sqlx::Error> {
    let _turn = app.store().write_turn().await;
    sqlx::query(
        "INSERT INTO telegram_state (municipality_id, last_update_id) VALUES ($1, $2) \
         ON CONFLICT (municipality_id) DO UPDATE SET last_update_id = excluded.last_update_id",
    )
    .bind(municipality)
    .bind(update_id)
    .execute(&app.store().pool)
    .await
    .map(|_| ())
}
