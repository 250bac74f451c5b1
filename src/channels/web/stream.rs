//! The live stream of a conversation (Server-Sent Events): every reply stored for it, also
//! those that do not answer a request of this client (a contact-centre agent's reply).
//!
//! SSE rather than WebSocket: the stream only flows from server to resident (messages go up
//! as plain POSTs, which retry and dedupe simply), it passes every proxy as ordinary HTTP, and
//! the browser's EventSource reconnects and resumes from Last-Event-ID by itself. Any instance
//! can serve it: it reads the store, woken early by messages stored on this instance.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{AcceptLanguageHeader, ApiError, ErrorBody, LocalizedError, request_language};
use crate::app::App;
use crate::conversation::{self, ConversationId, TranscriptMessage};

/// How often a stream looks for messages stored by other instances.
const POLL: Duration = Duration::from_secs(1);

pub fn router() -> Router<App> {
    Router::new().route("/api/v1/conversations/{id}/events", get(events))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct EventsQuery {
    /// Only messages after this message id; `Last-Event-ID` takes precedence when sent.
    after: Option<i64>,
}

/// The conversation's messages as Server-Sent Events (`event: message`, `id`: the message id,
/// `data`: the message as JSON), from the stored ones after `after` to every new one.
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}/events",
    tag = "chat",
    params(
        ("id" = uuid::Uuid, Path, description = "The conversation id a chat reply returned"),
        EventsQuery,
        ("last-event-id" = Option<i64>, Header, description = "Resume after this message id (sent by EventSource on reconnect)"),
        AcceptLanguageHeader,
    ),
    responses(
        (status = 200, description = "An endless event stream; each event's data is one message", content_type = "text/event-stream", body = TranscriptMessage),
        (status = 404, description = "`conversation_not_found`", body = ErrorBody),
    )
)]
pub(super) async fn events(
    State(app): State<App>,
    headers: HeaderMap,
    crate::mina_sidor::MaybeResident(resident): crate::mina_sidor::MaybeResident,
    Path(id): Path<String>,
    Query(query): Query<EventsQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, LocalizedError> {
    let lang = request_language(&headers, &app);
    let not_found = || ApiError::ConversationNotFound.localized(&app, lang);
    let conversation = ConversationId::parse(&id).ok_or_else(not_found)?;
    let municipality = app.assistant().municipality.id.clone();
    let exists = conversation::exists(app.store(), &municipality, conversation)
        .await
        .map_err(|e| ApiError::from(e).localized(&app, lang))?;
    if !exists {
        return Err(not_found());
    }
    // A resident's conversation streams to that resident only.
    conversation::owner_check(
        app.store(),
        &municipality,
        conversation,
        resident.as_ref().map(|r| &r.key),
    )
    .await
    .map_err(|e| ApiError::from(e).localized(&app, lang))?;
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<i64>().ok());
    let after = last_event_id.or(query.after).unwrap_or(0);
    let wake = app.subscribe();
    let state = (app, conversation, after, wake, Vec::<Event>::new());
    let events = stream::unfold(
        state,
        |(app, conversation, mut after, mut wake, mut pending)| async move {
            loop {
                if let Some(event) = pending.pop() {
                    return Some((Ok(event), (app, conversation, after, wake, pending)));
                }
                match conversation::replies_after(app.store(), conversation, after).await {
                    Ok(messages) if !messages.is_empty() => {
                        for message in messages.into_iter().rev() {
                            after = after.max(message.id);
                            let data = serde_json::to_string(&message).unwrap_or_default();
                            pending.push(
                                Event::default()
                                    .event("message")
                                    .id(message.id.to_string())
                                    .data(data),
                            );
                        }
                        continue;
                    }
                    Ok(_) => {}
                    Err(error) => tracing::warn!(error = %error, "reading a conversation stream"),
                }
                // Wait for a message on this instance or the next poll, whichever comes first.
                let _ = tokio::time::timeout(POLL, async {
                    while let Ok(changed) = wake.recv().await {
                        if changed == conversation {
                            break;
                        }
                    }
                })
                .await;
            }
        },
    );
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
