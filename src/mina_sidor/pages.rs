//! Rendering Mina sidor: handlebars templates from `templates/mina`, strings from the
//! `mina-*` keys of the locales in the page's language (all nine), `lang` and `dir` set.

use std::sync::OnceLock;

use axum::response::Html;
use handlebars::Handlebars;
use include_dir::{Dir, include_dir};
use serde_json::{Value, json};

use super::MinaError;
use crate::app::App;
use crate::cases::{records, vocabulary};
use crate::language::Lang;
use crate::residents::Resident;
use crate::residents::privacy::Erased;

static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates/mina");
pub const STYLESHEET: &str = include_str!("../../templates/mina/mina-sidor.css");

/// The templates, compiled once. HTML escaping stays on: every value is text.
fn templates() -> &'static Handlebars<'static> {
    static REGISTRY: OnceLock<Handlebars<'static>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut registry = Handlebars::new();
        for file in TEMPLATES.files() {
            let path = file.path();
            if path.extension().is_some_and(|ext| ext == "hbs") {
                let name = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let source = String::from_utf8_lossy(file.contents());
                if let Err(error) = registry.register_template_string(&name, source) {
                    // The templates are part of the binary and tested; a broken one is a bug.
                    tracing::error!(template = name, error = %error, "a Mina sidor template does not compile");
                }
            }
        }
        registry
    })
}

fn strings(app_locales: &crate::locale::Locales, lang: Lang) -> Value {
    Value::Object(
        app_locales
            .keys(Lang::En)
            .iter()
            .filter(|key| key.starts_with("mina-"))
            .map(|key| (key.clone(), json!(app_locales.text(lang, key, &[]))))
            .collect(),
    )
}

