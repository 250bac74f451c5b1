//! Mina sidor: the resident's own page on the assistant's site (`/mina-sidor`). Signed out it
//! offers the e-ID sign-in (and, in demo mode only, fictional demo residents); signed in it
//! lists the resident's cases with their status in plain words, the current notices for
//! their interests, the interests themselves, "Connect Telegram", sign-out, and the chat —
//! the widget, which on this page sends the session cookie with every message.
//!
//! The session cookie is HttpOnly, SameSite=Lax (it must come along when the e-ID broker
//! sends the browser back) and Secure outside localhost; only its SHA-256 is stored. Every
//! form carries the session's CSRF token. Server-rendered, no inline scripts.

pub mod demo;
mod my_data;
mod pages;
mod sign_in;

pub use my_data::json_download;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use crate::app::App;
use crate::conversation::Channel;
use crate::language::Lang;
use crate::residents::{Resident, oidc, sessions, telegram_link};
use crate::staff::accounts::same_secret;

const SESSION_COOKIE: &str = "mina_session";
const LOGIN_COOKIE: &str = "mina_login";

pub fn router() -> Router<App> {
    Router::new()
        .route("/mina-sidor", get(page))
        .merge(sign_in::router())
        .merge(my_data::router())
        .route("/mina-sidor/telegram", post(connect_telegram))
        .route("/mina-sidor/telegram/avlanka", post(unlink_telegram))
        .route("/mina-sidor/intressen", post(save_interests))
        .route("/mina-sidor/mina-sidor.css", get(stylesheet))
        .route("/api/v1/me/cases", get(my_cases))
}

/// Where a channel sends a resident to sign in: the sign-in that comes back to Mina sidor
/// (and its chat), as a full address on the origin of the current municipality's redirect
/// URL — the widget may sit on another site, and Telegram needs one — or as a path when the
/// municipality has no e-ID broker.
pub fn sign_in_url(app: &App) -> String {
    let path = "/mina-sidor/logga-in?return=%2Fmina-sidor";
    let origin = app
        .e_id()
        .and_then(|client| reqwest::Url::parse(client.redirect_url()).ok())
        .map(|url| url.origin().ascii_serialization());
    match origin {
        Some(origin) => format!("{origin}{path}"),
        None => path.to_string(),
    }
}

/// What went wrong on Mina sidor.
#[derive(Debug, thiserror::Error)]
pub enum MinaError {
    #[error("not signed in")]
    SignedOut,
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("e-ID sign-in is not configured")]
    NoSignIn,
    #[error("sign-in failed: {0}")]
    SignIn(#[from] oidc::OidcError),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for MinaError {
    fn from(error: sqlx::Error) -> MinaError {
        MinaError::Internal(error.into())
    }
}

impl IntoResponse for MinaError {
    fn into_response(self) -> Response {
        let (status, key) = match &self {
            MinaError::SignedOut => return Redirect::to("/mina-sidor").into_response(),
            MinaError::Csrf => (StatusCode::FORBIDDEN, "mina-error"),
            MinaError::NoSignIn => (StatusCode::SERVICE_UNAVAILABLE, "mina-sign-in-unavailable"),
            MinaError::SignIn(oidc::OidcError::Database(_)) | MinaError::Internal(_) => {
                tracing::error!(error = %self, "Mina sidor failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "mina-error")
            }
            MinaError::SignIn(oidc::OidcError::Broker(_)) => {
                tracing::error!(error = %self, "e-ID broker failed");
                (StatusCode::BAD_GATEWAY, "mina-sign-in-failed")
            }
            MinaError::SignIn(_) => {
                // The error names the check that failed, never a token or a number.
                tracing::warn!(error = %self, "a resident sign-in was rejected");
                (StatusCode::BAD_REQUEST, "mina-sign-in-failed")
            }
            MinaError::NotFound => (StatusCode::NOT_FOUND, "mina-error"),
        };
        (status, pages::message(Lang::Sv, key)).into_response()
    }
}

/// The signed-in resident, if the request has a live session.
pub struct MaybeResident(pub Option<Resident>);

impl FromRequestParts<App> for MaybeResident {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &App,
    ) -> Result<MaybeResident, std::convert::Infallible> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) else {
            return Ok(MaybeResident(None));
        };
        let municipality = app.assistant().municipality.id.clone();
        match sessions::resident(app.store(), &municipality, &token).await {
            Ok(resident) => Ok(MaybeResident(resident)),
            Err(error) => {
                // Unreadable sessions count as signed out: nobody sees personal data.
                tracing::error!(error = %error, "reading a resident session");
                Ok(MaybeResident(None))
            }
        }
    }
}

/// The signed-in resident, or back to the signed-out page.
pub struct SignedIn(pub Resident);

