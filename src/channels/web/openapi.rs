//! The OpenAPI description of the public API at `GET /api/openapi.json`, generated from the
//! handlers' `#[utoipa::path]` attributes and the request and response types, so it cannot
//! drift from what the handlers accept. The staff pages are HTML forms, not API, and are not
//! described.

use std::sync::LazyLock;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use utoipa::OpenApi;

use crate::app::App;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "civic-assistant",
        description = "A municipality's multilingual assistant for residents: the chat API the \
                       web widget uses, its configuration, feedback, the Telegram webhook and \
                       the health endpoints. Errors are `{\"error\": {\"code\", \"message\"}}` \
                       with the message in the language of `Accept-Language`."
    ),
    paths(
        super::chat::chat,
        super::chat::transcript,
        super::stream::events,
        super::chat::feedback,
        super::widget::config,
        super::monitoring::healthz,
        super::monitoring::readyz,
        crate::channels::telegram::webhook,
    ),
    tags(
        (name = "chat", description = "Residents' messages, replies and transcripts"),
        (name = "widget", description = "The web widget's configuration"),
        (name = "telegram", description = "Updates from the Telegram Bot API"),
        (name = "operations", description = "Probes for the operator"),
    )
)]
struct ApiDoc;

/// The document, rendered once: it is fixed at compile time.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_pretty_json()
        // Serialising the generated structures to JSON has no way to fail but a bug in them.
        .expect("the OpenAPI document serialises")
});

pub fn router() -> Router<App> {
    Router::new().route("/api/openapi.json", get(openapi))
}

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}
