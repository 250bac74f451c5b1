//! The contact centre's pages: sign-in, the dashboard and the review queue here; the
//! articles, the inbox, the coordinators' volunteering pages and residents' data by request
//! in submodules. Rendered on the server with handlebars (no JavaScript needed), in Swedish
//! or English, every form carrying the session's CSRF token. Only this module and the channels know axum.

pub mod accounts;
mod articles;
pub mod audit;
mod dashboard;
mod inbox;
mod notices;
mod pages;
mod privacy;
pub mod review;
mod tenants;
mod volunteering;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use serde_json::json;

use crate::app::App;
use crate::knowledge::{ArticleText, TopicId, TranslationStatus};
use crate::language::Lang;
use accounts::{Role, SignInError, StaffUser};
use pages::Page;

const SESSION_COOKIE: &str = "staff_session";
const LOGIN_CSRF_COOKIE: &str = "staff_login_csrf";

/// The staff pages. Their Content-Security-Policy (no scripts, never framed), no-store and
/// the other security headers are set with every page's in `channels::web::headers`.
pub fn router() -> Router<App> {
    Router::new()
        .route("/staff", get(dashboard_page))
        .route("/staff/login", get(login_page).post(login))
        .route("/staff/logout", post(logout))
        .route("/staff/review", get(review_page))
        .route("/staff/review/{id}/attach", post(attach))
        .route("/staff/review/{id}/dismiss", post(dismiss))
        .route("/staff/assets/staff.css", get(stylesheet))
        .merge(inbox::router())
        .merge(articles::router())
        .merge(tenants::router())
        .merge(volunteering::router())
        .merge(notices::router())
        .merge(privacy::router())
}

/// What went wrong on a staff page.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("not signed in")]
    SignedOut,
    #[error("forbidden")]
    Forbidden(Lang),
    #[error("CSRF token missing or wrong")]
    Csrf(Lang),
    #[error("not found")]
    NotFound(Lang),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StaffError {
    fn from(error: sqlx::Error) -> StaffError {
        StaffError::Internal(error.into())
    }
}

impl IntoResponse for StaffError {
    fn into_response(self) -> Response {
        let (status, lang, key) = match &self {
            StaffError::SignedOut => return Redirect::to("/staff/login").into_response(),
            StaffError::Forbidden(lang) => (StatusCode::FORBIDDEN, *lang, "staff-forbidden"),
            StaffError::Csrf(lang) => (StatusCode::FORBIDDEN, *lang, "staff-csrf"),
            StaffError::NotFound(lang) => (StatusCode::NOT_FOUND, *lang, "staff-not-found"),
            StaffError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "staff page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, Lang::Sv, "staff-error")
            }
        };
        (status, pages::message(lang, key)).into_response()
    }
}

/// The signed-in member of staff, or a redirect to the sign-in page.
pub struct Staff(pub StaffUser);

impl FromRequestParts<App> for Staff {
    type Rejection = StaffError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Staff, StaffError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar
            .get(SESSION_COOKIE)
            .map(|cookie| cookie.value().to_string())
        else {
            return Err(StaffError::SignedOut);
        };
        let municipality = app.assistant().municipality.id.clone();
        match accounts::session_user(app.store(), &municipality, &token).await? {
            Some(user) => Ok(Staff(user)),
            None => Err(StaffError::SignedOut),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
struct LangQuery {
    lang: Option<String>,
    days: Option<i64>,
}

fn page_lang(query: &LangQuery, headers: &HeaderMap) -> Lang {
    query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| {
                    value.split(',').find_map(|part| {
                        Lang::from_code(part.split(';').next().unwrap_or_default())
                    })
                })
        })
        .filter(|lang| matches!(lang, Lang::Sv | Lang::En))
        .unwrap_or(Lang::Sv)
}

/// The session cookie is Secure except on a loopback address, so sign-in works in a local
/// demo over plain HTTP.
fn secure_cookies(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    !(host.starts_with("127.0.0.1") || host.starts_with("localhost") || host.starts_with("[::1]"))
}

/// The page for one role: an admin may open every page.
fn require(user: &StaffUser, role: Role, lang: Lang) -> Result<(), StaffError> {
    if user.may(role) {
        Ok(())
    } else {
        Err(StaffError::Forbidden(lang))
    }
}

fn check_csrf(user: &StaffUser, given: &str, lang: Lang) -> Result<(), StaffError> {
    if accounts::same_secret(given, &user.csrf_token) {
        Ok(())
    } else {
        Err(StaffError::Csrf(lang))
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLESHEET,
    )
}

