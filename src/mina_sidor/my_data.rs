//! "Your data" on Mina sidor: the signed-in resident downloads everything the service holds
//! about them as one JSON file, or erases it after a confirmation page. Erasing ends every
//! session of the resident, this one included, and the page then says what was erased.
//! What is exported and erased is `residents::privacy`'s to decide; this module is the web.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use serde::Deserialize;

use super::{CsrfForm, MinaError, PageQuery, SESSION_COOKIE, SignedIn, check_csrf, page_lang};
use crate::app::App;
use crate::residents::privacy::{self, ResidentExport};

pub(super) fn router() -> axum::Router<App> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/mina-sidor/mina-uppgifter", post(download))
        .route("/mina-sidor/radera", get(confirm_page).post(erase))
}

/// The export as a file to save: JSON, an attachment, never kept by a cache.
pub fn json_download(export: &ResidentExport, name: &str) -> Result<Response, anyhow::Error> {
    let body = serde_json::to_vec_pretty(export)?;
    let date = chrono::Utc::now().format("%Y-%m-%d");
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"{name}-{date}.json\""))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}

/// POST with the session's CSRF token, so another site cannot make the browser save a file
/// (a harmless but surprising download) and the export never sits in a URL.
async fn download(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    Form(form): Form<CsrfForm>,
) -> Result<Response, MinaError> {
    check_csrf(&resident, &form.csrf)?;
    let municipality = app.assistant().municipality.id.clone();
    let export = privacy::export(app.store(), &municipality, &resident.key).await?;
    Ok(json_download(&export, "mina-uppgifter")?)
}

async fn confirm_page(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, MinaError> {
    let lang = page_lang(&app, &query, &headers);
    super::pages::erase_page(&app, lang, &resident, false, None)
}

#[derive(Debug, Deserialize)]
struct EraseForm {
    /// Missing counts as wrong: refused like a forged form.
    #[serde(default)]
    csrf: String,
    /// The checkbox "I understand"; absent when not ticked.
    #[serde(default)]
    confirm: Option<String>,
}

async fn erase(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<EraseForm>,
) -> Result<Response, MinaError> {
    check_csrf(&resident, &form.csrf)?;
    let lang = page_lang(&app, &query, &headers);
    if form.confirm.is_none() {
        let page = super::pages::erase_page(&app, lang, &resident, true, None)?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let municipality = app.assistant().municipality.id.clone();
    let erased = privacy::erase(app.store(), &municipality, &resident.key).await?;
    // The resident's own request, recorded like staff's so every erasure can be accounted
    // for; the short key only, and no staff member.
    crate::staff::audit::record(
        app.store(),
        &municipality,
        None,
        "resident.erase-own",
        resident.key.short(),
        &erased.summary(),
    )
    .await?;
    let page = super::pages::erase_page(&app, lang, &resident, false, Some(&erased))?;
    // The sessions are gone from the store; the browser forgets its cookie too.
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, page).into_response())
}
