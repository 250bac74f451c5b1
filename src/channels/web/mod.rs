//! The web channel: the HTTP API, health endpoints and the demo page.

mod chat;
pub mod error;
mod stream;
mod widget;

pub use chat::{ChatRequest, ChatResponse, MAX_MESSAGE_CHARS};

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, Method};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::trace::TraceLayer;

use crate::app::App;
use error::{ApiError, LocalizedError};

/// The largest request body accepted: a chat message is at most a few kilobytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every route of the service; `extra` holds the routes of other channels (the Telegram
/// webhook), which share the error handling and limits.
pub fn router(app: App, extra: Router<App>) -> Router {
    let cors = cors(&app);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(widget::router())
        .merge(chat::router())
        .merge(stream::router())
        .merge(crate::staff::router())
        .merge(crate::mina_sidor::router())
        .merge(crate::cases::integration::router())
        .merge(extra)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors)
        .layer(TraceLayer::new_for_http())
        .with_state(app)
}

/// Cross-origin access for the municipality's own web pages, which embed the widget.
fn cors(app: &App) -> CorsLayer {
    let origins: Vec<HeaderValue> = app
        .assistant()
        .municipality
        .allowed_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT_LANGUAGE,
            "last-event-id".parse().expect("a valid header name"),
        ])
}

/// Alive: the process answers.
async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

/// Ready: the database answers and the knowledge index is loaded.
async fn readyz(State(app): State<App>) -> Result<Json<serde_json::Value>, LocalizedError> {
    let assistant = app.assistant();
    let articles = assistant.knowledge.articles().len();
    if articles == 0 || !app.store().ping().await {
        return Err(ApiError::Unavailable.localized(&app, assistant.municipality.default_language));
    }
    Ok(Json(
        serde_json::json!({ "status": "ready", "articles": articles }),
    ))
}

async fn not_found(State(app): State<App>, headers: axum::http::HeaderMap) -> impl IntoResponse {
    let lang = error::request_language(&headers, &app);
    (
        StatusCode::NOT_FOUND,
        ApiError::NotFound.localized(&app, lang),
    )
}
