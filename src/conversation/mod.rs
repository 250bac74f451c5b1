//! A conversation turn end to end: persist the resident's message, ask the chat core,
//! persist the reply. Channels call this; it knows the store, never HTTP or Telegram.
//!
//! The inbound message is committed before the reply is computed, and the reply in its own
//! transaction with the decision, the review record and the updated context, so a crash
//! loses nothing: a resend with the same client message id finds the stored message and
//! either returns the stored reply or computes the missing one.

mod queries;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::chat::{Assistant, Choice, Context, Decision, Turn};
use crate::knowledge::{Link, TopicId};
use crate::language::{Lang, LanguageHints};
use crate::store::Store;

pub use queries::TranscriptMessage;

/// A conversation's id: a random UUID, so it cannot be guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConversationId(pub Uuid);

impl ConversationId {
    pub fn parse(text: &str) -> Option<ConversationId> {
        Uuid::parse_str(text).ok().map(ConversationId)
    }
}

impl std::fmt::Display for ConversationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a conversation is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Web,
    Telegram,
    Cli,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Telegram => "telegram",
            Channel::Cli => "cli",
        }
    }
}

/// A resident's message as a channel hands it over.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub conversation: Option<ConversationId>,
    pub channel: Channel,
    pub text: String,
    /// The sender's id for this message; makes resending idempotent.
    pub client_message_id: Option<String>,
    pub hints: LanguageHints,
    pub choice: Option<TopicId>,
    /// An intent the channel already knows (a command).
    pub intent: Option<crate::intents::Intent>,
    /// The signed-in resident the web request comes with (its session cookie). Telegram
    /// leaves it empty: a Telegram chat speaks for the resident it is linked to.
    pub resident: Option<crate::residents::ResidentKey>,
    /// Linking or unlinking the chat to a resident (`/start link-<code>`, `/unlink`).
    pub command: Option<crate::residents::telegram_link::Command>,
    /// Where this channel sends a resident to sign in.
    pub sign_in_url: String,
}

/// The reply as stored and as every channel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReplyRecord {
    pub text: String,
    pub language: Lang,
    pub dir: String,
    pub decision: Decision,
    pub topic: Option<TopicId>,
    pub intent: Option<String>,
    pub choices: Vec<Choice>,
    pub links: Vec<Link>,
}

/// The outcome of one turn.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub conversation: ConversationId,
    pub inbound_id: i64,
    pub reply_id: i64,
    pub reply: ReplyRecord,
}

/// A turn that could not be handled.
#[derive(Debug, thiserror::Error)]
pub enum ConversationError {
    #[error("conversation not found")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Volunteering(#[from] crate::volunteering::VolunteeringError),
}

/// Whose conversation it is: a conversation linked to a resident (held while signed in, or
/// a linked Telegram chat) is theirs alone; others are anybody's who knows the id.
/// `Ok(None)` for a conversation nobody owns; `NotFound` for one owned by someone other
/// than `resident`, so a foreign conversation looks like no conversation at all.
pub async fn owner_check(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
    resident: Option<&crate::residents::ResidentKey>,
) -> Result<Option<crate::residents::ResidentKey>, ConversationError> {
    match crate::residents::of_conversation(store, municipality_id, conversation).await? {
        None => Ok(None),
        Some(owner) if Some(&owner) == resident => Ok(Some(owner)),
        Some(_) => Err(ConversationError::NotFound),
    }
}

