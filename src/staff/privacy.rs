//! Residents' data by request (admins): a resident who asks the municipality — by letter, at
//! the desk — for their data or its erasure is served here. Staff type the resident's
//! personnummer; it is checked (Luhn), turned into the resident's key with the service's
//! keyring at once and then forgotten: it is not stored, not logged, not shown again, and
//! the audit entry of each export and erasure names the resident by the key's short form.
//! The number travels in a POST body only, never in a URL (URLs end up in logs).

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;

use super::accounts::{Role, StaffUser};
use super::pages::Page;
use super::{LangQuery, Staff, StaffError, audit, check_csrf, page_lang, require};
use crate::app::App;
use crate::language::Lang;
use crate::residents::privacy::{self, Erased};
use crate::residents::{PersonalNumber, ResidentKey};

pub fn router() -> Router<App> {
    Router::new()
        .route("/staff/privacy", get(privacy_page))
        .route("/staff/privacy/export", post(export))
        .route("/staff/privacy/erase", post(erase))
}

#[derive(Debug, Deserialize)]
struct ResidentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    personal_number: String,
    /// The erasure's checkbox; absent when not ticked.
    #[serde(default)]
    confirm: Option<String>,
}

async fn privacy_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Admin, lang)?;
    Ok(view(&app, &user, lang, None, None))
}

fn view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    notice: Option<&str>,
    erased: Option<&Erased>,
) -> Html<String> {
    let mut page = Page::new(app, lang, "privacy", "staff-privacy").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    let tables: Vec<serde_json::Value> = erased
        .map(|erased| {
            erased
                .by_table()
                .iter()
                .map(|(table, count)| json!({ "table": table, "count": count }))
                .collect()
        })
        .unwrap_or_default();
    page.render("privacy", json!({ "erased": tables }))
}

/// Checks the role, the form's token and the number; the resident's key, or the page to
/// show instead (a number that is not valid is said so, without repeating it).
fn resident_of(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    form: &ResidentForm,
) -> Result<Result<ResidentKey, Response>, StaffError> {
    require(user, Role::Admin, lang)?;
    check_csrf(user, &form.csrf, lang)?;
    match PersonalNumber::parse(&form.personal_number) {
        Some(number) => Ok(Ok(app.residents().keyring.key(&number))),
        None => Ok(Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            view(app, user, lang, Some("staff-privacy-invalid-number"), None),
        )
            .into_response())),
    }
}

async fn export(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<ResidentForm>,
) -> Result<Response, StaffError> {
    let lang = page_lang(&query, &headers);
    let key = match resident_of(&app, &user, lang, &form)? {
        Ok(key) => key,
        Err(page) => return Ok(page),
    };
    let municipality = app.assistant().municipality.id.clone();
    let export = privacy::export(app.store(), &municipality, &key).await?;
    // Recorded before the file leaves: a look at personal data that is not audited must
    // not happen, so a failed audit write fails the download.
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "resident.export",
        key.short(),
        &export.summary(),
    )
    .await?;
    Ok(crate::mina_sidor::json_download(
        &export,
        "invanaruppgifter",
    )?)
}

async fn erase(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<ResidentForm>,
) -> Result<Response, StaffError> {
    let lang = page_lang(&query, &headers);
    let key = match resident_of(&app, &user, lang, &form)? {
        Ok(key) => key,
        Err(page) => return Ok(page),
    };
    if form.confirm.is_none() {
        let page = view(&app, &user, lang, Some("staff-privacy-unconfirmed"), None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let municipality = app.assistant().municipality.id.clone();
    let erased = privacy::erase(app.store(), &municipality, &key).await?;
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "resident.erase",
        key.short(),
        &erased.summary(),
    )
    .await?;
    let notice = if erased.is_empty() {
        "staff-privacy-nothing"
    } else {
        "staff-privacy-erased"
    };
    Ok(view(&app, &user, lang, Some(notice), Some(&erased)).into_response())
}
