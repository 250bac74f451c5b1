//! The web channel: the HTTP API, health endpoints, metrics, the OpenAPI description and the
//! demo page.

mod chat;
pub mod error;
mod monitoring;
mod openapi;
pub mod request_id;
mod stream;
mod widget;

pub use chat::{ChatRequest, ChatResponse, MAX_MESSAGE_CHARS};

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, Method};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::app::App;
use error::ApiError;

/// The largest request body accepted: a chat message is at most a few kilobytes.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every route of the service; `extra` holds the routes of other channels (the Telegram
/// webhook), which share the error handling and limits.
pub fn router(app: App, extra: Router<App>) -> Router {
    let cors = cors(&app);
    let routes = Router::new()
        .merge(monitoring::router())
        .merge(openapi::router())
        .merge(widget::router())
        .merge(chat::router())
        .merge(stream::router())
        .merge(crate::staff::router())
        .merge(extra)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors)
        .layer(axum::middleware::from_fn(monitoring::time_request))
        .with_state(app);
    request_id::layer(routes)
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
        // A widget can show the id, so a resident's report can be found in the logs.
        .expose_headers([header::HeaderName::from_static(
            request_id::REQUEST_ID_HEADER,
        )])
}

async fn not_found(State(app): State<App>, headers: axum::http::HeaderMap) -> impl IntoResponse {
    let lang = error::request_language(&headers, &app);
    (
        StatusCode::NOT_FOUND,
        ApiError::NotFound.localized(&app, lang),
    )
}
