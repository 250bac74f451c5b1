//! Notices to residents (editors and admins): publish a notice to a topic and a district —
//! subscribers are told in their linked channels at once — and see the current ones.
//! Publishing is audited.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Html;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;

use super::accounts::{Role, StaffUser};
use super::pages::Page;
use super::{LangQuery, Staff, StaffError, audit, check_csrf, page_lang, require};
use crate::app::App;
use crate::language::Lang;
use crate::notices::{self, NoticeText, Topic};

pub fn router() -> Router<App> {
    Router::new().route("/staff/notices", get(notices_page).post(publish))
}

async fn notices_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Editor, lang)?;
    view(&app, &user, lang, None).await
}

async fn view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    notice: Option<&str>,
) -> Result<Html<String>, StaffError> {
    let assistant = app.assistant();
    let current = notices::current(app.store(), &assistant.municipality.id, lang).await?;
    let mut page = Page::new(app, lang, "notices", "staff-notices").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    let topics: Vec<serde_json::Value> = Topic::ALL
        .iter()
        .map(|topic| json!({ "id": topic.id(), "label": assistant.locales.text(lang, &format!("mina-topic-{}", topic.id()), &[]) }))
        .collect();
    let districts: Vec<&str> = assistant
        .municipality
        .districts
        .iter()
        .map(|area| area.name())
        .collect();
    Ok(page.render(
        "notices",
        json!({ "notices": current, "topics": topics, "districts": districts }),
    ))
}

#[derive(Debug, Deserialize)]
struct NoticeForm {
    csrf: String,
    topic: String,
    #[serde(default)]
    district: String,
    title_sv: String,
    body_sv: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    body_en: String,
    #[serde(default)]
    days: Option<i64>,
}

async fn publish(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<NoticeForm>,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require(&user, Role::Editor, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let assistant = app.assistant();
    let topic = Topic::parse(&form.topic).ok_or(StaffError::NotFound(lang))?;
    let district = assistant
        .municipality
        .districts
        .iter()
        .find(|area| area.name() == form.district)
        .map(|area| area.name().to_string())
        .unwrap_or_default();
    let mut texts = BTreeMap::new();
    let text = |title: &str, body: &str| {
        let (title, body) = (title.trim(), body.trim());
        (!title.is_empty() && !body.is_empty()).then(|| NoticeText {
            title: title.chars().take(200).collect(),
            body: body.chars().take(2000).collect(),
        })
    };
    let Some(swedish) = text(&form.title_sv, &form.body_sv) else {
        return view(&app, &user, lang, Some("staff-notice-needs-swedish")).await;
    };
    texts.insert("sv".to_string(), swedish);
    if let Some(english) = text(&form.title_en, &form.body_en) {
        texts.insert("en".to_string(), english);
    }
    let (id, told) = notices::publish(
        app.store(),
        &assistant,
        Some(user.id),
        topic,
        &district,
        &texts,
        form.days.unwrap_or(30),
    )
    .await?;
    for conversation in &told {
        app.notify(*conversation);
    }
    audit::record(
        app.store(),
        &assistant.municipality.id,
        Some(user.id),
        "notice.publish",
        &id.to_string(),
        &format!(
            "{} / {} ({} conversations told)",
            topic.id(),
            if district.is_empty() { "-" } else { &district },
            told.len()
        ),
    )
    .await?;
    view(&app, &user, lang, Some("staff-notice-published")).await
}
