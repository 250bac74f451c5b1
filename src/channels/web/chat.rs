//! The chat endpoints: a resident's message in, the assistant's reply out; a transcript.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{
    AcceptLanguageHeader, ApiError, ApiJson, ErrorBody, LocalizedError, request_language,
};
use crate::app::App;
use crate::conversation::{self, Channel, ConversationId, Inbound, ReplyRecord, TranscriptMessage};
use crate::knowledge::TopicId;
use crate::language::{Lang, LanguageHints};
use crate::mina_sidor::MaybeResident;

/// The longest message accepted, in characters: longer is not a question but a paste.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

pub fn router() -> Router<App> {
    Router::new()
        .route("/api/v1/chat", post(chat))
        .route("/api/v1/conversations/{id}", get(transcript))
        .route("/api/v1/feedback", post(feedback))
}

/// A resident's message.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    /// The message; may be empty only when `topic` picks one of the offered choices.
    #[serde(default)]
    pub text: String,
    /// The conversation to continue; a new one starts when absent.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// The page's or widget's locale: a hint, weaker than what the resident writes.
    #[serde(default)]
    pub locale: Option<String>,
    /// A language the resident picked explicitly; the assistant then answers in it.
    #[serde(default)]
    pub language: Option<String>,
    /// The client's id of this message: a resend with the same id gets the same reply.
    #[serde(default)]
    pub client_message_id: Option<String>,
    /// A topic picked from the choices of an earlier reply.
    #[serde(default)]
    pub topic: Option<String>,
}

/// The assistant's reply: the conversation, the reply's message id, and the reply itself
/// (text, language, dir, decision, topic, intent, choices, links) flattened beside them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChatResponse {
    pub conversation_id: ConversationId,
    pub message_id: i64,
    #[serde(flatten)]
    pub reply: ReplyRecord,
}

/// Sends a resident's message and returns the assistant's reply.
#[utoipa::path(
    post,
    path = "/api/v1/chat",
    tag = "chat",
    request_body = ChatRequest,
    params(AcceptLanguageHeader),
    responses(
        (status = 200, description = "The assistant's reply", body = ChatResponse),
        (status = 400, description = "`invalid_json`", body = ErrorBody),
        (status = 404, description = "`conversation_not_found`, or `not_found` for an unknown `topic`", body = ErrorBody),
        (status = 413, description = "`payload_too_large` (over 64 KiB)", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = ErrorBody),
        (status = 422, description = "`empty_message`, `message_too_long` (over 2,000 characters), `unsupported_language`", body = ErrorBody),
    )
)]
pub(super) async fn chat(
    State(app): State<App>,
    headers: HeaderMap,
    MaybeResident(resident): MaybeResident,
    ApiJson(request): ApiJson<ChatRequest>,
) -> Result<Json<ChatResponse>, LocalizedError> {
    let lang = request_language(&headers, &app);
    let mut inbound = inbound(request, &headers, &app).map_err(|e| e.localized(&app, lang))?;
    // A new conversation has no allowance of its own yet: its first message counts only
    // against the client's address.
    if let Some(conversation) = inbound.conversation {
        app.limiters()
            .conversation
            .check(&conversation)
            .map_err(|retry| ApiError::TooManyRequests(retry).localized(&app, lang))?;
    }
    // The session cookie reaches this endpoint only from the service's own Mina sidor page
    // (SameSite=Lax, same origin): the widget on another site chats signed out.
    inbound.resident = resident.map(|resident| resident.key);
    let assistant = app.assistant();
    let outcome = conversation::handle(app.store(), &assistant, inbound)
        .await
        .map_err(|e| ApiError::from(e).localized(&app, lang))?;
    app.notify(outcome.conversation);
    Ok(Json(ChatResponse {
        conversation_id: outcome.conversation,
        message_id: outcome.reply_id,
        reply: outcome.reply,
    }))
}

