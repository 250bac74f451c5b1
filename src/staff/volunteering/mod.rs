//! The coordinators' pages of the volunteer portal: the overview (the portal's figures and
//! every need), the need form for a new need and for changes, and opening and closing a
//! need. One need with its volunteers, the answers to interests and the CSV export are
//! `need_page`; reading the form is `form` (with the times in `times`) and showing it
//! `form_page`. Storage is `crate::volunteering`, matching `crate::volunteers`. Every change
//! is audited.

mod csv;
mod form;
mod form_page;
mod need_page;
mod times;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde_json::{Value, json};

use super::accounts::{Role, StaffUser};
use super::pages::Page;
use super::{CsrfForm, LangQuery, Staff, StaffError, audit, check_csrf, page_lang, require};
use crate::app::App;
use crate::language::Lang;
use crate::volunteering::VolunteeringError;
use crate::volunteering::needs::{self, StoredNeed};
use crate::volunteers::{Need, NeedId, NeedStatus, Organiser, Place};
use form::NeedForm;
use form_page::{invalid, places, render_form};

pub fn router() -> Router<App> {
    Router::new()
        .route("/staff/volunteering", get(list).post(create))
        .route("/staff/volunteering/new", get(new_page))
        .route(
            "/staff/volunteering/{id}",
            get(need_page::show).post(update),
        )
        .route("/staff/volunteering/{id}/edit", get(edit_page))
        .route("/staff/volunteering/{id}/close", post(close))
        .route("/staff/volunteering/{id}/open", post(open))
        .route(
            "/staff/volunteering/{id}/interests/{interest}/{answer}",
            post(need_page::decide),
        )
        .route(
            "/staff/volunteering/{id}/volunteers.csv",
            get(need_page::export),
        )
}

/// The signed-in coordinator (or admin) and the page's language.
fn coordinator(
    user: &StaffUser,
    query: &LangQuery,
    headers: &HeaderMap,
) -> Result<Lang, StaffError> {
    let lang = page_lang(query, headers);
    require(user, Role::Coordinator, lang)?;
    Ok(lang)
}

/// The need with id `id` (as in the path) of this municipality; any other is not found.
async fn stored_need(app: &App, id: &str, lang: Lang) -> Result<StoredNeed, StaffError> {
    let id = id
        .parse::<u64>()
        .map(NeedId)
        .map_err(|_| StaffError::NotFound(lang))?;
    let municipality = app.assistant().municipality.id.clone();
    needs::get(app.store(), &municipality, id)
        .await
        .map_err(|error| not_found_or_internal(error, lang))
}

fn not_found_or_internal(error: VolunteeringError, lang: Lang) -> StaffError {
    match error {
        VolunteeringError::NotFound => StaffError::NotFound(lang),
        other => StaffError::Internal(other.into()),
    }
}

async fn list(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    list_view(&app, &user, lang, None).await
}

async fn list_view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    notice: Option<&str>,
) -> Result<Html<String>, StaffError> {
    let municipality = app.assistant().municipality.id.clone();
    let internal = |error: VolunteeringError| StaffError::Internal(error.into());
    let counts = needs::counts(app.store(), &municipality)
        .await
        .map_err(internal)?;
    let stored = needs::all(app.store(), &municipality)
        .await
        .map_err(internal)?;
    let mut page = Page::new(app, lang, "volunteering", "staff-volunteering").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    let rows: Vec<Value> = stored
        .iter()
        .map(|stored| {
            let need = &stored.need;
            let (title_lang, title) = title(need, lang);
            json!({
                "id": need.id.0,
                "title": title,
                "title_lang": title_lang.code(),
                "title_dir": title_lang.dir(),
                "organiser": organiser(&page, &need.organiser),
                "place": place(&page, &need.place),
                "status": status(&page, need.status),
                "accepted": need.accepted,
                "capacity": need.capacity,
                "pending": stored.pending,
            })
        })
        .collect();
    Ok(page.render("volunteering", json!({ "counts": counts, "needs": rows })))
}

/// The need's title in `lang` with fallback, and the language it is in.
fn title(need: &Need, lang: Lang) -> (Lang, String) {
    need.text_and_lang(lang)
        .map(|(lang, text)| (lang, text.title.clone()))
        .unwrap_or_else(|| (lang, need.id.to_string()))
}

fn organiser(page: &Page, organiser: &Organiser) -> String {
    match organiser {
        Organiser::Municipality => page.text("staff-need-municipality"),
        Organiser::Association(name) => name.clone(),
    }
}

