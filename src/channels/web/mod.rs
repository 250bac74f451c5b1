//! The web channel: the HTTP API, health endpoints and the demo page.

mod chat;
pub mod error;
mod headers;
pub mod limits;
mod privacy;
mod stream;
mod tenant;
mod widget;

pub use chat::{ChatRequest, ChatResponse, MAX_MESSAGE_CHARS};

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, Method};
use axum::http::{StatusCode, header};
use axum::middleware::from_fn_with_state;
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
    let tenant = axum::middleware::from_fn_with_state(app.clone(), tenant::scope);
    // Every route but the conversation stream, which stays open by design, has a deadline.
    let timed = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(widget::router())
        .merge(privacy::router())
        .merge(chat::router())
        .merge(crate::staff::router())
        .merge(extra)
        .layer(from_fn_with_state(app.clone(), limits::timeout));
    Router::new()
        .merge(timed)
        .merge(stream::router())
        .fallback(not_found)
        .layer(from_fn_with_state(app.clone(), limits::per_client_address))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn_with_state(app.clone(), headers::add))
        .layer(cors)
        .layer(TraceLayer::new_for_http())
        // Outermost, so everything inside — CORS too — works for the request's municipality.
        .layer(tenant)
        .with_state(app)
}

/// Cross-origin access for the web pages of the request's municipality, which embed the
/// widget.
fn cors(app: &App) -> CorsLayer {
    let app = app.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin: &HeaderValue, _| {
            app.assistant()
                .municipality
                .allowed_origins
                .iter()
                .any(|allowed| allowed.as_bytes() == origin.as_bytes())
        }))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT_LANGUAGE,
            "last-event-id".parse().expect("a valid header name"),
            tenant::WIDGET_KEY_HEADER
                .parse()
                .expect("a valid header name"),
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