/// Parses the request at the edge: past here every field is valid.
fn inbound(request: ChatRequest, headers: &HeaderMap, app: &App) -> Result<Inbound, ApiError> {
    let text = request.text.trim().to_string();
    let choice = match request.topic.as_deref() {
        Some(topic) => Some(TopicId::parse(topic).ok_or(ApiError::NotFound)?),
        None => None,
    };
    if text.is_empty() && choice.is_none() {
        return Err(ApiError::EmptyMessage);
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(ApiError::MessageTooLong {
            max: MAX_MESSAGE_CHARS,
        });
    }
    let conversation = match request.conversation_id.as_deref() {
        Some(id) => Some(ConversationId::parse(id).ok_or(ApiError::ConversationNotFound)?),
        None => None,
    };
    let chosen = match request.language.as_deref() {
        Some(code) => Some(Lang::from_code(code).ok_or(ApiError::UnsupportedLanguage)?),
        None => None,
    };
    let channel_hint = request
        .locale
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| {
            Some(request_language(headers, app)).filter(|_| headers.contains_key("accept-language"))
        });
    let client_message_id = request
        .client_message_id
        .map(|id| id.chars().take(128).collect::<String>())
        .filter(|id| !id.is_empty());
    // A picked choice without text is stored under the topic's title, as the resident saw it.
    let text = match (&choice, text.is_empty()) {
        (Some(topic), true) => {
            let assistant = app.assistant();
            let lang = request
                .language
                .as_deref()
                .or(request.locale.as_deref())
                .and_then(Lang::from_code)
                .unwrap_or(assistant.municipality.default_language);
            assistant
                .knowledge
                .article(topic)
                .map(|article| article.title(lang).to_string())
                .unwrap_or_else(|| topic.to_string())
        }
        _ => text,
    };
    Ok(Inbound {
        conversation,
        channel: Channel::Web,
        text,
        client_message_id,
        hints: LanguageHints {
            chosen,
            conversation: None,
            channel: channel_hint,
        },
        choice,
        intent: None,
        resident: None,
        command: None,
        sign_in_url: crate::mina_sidor::sign_in_url(app),
    })
}

/// A conversation's messages in order.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct TranscriptResponse {
    conversation_id: ConversationId,
    messages: Vec<TranscriptMessage>,
}

/// A conversation's transcript: whoever holds its id may read it.
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}",
    tag = "chat",
    params(
        ("id" = uuid::Uuid, Path, description = "The conversation id a chat reply returned"),
        AcceptLanguageHeader,
    ),
    responses(
        (status = 200, description = "The messages in order", body = TranscriptResponse),
        (status = 404, description = "`conversation_not_found`", body = ErrorBody),
    )
)]
pub(super) async fn transcript(
    State(app): State<App>,
    headers: HeaderMap,
    MaybeResident(resident): MaybeResident,
    Path(id): Path<String>,
) -> Result<Json<TranscriptResponse>, LocalizedError> {
    let lang = request_language(&headers, &app);
    let conversation = ConversationId::parse(&id)
        .ok_or(ApiError::ConversationNotFound)
        .map_err(|e| e.localized(&app, lang))?;
    let municipality = app.assistant().municipality.id.clone();
    conversation::owner_check(
        app.store(),
        &municipality,
        conversation,
        resident.as_ref().map(|r| &r.key),
    )
    .await
    .map_err(|e| ApiError::from(e).localized(&app, lang))?;
    let messages = conversation::transcript(app.store(), &municipality, conversation)
        .await
        .map_err(|e| ApiError::from(e).localized(&app, lang))?;
    Ok(Json(TranscriptResponse {
        conversation_id: conversation,
        messages,
    }))
}

/// A thumbs up or down on one reply.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct FeedbackRequest {
    conversation_id: String,
    message_id: i64,
    rating: crate::feedback::Rating,
}

/// Rates one of the assistant's replies; a thumbs down puts the question in the review queue.
#[utoipa::path(
    post,
    path = "/api/v1/feedback",
    tag = "chat",
    request_body = FeedbackRequest,
    params(AcceptLanguageHeader),
    responses(
        (status = 204, description = "Recorded; the last rating of a reply counts"),
        (status = 400, description = "`invalid_json`", body = ErrorBody),
        (status = 404, description = "`conversation_not_found`, or `not_found` for a reply not in the conversation", body = ErrorBody),
    )
)]
pub(super) async fn feedback(
    State(app): State<App>,
    headers: HeaderMap,
    ApiJson(request): ApiJson<FeedbackRequest>,
) -> Result<axum::http::StatusCode, LocalizedError> {
    let lang = request_language(&headers, &app);
    let conversation = ConversationId::parse(&request.conversation_id)
        .ok_or(ApiError::ConversationNotFound)
        .map_err(|e| e.localized(&app, lang))?;
    let municipality = app.assistant().municipality.id.clone();
    crate::feedback::record(
        app.store(),
        &municipality,
        conversation,
        request.message_id,
        request.rating,
    )
    .await
    .map_err(|error| match error {
        crate::feedback::FeedbackError::NotFound => ApiError::NotFound.localized(&app, lang),
        crate::feedback::FeedbackError::Database(e) => {
            ApiError::Internal(e.into()).localized(&app, lang)
        }
    })?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
