//! What the operator's tools ask: `/healthz` (the process answers), `/readyz` (the database
//! answers and the knowledge index is loaded) and `/metrics` (Prometheus), and the timing of
//! every HTTP request. Residents never see these; the counting itself is `crate::metrics`.

use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::App;

/// How long readiness waits for the database: a probe must answer before its own timeout.
const DATABASE_PROBE_TIMEOUT: Duration = Duration::from_secs(2);

pub fn router() -> Router<App> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// The process is up.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    status: &'static str,
}

/// Whether the service can take traffic, and if not, why.
#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ready` or `unavailable`.
    status: &'static str,
    /// Whether the database answered a trivial query.
    database: bool,
    /// Whether the knowledge index is loaded with at least one article.
    index: bool,
    /// Articles in the loaded index.
    articles: usize,
    /// Why the service is not ready; absent when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl Readiness {
    /// Ready when the database answers and the index has articles.
    fn of(database: bool, articles: usize) -> Readiness {
        let index = articles > 0;
        let reason = match (database, index) {
            (true, true) => None,
            (false, true) => Some("the database does not answer".to_string()),
            (true, false) => Some("the knowledge index has no articles".to_string()),
            (false, false) => Some(
                "the database does not answer and the knowledge index has no articles".to_string(),
            ),
        };
        Readiness {
            status: if reason.is_none() {
                "ready"
            } else {
                "unavailable"
            },
            database,
            index,
            articles,
            reason,
        }
    }
}

/// Alive: the process answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses((status = 200, description = "The process is up", body = Health))
)]
pub(super) async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Ready: the database answers and the knowledge index is loaded.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    responses(
        (status = 200, description = "Ready to take traffic", body = Readiness),
        (status = 503, description = "Not ready, with the reason", body = Readiness),
    )
)]
pub(super) async fn readyz(State(app): State<App>) -> (StatusCode, Json<Readiness>) {
    let articles = app.assistant().knowledge.articles().len();
    let database = tokio::time::timeout(DATABASE_PROBE_TIMEOUT, app.store().ping())
        .await
        .unwrap_or(false);
    let readiness = Readiness::of(database, articles);
    let status = if readiness.reason.is_none() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(readiness))
}

/// Prometheus' scrape: the outbox depth is read from the store now, the rest was counted as
/// it happened.
async fn metrics(State(app): State<App>) -> impl IntoResponse {
    match crate::outbox::depth(app.store()).await {
        Ok(depth) => crate::metrics::set_outbox_pending(depth),
        // The other metrics are still worth having; the gauge keeps its last value.
        Err(error) => tracing::warn!(error = %error, "reading the outbox depth for metrics"),
    }
    (
        [(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)],
        crate::metrics::render(),
    )
}

/// Times every request under its route's template (so a conversation id in the path never
/// becomes a label); requests no route matched share one label.
pub(super) async fn time_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let response = next.run(request).await;
    crate::metrics::record_http_request(
        method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// The method as a label: the standard ones by name, anything else as one value, so a client
/// cannot add series by inventing methods.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_with_a_database_and_articles() {
        let ready = Readiness::of(true, 33);
        assert_eq!((ready.status, ready.reason), ("ready", None));
        let no_database = Readiness::of(false, 33);
        assert_eq!(no_database.status, "unavailable");
        assert_eq!(
            no_database.reason.as_deref(),
            Some("the database does not answer")
        );
        let no_index = Readiness::of(true, 0);
        assert_eq!(
            no_index.reason.as_deref(),
            Some("the knowledge index has no articles")
        );
        assert!(!no_index.index);
        assert!(Readiness::of(false, 0).reason.is_some());
    }

    #[test]
    fn invented_methods_share_one_label() {
        let custom = axum::http::Method::from_bytes(b"BREW").expect("a method token");
        assert_eq!(method_label(&custom), "other");
        assert_eq!(method_label(&axum::http::Method::POST), "POST");
    }
}
