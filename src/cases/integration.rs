//! The integration API for case systems: `PUT /api/v1/integration/cases/{system}/{external_id}`
//! with the case as JSON. Each system has its own API keys (`civic-assistant integration
//! add-key --system NAME` prints one once; only its SHA-256 is stored), sent as
//! `Authorization: Bearer <key>`; a key works for its own system only.
//!
//! The call is idempotent: the same body twice stores and tells nothing the second time.
//! Errors have the API's shape, `{"error": {"code", "message", "fields"?}}`, in English (the
//! callers are programs); they never repeat the personnummer sent.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::{Json, Router};
use serde_json::json;
use sqlx::Row;

use super::{CaseReport, FieldError, notify, records};
use crate::app::App;
use crate::staff::accounts::{random_token, same_secret, token_hash};
use crate::store::{Store, now_millis};

/// The largest case body accepted.
const MAX_BODY_BYTES: usize = 16 * 1024;

pub fn router() -> Router<App> {
    Router::new().route(
        "/api/v1/integration/cases/{system}/{external_id}",
        put(put_case),
    )
}

/// What went wrong with an integration call.
#[derive(Debug, thiserror::Error)]
pub enum IntegrationError {
    #[error("missing or unknown API key")]
    Unauthorized,
    #[error("this key is not for system {0:?}")]
    WrongSystem(String),
    #[error("{0}")]
    BadPath(&'static str),
    #[error("invalid JSON at line {line}, column {column}: {kind}")]
    InvalidJson {
        line: usize,
        column: usize,
        kind: &'static str,
    },
    #[error("the case is not valid")]
    Invalid(Vec<FieldError>),
    #[error("the body is larger than {MAX_BODY_BYTES} bytes")]
    TooLarge,
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for IntegrationError {
    fn from(error: sqlx::Error) -> IntegrationError {
        IntegrationError::Internal(error.into())
    }
}

impl IntoResponse for IntegrationError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            IntegrationError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            IntegrationError::WrongSystem(_) => (StatusCode::FORBIDDEN, "wrong_system"),
            IntegrationError::BadPath(_) => (StatusCode::NOT_FOUND, "not_found"),
            IntegrationError::InvalidJson { .. } => (StatusCode::BAD_REQUEST, "invalid_json"),
            IntegrationError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_case"),
            IntegrationError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            IntegrationError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "integration call failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let mut error = json!({ "code": code, "message": self.to_string() });
        if let IntegrationError::Invalid(fields) = &self {
            error["fields"] = json!(fields);
        }
        let mut response = (status, Json(json!({ "error": error }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// A system name: lowercase letters, digits and hyphens, at most 64.
pub fn valid_system(system: &str) -> bool {
    !system.is_empty()
        && system.len() <= 64
        && system
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn valid_external_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_graphic())
}

/// Creates a key for `system` and returns it; only its hash is kept.
pub async fn add_key(store: &Store, municipality_id: &str, system: &str) -> anyhow::Result<String> {
    anyhow::ensure!(
        valid_system(system),
        "a system name is lowercase letters, digits and hyphens (at most 64)"
    );
    let key = format!("cak_{}", random_token());
    let _turn = store.write_turn().await;
    sqlx::query(
        "INSERT INTO integration_keys (municipality_id, system, key_hash, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(municipality_id)
    .bind(system)
    .bind(token_hash(&key))
    .bind(now_millis())
    .execute(&store.pool)
    .await?;
    Ok(key)
}

/// The system a bearer key belongs to.
async fn key_system(
    store: &Store,
    municipality_id: &str,
    headers: &HeaderMap,
) -> Result<String, IntegrationError> {
    let key = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|key| !key.is_empty())
        .ok_or(IntegrationError::Unauthorized)?;
    let hash = token_hash(key);
    let row = sqlx::query(
        "SELECT system, key_hash FROM integration_keys WHERE key_hash = $1 AND municipality_id = $2 AND revoked_at IS NULL",
    )
    .bind(&hash)
    .bind(municipality_id)
    .fetch_optional(&store.pool)
    .await?;
    match row {
        Some(row) if same_secret(&row.get::<String, _>(1), &hash) => Ok(row.get(0)),
        _ => Err(IntegrationError::Unauthorized),
    }
}

async fn put_case(
    State(app): State<App>,
    Path((system, external_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, IntegrationError> {
    let municipality = app.assistant().municipality.id.clone();
    let key_system = key_system(app.store(), &municipality, &headers).await?;
    if !valid_system(&system) || !valid_external_id(&external_id) {
        return Err(IntegrationError::BadPath(
            "the system or the case id in the path is not valid",
        ));
    }
    if key_system != system {
        return Err(IntegrationError::WrongSystem(system));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(IntegrationError::TooLarge);
    }
    let report: CaseReport = serde_json::from_slice(&body).map_err(json_error)?;
    let update = report
        .validate(&app.residents().keyring)
        .map_err(IntegrationError::Invalid)?;
    let applied =
        records::apply_one(app.store(), &municipality, &system, &external_id, &update).await?;
    if let Some(history_id) = applied.new_status() {
        notify::status_changed(&app, applied.case_id(), history_id).await?;
    }
    let status = match applied {
        records::Applied::Created { .. } => StatusCode::CREATED,
        _ => StatusCode::OK,
    };
    Ok((
        status,
        Json(json!({ "case_id": applied.case_id(), "result": applied.as_str() })),
    )
        .into_response())
}

/// A JSON error by place and kind only: serde's message may quote the value sent.
pub fn json_error(error: serde_json::Error) -> IntegrationError {
    use serde_json::error::Category;
    let kind = match error.classify() {
        Category::Io => "unreadable",
        Category::Syntax => "syntax error",
        Category::Eof => "unexpected end",
        Category::Data => {
            "wrong or missing field (personal_number, type, status, unit, next_step, due_date)"
        }
    };
    IntegrationError::InvalidJson {
        line: error.line(),
        column: error.column(),
        kind,
    }
}
