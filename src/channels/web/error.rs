//! The HTTP API's one error type: a status, a stable code, and a message in the caller's
//! language. Server errors are logged with their cause and shown without it.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::{IntoParams, ToSchema};

use crate::app::App;
use crate::conversation::ConversationError;
use crate::language::Lang;
use crate::limits::RetryAfter;

/// What went wrong, as the API reports it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("empty message")]
    EmptyMessage,
    #[error("message too long")]
    MessageTooLong { max: usize },
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("conversation not found")]
    ConversationNotFound,
    #[error("unsupported language")]
    UnsupportedLanguage,
    #[error("not found")]
    NotFound,
    #[error("too many requests")]
    TooManyRequests(RetryAfter),
    #[error("the request took too long")]
    Timeout,
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl From<ConversationError> for ApiError {
    fn from(error: ConversationError) -> ApiError {
        match error {
            ConversationError::NotFound => ApiError::ConversationNotFound,
            ConversationError::Database(e) => ApiError::Internal(e.into()),
            ConversationError::Volunteering(e) => ApiError::Internal(e.into()),
        }
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::EmptyMessage
            | ApiError::MessageTooLong { .. }
            | ApiError::UnsupportedLanguage => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::InvalidJson(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::ConversationNotFound | ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::EmptyMessage => "empty_message",
            ApiError::MessageTooLong { .. } => "message_too_long",
            ApiError::InvalidJson(_) => "invalid_json",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::ConversationNotFound => "conversation_not_found",
            ApiError::UnsupportedLanguage => "unsupported_language",
            ApiError::NotFound => "not_found",
            ApiError::TooManyRequests(_) => "too_many_requests",
            ApiError::Timeout => "timeout",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The error with its message in `lang`.
    pub fn localized(self, app: &App, lang: Lang) -> LocalizedError {
        let assistant = app.assistant();
        let locales = &assistant.locales;
        let message = match &self {
            ApiError::EmptyMessage => locales.text(lang, "error-empty-message", &[]),
            ApiError::MessageTooLong { max } => {
                locales.text(lang, "error-message-too-long", &[("max", &max.to_string())])
            }
            ApiError::InvalidJson(detail) => {
                locales.text(lang, "error-invalid-json", &[("detail", detail)])
            }
            ApiError::UnsupportedMediaType => locales.text(
                lang,
                "error-invalid-json",
                &[("detail", "Content-Type: application/json")],
            ),
            ApiError::PayloadTooLarge => locales.text(lang, "error-payload-too-large", &[]),
            ApiError::ConversationNotFound => {
                locales.text(lang, "error-conversation-not-found", &[])
            }
            ApiError::UnsupportedLanguage => locales.text(lang, "error-unsupported-language", &[]),
            ApiError::NotFound => locales.text(lang, "error-not-found", &[]),
            ApiError::TooManyRequests(retry) => locales.text(
                lang,
                "error-too-many-requests",
                &[("seconds", &retry.seconds().to_string())],
            ),
            ApiError::Timeout => locales.text(lang, "error-timeout", &[]),
            ApiError::Internal(_) => locales.text(lang, "error-internal", &[]),
        };
        LocalizedError {
            error: self,
            message,
        }
    }
}

/// An error ready to send.
#[derive(Debug)]
pub struct LocalizedError {
    error: ApiError,
    message: String,
}

/// Every API error: `{"error": {"code", "message"}}`.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize, ToSchema)]
struct ErrorDetail<'a> {
    /// Stable and machine-readable: `empty_message`, `conversation_not_found`, …
    code: &'a str,
    /// For people, in the language of the request's `Accept-Language`.
    message: &'a str,
}

/// The header errors take their language from (OpenAPI description only).
#[derive(IntoParams)]
#[into_params(parameter_in = Header, rename_all = "kebab-case")]
pub struct AcceptLanguageHeader {
    /// The caller's languages; error messages are in the first one the municipality offers.
    pub accept_language: Option<String>,
}

impl IntoResponse for LocalizedError {
    fn into_response(self) -> Response {
        let status = self.error.status();
        if let ApiError::Internal(cause) = &self.error {
            tracing::error!(error = format!("{cause:#}"), "request failed");
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.error.code(),
                message: &self.message,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let ApiError::TooManyRequests(retry) = &self.error {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry.seconds()));
        }
        response
    }
}

/// The caller's language for errors: the first supported language of Accept-Language.
pub fn request_language(headers: &HeaderMap, app: &App) -> Lang {
    let assistant = app.assistant();
    let offered = &assistant.municipality.languages;
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .split(',')
                .filter_map(|part| Lang::from_code(part.split(';').next().unwrap_or_default()))
                .find(|lang| offered.contains(lang))
        })
        .unwrap_or(assistant.municipality.default_language)
}

/// A JSON body whose rejections become `ApiError`s in the caller's language.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<App> for ApiJson<T> {
    type Rejection = LocalizedError;

    async fn from_request(request: Request, app: &App) -> Result<Self, Self::Rejection> {
        let lang = request_language(request.headers(), app);
        match Json::<T>::from_request(request, app).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let error = match rejection {
                    JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
                    JsonRejection::BytesRejection(bytes)
                        if bytes.status() == StatusCode::PAYLOAD_TOO_LARGE =>
                    {
                        ApiError::PayloadTooLarge
                    }
                    other => ApiError::InvalidJson(other.body_text()),
                };
                Err(error.localized(app, lang))
            }
        }
    }
}