/// Handles one resident message.
pub async fn handle(
    store: &Store,
    assistant: &Assistant,
    inbound: Inbound,
) -> Result<Outcome, ConversationError> {
    let started = std::time::Instant::now();
    let municipality = &assistant.municipality;
    // PostgreSQL's text cannot hold NUL, and a NUL means nothing to a reader: it is dropped
    // here, for every channel and both backends alike.
    let inbound = Inbound {
        text: inbound.text.replace('\0', ""),
        client_message_id: inbound.client_message_id.map(|id| id.replace('\0', "")),
        ..inbound
    };
    // A resend of a conversation's first message (its reply was lost) carries no
    // conversation id yet: its client id finds the conversation it started.
    let known = match (&inbound.conversation, &inbound.client_message_id) {
        (None, Some(client_id)) => {
            queries::conversation_of_client_message(store, &municipality.id, client_id).await?
        }
        (conversation, _) => *conversation,
    };
    // `owner`: the web resident a known conversation already belongs to. A new conversation
    // is created with its first message in one transaction.
    let (conversation, context, owner, inbound_id) = match known {
        Some(id) => {
            let context = queries::context(store, &municipality.id, id)
                .await?
                .ok_or(ConversationError::NotFound)?;
            let owner = if inbound.channel == Channel::Web {
                owner_check(store, &municipality.id, id, inbound.resident.as_ref()).await?
            } else {
                None
            };
            // A resend (same client id) finds the message stored before.
            let stored = match &inbound.client_message_id {
                Some(client_id) => queries::find_inbound(store, id, client_id).await?,
                None => None,
            };
            let inbound_id = match stored {
                Some(existing) => {
                    if let Some((reply_id, reply)) = queries::reply_to(store, existing).await? {
                        return Ok(Outcome {
                            conversation: id,
                            inbound_id: existing,
                            reply_id,
                            reply,
                        });
                    }
                    existing
                }
                None => queries::insert_inbound(store, &municipality.id, id, &inbound).await?,
            };
            (id, context, owner, inbound_id)
        }
        None => {
            let id = ConversationId(Uuid::new_v4());
            let inbound_id =
                queries::create_with_inbound(store, &municipality.id, id, &inbound).await?;
            (id, Context::default(), None, inbound_id)
        }
    };
    let is_new = known.is_none();

    // Whom the turn speaks for: the signed-in web resident (the conversation becomes theirs),
    // or the resident a Telegram chat is linked to.
    let resident = match (inbound.channel, &inbound.resident) {
        // Already theirs (checked above): nothing to link again.
        (Channel::Web, Some(_)) if owner.is_some() => owner,
        (Channel::Web, Some(key)) => crate::residents::link_conversation(
            store,
            &municipality.id,
            conversation,
            key,
            Channel::Web,
        )
        .await?
        .then(|| key.clone()),
        (Channel::Web, None) => None,
        _ => crate::residents::of_conversation(store, &municipality.id, conversation).await?,
    };

    let turn = Turn {
        text: inbound.text.clone(),
        hints: inbound.hints.clone(),
        choice: inbound.choice.clone(),
        intent: inbound.intent,
        now: Some(chrono::Utc::now()),
    };
    // While an agent has the conversation, the assistant only says the question is with
    // the contact centre; the agent answers.
    // A conversation created by this turn has no handoff to look up.
    let taken = !is_new
        && crate::handoff::status(store, conversation).await?
            == Some(crate::handoff::Status::Taken);
    let reply = if taken {
        assistant.handoff_notice(&turn, &context)
    } else {
        let reply = assistant.respond(&turn, &context);
        let flow = crate::volunteering::flow::FlowTurn {
            store,
            assistant,
            conversation,
            channel: inbound.channel,
            turn: &turn,
            context: &context,
        };
        let reply = crate::volunteering::flow::take_turn(flow, reply).await?;
        let reply = match &inbound.command {
            Some(command) => {
                crate::residents::telegram_link::take_turn(
                    store,
                    assistant,
                    conversation,
                    command,
                    reply,
                )
                .await?
            }
            None => reply,
        };
        let step = crate::cases::chat::CaseTurn {
            store,
            assistant,
            resident: resident.as_ref(),
            turn: &turn,
            sign_in_url: &inbound.sign_in_url,
        };
        crate::cases::chat::take_turn(step, reply).await?
    };
    if let Some(key) = &resident {
        crate::residents::remember(store, &municipality.id, key, reply.language).await?;
    }
    let record = ReplyRecord {
        text: reply.text.clone(),
        language: reply.language,
        dir: reply.language.dir().to_string(),
        decision: reply.decision,
        topic: reply.topic.clone(),
        intent: reply.intent.map(|intent| intent.id().to_string()),
        choices: reply.choices.clone(),
        links: reply.links.clone(),
    };
    let reply_id = queries::insert_reply(
        store,
        queries::StoredReply {
            municipality_id: &municipality.id,
            conversation,
            inbound_id,
            question: &inbound.text,
            reply: &reply,
            record: &record,
            hand_over: record.decision == Decision::Handoff && !taken,
        },
    )
    .await?;
    // Counted here, the one place every channel's turns pass, and only once the reply is
    // stored: a resend answered from the store above is not a new message.
    crate::metrics::record_chat_turn(
        inbound.channel,
        record.language,
        record.decision,
        started.elapsed(),
    );
    Ok(Outcome {
        conversation,
        inbound_id,
        reply_id,
        reply: record,
    })
}

/// The messages of a conversation in order, if it exists in this municipality.
pub async fn transcript(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<Vec<TranscriptMessage>, ConversationError> {
    if queries::context(store, municipality_id, conversation)
        .await?
        .is_none()
    {
        return Err(ConversationError::NotFound);
    }
    Ok(queries::transcript(store, conversation).await?)
}

/// The outbound messages of a conversation after message `after` (for the live stream).
pub async fn replies_after(
    store: &Store,
    conversation: ConversationId,
    after: i64,
) -> Result<Vec<TranscriptMessage>, ConversationError> {
    Ok(queries::messages_after(store, conversation, after, true).await?)
}

/// Whether the conversation exists in this municipality.
pub async fn exists(
    store: &Store,
    municipality_id: &str,
    conversation: ConversationId,
) -> Result<bool, ConversationError> {
    Ok(queries::context(store, municipality_id, conversation)
        .await?
        .is_some())
}

/// Starts a conversation for a channel that keeps its own mapping (a Telegram chat).
pub async fn start(
    store: &Store,
    assistant: &Assistant,
    channel: Channel,
) -> Result<ConversationId, ConversationError> {
    let id = ConversationId(Uuid::new_v4());
    let municipality = &assistant.municipality;
    queries::create(store, &municipality.id, id, channel).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::metrics;

    #[tokio::test]
    async fn a_resend_is_answered_from_the_store_and_counted_once() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("turns.db").display()
        );
        let store = Store::open(&url).await.expect("store");
        let assistant = Assistant::load(&Content::embedded()).expect("content");
        let municipality = &assistant.municipality;
        store
            .ensure_municipality(&municipality.id, &municipality.name)
            .await
            .expect("municipality");
        let inbound = Inbound {
            conversation: None,
            // Only this test turns on the command-line channel with these labels.
            channel: Channel::Cli,
            text: "när töms soporna?".into(),
            client_message_id: Some("resend-1".into()),
            hints: LanguageHints::default(),
            choice: None,
            intent: None,
            resident: None,
            command: None,
            sign_in_url: String::new(),
        };
        let series = r#"civic_chat_messages_total{channel="cli",decision="answer",language="sv"}"#;
        let before = metrics::value(&metrics::render(), series);
        let first = handle(&store, &assistant, inbound.clone())
            .await
            .expect("turn");
        let resent = handle(&store, &assistant, inbound).await.expect("resend");
        assert_eq!(
            (resent.conversation, resent.reply_id),
            (first.conversation, first.reply_id)
        );
        assert_eq!(metrics::value(&metrics::render(), series), before + 1.0);
    }
}
