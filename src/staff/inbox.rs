//! The handoff inbox: the conversations waiting for a person, one conversation with its
//! transcript, and the agent's actions — take, reply (delivered in the resident's own
//! channel), hand back to the assistant, close. Opening a transcript is audited.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Html;
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;

use super::accounts::{Role, StaffUser};
use super::pages::Page;
use super::{LangQuery, Staff, StaffError, audit, check_csrf, page_lang, require};
use crate::app::App;
use crate::conversation::{self, ConversationId};
use crate::delivery::{self, Author};
use crate::handoff::{self, Status};
use crate::language::Lang;

pub fn router() -> Router<App> {
    Router::new()
        .route("/staff/inbox", get(inbox_page))
        .route("/staff/inbox/{id}", get(conversation_page))
        .route("/staff/inbox/{id}/{action}", post(act))
}

async fn inbox_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Agent, lang)?;
    let municipality = app.assistant().municipality.id.clone();
    let handoffs = handoff::inbox(app.store(), &municipality).await?;
    Ok(Page::new(&app, lang, "inbox", "staff-inbox")
        .signed_in(&user)
        .render("inbox", json!({ "handoffs": handoffs })))
}

async fn conversation_page(
    State(app): State<App>,
    Staff(user): Staff,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Agent, lang)?;
    let conversation = ConversationId::parse(&id).ok_or(StaffError::NotFound(lang))?;
    conversation_view(&app, &user, lang, conversation, None).await
}

async fn conversation_view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    conversation: ConversationId,
    notice: Option<&str>,
) -> Result<Html<String>, StaffError> {
    let municipality = app.assistant().municipality.id.clone();
    let entry = handoff::inbox(app.store(), &municipality)
        .await?
        .into_iter()
        .find(|h| h.conversation_id == conversation.to_string());
    let messages = match conversation::transcript(app.store(), &municipality, conversation).await {
        Ok(messages) => messages,
        Err(conversation::ConversationError::NotFound) => return Err(StaffError::NotFound(lang)),
        Err(error) => return Err(StaffError::Internal(error.into())),
    };
    // A transcript is a resident's personal data: every look at one is recorded.
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "conversation.view",
        &conversation.to_string(),
        "",
    )
    .await?;
    let mut page = Page::new(app, lang, "inbox", "staff-conversation").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    let status = entry.as_ref().map(|h| h.status);
    let mut actions = Vec::new();
    if status != Some(Status::Taken) {
        actions.push(json!({ "action": "take", "label": page.text("staff-inbox-take") }));
    }
    if status == Some(Status::Taken) {
        actions.push(json!({ "action": "release", "label": page.text("staff-inbox-release") }));
    }
    actions.push(json!({ "action": "close", "label": page.text("staff-inbox-close") }));
    Ok(page.render(
        "conversation",
        json!({
            "conversation_id": conversation.to_string(),
            "status": status.map(|s| format!("{s:?}").to_lowercase()).unwrap_or_else(|| "closed".into()),
            "channel": entry.as_ref().map(|h| h.channel.clone()).unwrap_or_default(),
            "language": entry.as_ref().and_then(|h| h.language.clone()).unwrap_or_default(),
            "messages": messages,
            "actions": actions,
        }),
    ))
}

#[derive(Debug, Deserialize)]
struct ActionForm {
    csrf: String,
    #[serde(default)]
    text: String,
}

async fn act(
    State(app): State<App>,
    Staff(user): Staff,
    Path((id, action)): Path<(String, String)>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<ActionForm>,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Agent, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let conversation = ConversationId::parse(&id).ok_or(StaffError::NotFound(lang))?;
    let assistant = app.assistant();
    let municipality = assistant.municipality.id.clone();
    let store = app.store();
    let notice = match action.as_str() {
        "take" | "release" | "close" => {
            let (status, agent) = match action.as_str() {
                "take" => (Status::Taken, Some(user.id)),
                "release" => (Status::Waiting, None),
                _ => (Status::Closed, None),
            };
            if !handoff::set_status(store, &municipality, conversation, status, agent).await? {
                return Err(StaffError::NotFound(lang));
            }
            audit::record(
                store,
                &municipality,
                Some(user.id),
                &format!("handoff.{action}"),
                &conversation.to_string(),
                "",
            )
            .await?;
            None
        }
        "reply" => {
            let text = form.text.trim();
            if text.is_empty() {
                return conversation_view(&app, &user, lang, conversation, None).await;
            }
            if !conversation::exists(store, &municipality, conversation)
                .await
                .map_err(|e| StaffError::Internal(e.into()))?
            {
                return Err(StaffError::NotFound(lang));
            }
            // Answering takes the conversation, so the assistant stops answering over the agent.
            handoff::request(store, &municipality, conversation).await?;
            handoff::set_status(
                store,
                &municipality,
                conversation,
                Status::Taken,
                Some(user.id),
            )
            .await?;
            let language = conversation::transcript(store, &municipality, conversation)
                .await
                .map_err(|e| StaffError::Internal(e.into()))?
                .into_iter()
                .rev()
                .find_map(|m| m.language);
            let message_id = delivery::deliver(
                &app,
                &municipality,
                conversation,
                Author::Staff,
                text,
                language.as_deref(),
            )
            .await?;
            audit::record(
                store,
                &municipality,
                Some(user.id),
                "handoff.reply",
                &conversation.to_string(),
                &format!("message {message_id}"),
            )
            .await?;
            Some("staff-inbox-sent")
        }
        _ => return Err(StaffError::NotFound(lang)),
    };
    conversation_view(&app, &user, lang, conversation, notice).await
}
