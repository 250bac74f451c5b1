//! The web channel: the HTTP API, health endpoints, metrics, the OpenAPI description and the
//! demo page.

mod chat;
pub mod error;
pub mod headers;
pub mod limits;
mod monitoring;
mod openapi;
mod privacy;
pub mod request_id;
mod stream;
mod tenant;
mod widget;

pub use chat::{ChatRequest, ChatResponse, MAX_MESSAGE_CHARS};

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, Method};
use axum::http::{StatusCode, header};
use axum::middleware::from_fn_with_state;
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
    let tenant = from_fn_with_state(app.clone(), tenant::scope);
    // Every route but the conversation stream, which stays open by design, has a deadline.
    let timed = Router::new()
        .merge(monitoring::router())
        .merge(openapi::router())
        .merge(widget::router())
        .merge(privacy::router())
        .merge(chat::router())
        .merge(crate::staff::router())
        .merge(crate::mina_sidor::router())
        .merge(crate::cases::integration::router())
        .merge(extra)
        .layer(from_fn_with_state(app.clone(), limits::timeout));
    let routes = Router::new()
        .merge(timed)
        .merge(stream::router())
        .fallback(not_found)
        .layer(from_fn_with_state(app.clone(), limits::per_client_address))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn_with_state(app.clone(), headers::add))
        .layer(cors)
        .layer(axum::middleware::from_fn(monitoring::time_request))
        // Outermost, so everything inside — CORS too — works for the request's municipality.
        .layer(tenant)
        .with_state(app);
    request_id::layer(routes)
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