impl FromRequestParts<App> for SignedIn {
    type Rejection = MinaError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<SignedIn, MinaError> {
        match MaybeResident::from_request_parts(parts, app).await {
            Ok(MaybeResident(Some(resident))) => Ok(SignedIn(resident)),
            _ => Err(MinaError::SignedOut),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
struct PageQuery {
    lang: Option<String>,
    #[serde(rename = "return")]
    return_to: Option<String>,
}

/// The page's language: `?lang=`, else Accept-Language, else the municipality's default.
fn page_lang(app: &App, query: &PageQuery, headers: &HeaderMap) -> Lang {
    let offered = app.assistant().municipality.languages.clone();
    query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .filter(|lang| offered.contains(lang))
        .unwrap_or_else(|| crate::channels::web::error::request_language(headers, app))
}

/// Cookies are Secure except on a loopback address, so a local demo works over HTTP.
fn secure_cookies(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    !(host.starts_with("127.0.0.1") || host.starts_with("localhost") || host.starts_with("[::1]"))
}

fn session_cookie(token: String, headers: &HeaderMap) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure_cookies(headers))
        .path("/")
        .build()
}

/// Only a path on this site: never another site (an open redirect).
fn safe_return(path: Option<&str>) -> String {
    match path {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.len() <= 200 =>
        {
            path.to_string()
        }
        _ => "/mina-sidor".to_string(),
    }
}

fn check_csrf(resident: &Resident, given: &str) -> Result<(), MinaError> {
    if same_secret(given, &resident.csrf_token) {
        Ok(())
    } else {
        Err(MinaError::Csrf)
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLESHEET,
    )
}

async fn page(
    State(app): State<App>,
    MaybeResident(resident): MaybeResident,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, MinaError> {
    let lang = page_lang(&app, &query, &headers);
    pages::render(&app, lang, resident.as_ref(), None, None).await
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// Makes a one-time code and shows the Telegram deep link.
async fn connect_telegram(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Html<String>, MinaError> {
    check_csrf(&resident, &form.csrf)?;
    let lang = page_lang(&app, &query, &headers);
    let Some(bot) = app.telegram_username() else {
        return pages::render(
            &app,
            lang,
            Some(&resident),
            None,
            Some("mina-telegram-unavailable"),
        )
        .await;
    };
    let municipality = app.assistant().municipality.id.clone();
    let code = telegram_link::new_code(app.store(), &municipality, &resident.key).await?;
    let link = format!("https://t.me/{bot}?start=link-{code}");
    pages::render(&app, lang, Some(&resident), Some(link), None).await
}

async fn unlink_telegram(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Html<String>, MinaError> {
    check_csrf(&resident, &form.csrf)?;
    let lang = page_lang(&app, &query, &headers);
    let municipality = app.assistant().municipality.id.clone();
    crate::residents::unlink_channel(app.store(), &municipality, &resident.key, Channel::Telegram)
        .await?;
    pages::render(
        &app,
        lang,
        Some(&resident),
        None,
        Some("mina-telegram-unlinked"),
    )
    .await
}

/// Saves the resident's interests. The form is `csrf`, `district` and a `topic` per
/// checked box, so it is read as pairs.
async fn save_interests(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Html<String>, MinaError> {
    let csrf = fields
        .iter()
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    check_csrf(&resident, csrf)?;
    let lang = page_lang(&app, &query, &headers);
    let assistant = app.assistant();
    let topics: Vec<crate::notices::Topic> = fields
        .iter()
        .filter(|(name, _)| name == "topic")
        .filter_map(|(_, value)| crate::notices::Topic::parse(value))
        .collect();
    // Only a district the municipality names; anything else means the whole municipality.
    let district = fields
        .iter()
        .find(|(name, _)| name == "district")
        .map(|(_, value)| value.as_str())
        .filter(|value| {
            assistant
                .municipality
                .districts
                .iter()
                .any(|area| area.name() == *value)
        })
        .unwrap_or_default()
        .to_string();
    crate::notices::set_interests(
        app.store(),
        &assistant.municipality.id,
        &resident.key,
        &topics,
        &district,
    )
    .await?;
    crate::residents::remember(app.store(), &assistant.municipality.id, &resident.key, lang)
        .await?;
    pages::render(
        &app,
        lang,
        Some(&resident),
        None,
        Some("mina-interests-saved"),
    )
    .await
}

/// The signed-in resident's cases as JSON (for the page's own scripts and integrations of
/// the municipality's site); signed out: 401.
async fn my_cases(
    State(app): State<App>,
    MaybeResident(resident): MaybeResident,
) -> Result<Response, MinaError> {
    let Some(resident) = resident else {
        return Ok((
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": { "code": "signed_out", "message": "Sign in to Mina sidor first." } })),
        )
            .into_response());
    };
    let municipality = app.assistant().municipality.id.clone();
    let cases =
        crate::cases::records::for_resident(app.store(), &municipality, &resident.key).await?;
    Ok(Json(serde_json::json!({ "cases": cases, "demo": resident.demo })).into_response())
}