fn place(page: &Page, place: &Place) -> String {
    match place {
        Place::Area(area) => area.name().to_string(),
        Place::Online => page.text("staff-need-online"),
    }
}

fn status(page: &Page, status: NeedStatus) -> String {
    page.text(match status {
        NeedStatus::Open => "staff-need-status-open",
        NeedStatus::Closed => "staff-need-status-closed",
    })
}

async fn new_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    let places = places(&app, None);
    Ok(render_form(
        &app,
        &user,
        lang,
        None,
        &NeedForm::default(),
        &[],
        &places,
    ))
}

async fn edit_page(
    State(app): State<App>,
    Staff(user): Staff,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    let stored = stored_need(&app, &id, lang).await?;
    let form = NeedForm::from_need(&stored.need, &stored.contact, lang);
    let places = places(&app, Some(&stored.need));
    Ok(render_form(
        &app,
        &user,
        lang,
        Some(stored.need.id),
        &form,
        &[],
        &places,
    ))
}

async fn create(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    check_csrf(&user, posted_csrf(&pairs), lang)?;
    let form = NeedForm::from_pairs(&pairs);
    let places = places(&app, None);
    let parsed = match form.parse(NeedId(0), &places) {
        Ok(parsed) => parsed,
        Err(problems) => return Ok(invalid(&app, &user, lang, None, &form, &problems, &places)),
    };
    let municipality = app.assistant().municipality.id.clone();
    let id = needs::create(
        app.store(),
        &municipality,
        &parsed.need,
        &parsed.contact,
        Some(user.id),
    )
    .await
    .map_err(|error| StaffError::Internal(error.into()))?;
    let (_, title) = title(&parsed.need, Lang::Sv);
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "volunteer-need.create",
        &id.to_string(),
        &title,
    )
    .await?;
    Ok(list_view(&app, &user, lang, Some("staff-need-created"))
        .await?
        .into_response())
}

async fn update(
    State(app): State<App>,
    Staff(user): Staff,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    check_csrf(&user, posted_csrf(&pairs), lang)?;
    let stored = stored_need(&app, &id, lang).await?;
    let id = stored.need.id;
    let form = NeedForm::from_pairs(&pairs);
    let places = places(&app, Some(&stored.need));
    let parsed = match form.parse(id, &places) {
        Ok(parsed) => parsed,
        Err(problems) => {
            return Ok(invalid(
                &app,
                &user,
                lang,
                Some(id),
                &form,
                &problems,
                &places,
            ));
        }
    };
    let municipality = app.assistant().municipality.id.clone();
    needs::update(app.store(), &municipality, &parsed.need, &parsed.contact)
        .await
        .map_err(|error| not_found_or_internal(error, lang))?;
    let (_, title) = title(&parsed.need, Lang::Sv);
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        "volunteer-need.update",
        &id.to_string(),
        &title,
    )
    .await?;
    Ok(list_view(&app, &user, lang, Some("staff-need-saved"))
        .await?
        .into_response())
}

async fn close(
    app: State<App>,
    staff: Staff,
    id: Path<String>,
    query: Query<LangQuery>,
    headers: HeaderMap,
    form: Form<CsrfForm>,
) -> Result<Html<String>, StaffError> {
    set_status(app, staff, id, query, headers, form, NeedStatus::Closed).await
}

async fn open(
    app: State<App>,
    staff: Staff,
    id: Path<String>,
    query: Query<LangQuery>,
    headers: HeaderMap,
    form: Form<CsrfForm>,
) -> Result<Html<String>, StaffError> {
    set_status(app, staff, id, query, headers, form, NeedStatus::Open).await
}

async fn set_status(
    State(app): State<App>,
    Staff(user): Staff,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
    status: NeedStatus,
) -> Result<Html<String>, StaffError> {
    let lang = coordinator(&user, &query, &headers)?;
    check_csrf(&user, &form.csrf, lang)?;
    let stored = stored_need(&app, &id, lang).await?;
    let municipality = app.assistant().municipality.id.clone();
    needs::set_status(app.store(), &municipality, stored.need.id, status)
        .await
        .map_err(|error| not_found_or_internal(error, lang))?;
    let (action, notice) = match status {
        NeedStatus::Open => ("volunteer-need.open", "staff-need-opened"),
        NeedStatus::Closed => ("volunteer-need.close", "staff-need-closed"),
    };
    audit::record(
        app.store(),
        &municipality,
        Some(user.id),
        action,
        &stored.need.id.to_string(),
        "",
    )
    .await?;
    list_view(&app, &user, lang, Some(notice)).await
}

fn posted_csrf(pairs: &[(String, String)]) -> &str {
    pairs
        .iter()
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default()
}