async fn login_page(
    State(app): State<App>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    jar: CookieJar,
) -> (CookieJar, Html<String>) {
    let lang = page_lang(&query, &headers);
    let csrf = accounts::random_token();
    let cookie = Cookie::build((LOGIN_CSRF_COOKIE, csrf.clone()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure_cookies(&headers))
        .path("/staff");
    let page = Page::new(&app, lang, "login", "staff-sign-in-title")
        .render("login", json!({ "csrf": csrf }));
    (jar.add(cookie), page)
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    csrf: String,
}

async fn login(
    State(app): State<App>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Result<Response, StaffError> {
    let lang = page_lang(&query, &headers);
    let expected = jar
        .get(LOGIN_CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    if expected.is_empty() || !accounts::same_secret(&form.csrf, &expected) {
        return Err(StaffError::Csrf(lang));
    }
    let municipality = app.assistant().municipality.id.clone();
    match accounts::sign_in(app.store(), &municipality, &form.username, &form.password).await {
        Ok(token) => {
            let cookie = Cookie::build((SESSION_COOKIE, token))
                .http_only(true)
                .same_site(SameSite::Strict)
                .secure(secure_cookies(&headers))
                .path("/staff");
            let jar = jar
                .add(cookie)
                .remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/staff"));
            Ok((jar, Redirect::to(&format!("/staff?lang={lang}"))).into_response())
        }
        Err(SignInError::Database(error)) => Err(error.into()),
        Err(error) => {
            let key = match error {
                SignInError::Locked => "staff-sign-in-locked",
                _ => "staff-sign-in-failed",
            };
            let page = Page::new(&app, lang, "login", "staff-sign-in-title");
            let message = page.text(key);
            let body = page.render("login", json!({ "csrf": expected, "error": message }));
            Ok((StatusCode::UNAUTHORIZED, body).into_response())
        }
    }
}

/// A form that carries only the CSRF token; a form without one is refused like a wrong one.
#[derive(Debug, Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default)]
    pub(super) csrf: String,
}

async fn logout(
    State(app): State<App>,
    Staff(user): Staff,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Result<Response, StaffError> {
    check_csrf(&user, &form.csrf, Lang::Sv)?;
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        accounts::sign_out(app.store(), &token).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/staff"));
    Ok((jar, Redirect::to("/staff/login")).into_response())
}

async fn dashboard_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    let days = query
        .days
        .filter(|d| [1, 7, 30, 90, 365].contains(d))
        .unwrap_or(30);
    let municipality = app.assistant().municipality.id.clone();
    let stats = dashboard::stats(app.store(), &municipality, days).await?;
    let page = Page::new(&app, lang, "dashboard", "staff-dashboard").signed_in(&user);
    let periods: Vec<serde_json::Value> = [1, 7, 30, 90, 365]
        .iter()
        .map(|d| json!({ "days": d, "selected": *d == days, "label": page.text_with("staff-days", &[("days", &d.to_string())]) }))
        .collect();
    let chart = pages::chart(&stats.per_day);
    let breakdowns = json!([
        { "title": page.text("staff-by-language"), "rows": stats.by_language },
        { "title": page.text("staff-by-topic"), "rows": stats.by_topic },
        { "title": page.text("staff-by-channel"), "rows": stats.by_channel },
    ]);
    Ok(page.render(
        "dashboard",
        json!({ "stats": stats, "periods": periods, "chart": chart, "breakdowns": breakdowns }),
    ))
}

async fn review_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Editor, lang)?;
    review_view(&app, &user, lang, None).await
}

async fn review_view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    notice: Option<&str>,
) -> Result<Html<String>, StaffError> {
    let assistant = app.assistant();
    let groups = review::queue(app.store(), &assistant).await?;
    let topics: Vec<serde_json::Value> = assistant
        .knowledge
        .articles()
        .iter()
        .map(|article| json!({ "id": article.id.as_str(), "title": article.title(lang) }))
        .collect();
    let mut page = Page::new(app, lang, "review", "staff-review").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    Ok(page.render("review", json!({ "groups": groups, "topics": topics })))
}

#[derive(Debug, Deserialize)]
struct AttachForm {
    csrf: String,
    topic: String,
}

/// Attaches a group's question to an article as a phrasing, publishes the article and
/// rebuilds the index: the same question is answered from the next turn on.
async fn attach(
    State(app): State<App>,
    Staff(user): Staff,
    Path(group_id): Path<i64>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<AttachForm>,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Editor, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let assistant = app.assistant();
    let topic = TopicId::parse(&form.topic).ok_or(StaffError::NotFound(lang))?;
    let mut article = assistant
        .knowledge
        .article(&topic)
        .cloned()
        .ok_or(StaffError::NotFound(lang))?;
    let group = review::resolve(app.store(), &assistant, group_id)
        .await?
        .ok_or(StaffError::NotFound(lang))?;
    let question_lang =
        Lang::from_code(&group.language).unwrap_or(assistant.municipality.default_language);
    let title = article.title(question_lang).to_string();
    let text = article
        .texts
        .entry(question_lang)
        .or_insert_with(|| ArticleText {
            status: TranslationStatus::Machine,
            title,
            body: None,
            phrasings: Vec::new(),
            keywords: Vec::new(),
            links: Vec::new(),
            aspects: Default::default(),
        });
    if !text.phrasings.contains(&group.text) {
        text.phrasings.push(group.text.clone());
    }
    let municipality = assistant.municipality.id.clone();
    let revision = crate::revisions::save(
        app.store(),
        &municipality,
        &article,
        Some(user.id),
        "phrasing from the review queue",
    )
    .await?;
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "article.attach-phrasing",
        topic.as_str(),
        &format!(
            "revision {revision}: {:?} ({} questions)",
            group.text, group.count
        ),
    )
    .await?;
    app.reload_content().await?;
    review_view(&app, &user, lang, Some("staff-attached")).await
}

async fn dismiss(
    State(app): State<App>,
    Staff(user): Staff,
    Path(group_id): Path<i64>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Editor, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let assistant = app.assistant();
    let group = review::resolve(app.store(), &assistant, group_id)
        .await?
        .ok_or(StaffError::NotFound(lang))?;
    audit::record(
        app.store(),
        &assistant.municipality.id,
        Some(user.id),
        "review.dismiss",
        &group.id.to_string(),
        &format!("{:?} ({} questions)", group.text, group.count),
    )
    .await?;
    review_view(&app, &user, lang, Some("staff-dismissed")).await
}