fn date(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|time| time.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The page, signed in or out, with an optional Telegram link and a notice (a `mina-*` key).
pub async fn render(
    app: &App,
    lang: Lang,
    resident: Option<&Resident>,
    telegram_link: Option<String>,
    notice: Option<&str>,
) -> Result<Html<String>, MinaError> {
    let assistant = app.assistant();
    let locales = &assistant.locales;
    let municipality = &assistant.municipality;
    let vocabulary = vocabulary::shipped();
    let mut data = frame(app, &assistant, lang);
    data["notice"] = json!(notice.map(|key| locales.text(lang, key, &[])));
    data["sign_in_available"] = json!(app.e_id().is_some());
    match resident {
        None => {
            data["demo_residents"] = json!(
                crate::residents::demo::RESIDENTS
                    .iter()
                    .enumerate()
                    .map(|(index, demo)| json!({ "index": index, "name": demo.name }))
                    .collect::<Vec<_>>()
            );
        }
        Some(resident) => {
            let store = app.store();
            let cases = records::for_resident(store, &municipality.id, &resident.key).await?;
            let mut shown = Vec::new();
            for case in &cases {
                let history: Vec<Value> = records::history(store, case.id)
                    .await?
                    .into_iter()
                    .map(|(status, at)| json!({ "status": vocabulary.explain(case.case_type, &status, lang), "date": date(at) }))
                    .collect();
                shown.push(json!({
                    "name": vocabulary.name(case.case_type, lang),
                    "status": vocabulary.explain(case.case_type, &case.status, lang),
                    "unit": case.unit,
                    "next_step": case.next_step.as_ref().map(|text| text.get(lang).to_string()),
                    "due_date": case.due_date,
                    "history": history,
                }));
            }
            let notices = crate::notices::current_for(store, &municipality.id, &resident.key, lang)
                .await?
                .into_iter()
                .map(|notice| json!({ "title": notice.title, "body": notice.body, "date": date(notice.published_at) }))
                .collect::<Vec<_>>();
            let (topics, district) =
                crate::notices::interests(store, &municipality.id, &resident.key).await?;
            let topic_options: Vec<Value> = crate::notices::Topic::ALL
                .iter()
                .map(|topic| {
                    json!({
                        "id": topic.id(),
                        "label": locales.text(lang, &format!("mina-topic-{}", topic.id()), &[]),
                        "checked": topics.contains(topic),
                    })
                })
                .collect();
            let districts: Vec<Value> = municipality
                .districts
                .iter()
                .map(|area| json!({ "name": area.name(), "selected": area.name() == district }))
                .collect();
            let linked =
                crate::residents::has_telegram(store, &municipality.id, &resident.key).await?;
            data["signed_in"] = json!(true);
            data["demo"] = json!(resident.demo);
            data["csrf"] = json!(resident.csrf_token);
            data["cases"] = json!(shown);
            data["notices"] = json!(notices);
            data["topics"] = json!(topic_options);
            data["districts"] = json!(districts);
            data["whole_municipality"] = json!(district.is_empty());
            data["telegram"] = json!({
                "available": app.telegram_username().is_some(),
                "linked": linked,
                "link": telegram_link,
            });
        }
    }
    let html = templates()
        .render("page", &data)
        .map_err(|error| MinaError::Internal(anyhow::anyhow!("rendering Mina sidor: {error}")))?;
    Ok(Html(html))
}

/// What every Mina sidor page shows around its content: language, direction, strings, the
/// municipality, the language menu and whether it runs with demo residents.
fn frame(app: &App, assistant: &crate::chat::Assistant, lang: Lang) -> Value {
    let locales = &assistant.locales;
    let municipality = &assistant.municipality;
    let languages: Vec<Value> = municipality
        .languages
        .iter()
        .map(|l| json!({ "code": l.code(), "name": locales.text(*l, "language-name", &[]), "current": *l == lang }))
        .collect();
    json!({
        "lang": lang.code(),
        "dir": lang.dir(),
        "t": strings(locales, lang),
        "municipality": municipality.name,
        "languages": languages,
        "demo_mode": app.residents().demo,
    })
}

/// "Erase my data": the confirmation (with a reminder when the box was not ticked), or,
/// once `erased`, what was erased — by then the resident is signed out.
pub fn erase_page(
    app: &App,
    lang: Lang,
    resident: &Resident,
    unconfirmed: bool,
    erased: Option<&Erased>,
) -> Result<Html<String>, MinaError> {
    let assistant = app.assistant();
    let locales = &assistant.locales;
    let mut data = frame(app, &assistant, lang);
    data["demo"] = json!(resident.demo);
    match erased {
        Some(erased) => {
            let count = |key: &str, value: u64| json!({ "label": locales.text(lang, key, &[]), "count": value });
            data["erased"] = json!([
                count("mina-erased-cases", erased.cases),
                count("mina-erased-conversations", erased.conversations),
                count("mina-erased-messages", erased.messages),
                count("mina-erased-interests", erased.resident_interests),
                count("mina-erased-telegram", erased.telegram_chats),
                count("mina-erased-sessions", erased.resident_sessions),
            ]);
        }
        None => {
            data["signed_in"] = json!(true);
            data["csrf"] = json!(resident.csrf_token);
            data["unconfirmed"] = json!(unconfirmed);
        }
    }
    let html = templates().render("erase", &data).map_err(|error| {
        MinaError::Internal(anyhow::anyhow!("rendering the erase page: {error}"))
    })?;
    Ok(Html(html))
}

/// A page with one message (errors), in Swedish and English.
pub fn message(lang: Lang, key: &str) -> Html<String> {
    // Error pages may not reach the application value; the shipped strings are loaded once.
    static LOCALES: OnceLock<crate::locale::Locales> = OnceLock::new();
    let locales = LOCALES.get_or_init(|| {
        crate::locale::Locales::load(&crate::content::Content::embedded().locales)
            .unwrap_or_else(|_| crate::locale::Locales::empty())
    });
    let data = json!({
        "lang": lang.code(),
        "dir": lang.dir(),
        "t": strings(locales, lang),
        "message": locales.text(lang, key, &[]),
        "english": locales.text(Lang::En, key, &[]),
    });
    Html(templates().render("message", &data).unwrap_or_default())
}
