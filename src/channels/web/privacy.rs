//! The privacy notice residents can read before and while they chat: who is responsible,
//! what is stored, why, for how long, and their rights — in every offered language, with the
//! municipality's own contact details and retention period. Linked from the widget.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Html;
use axum::routing::get;
use handlebars::html_escape as escape;
use serde::Deserialize;

use super::error::request_language;
use crate::app::App;
use crate::language::Lang;

/// How long transcripts are kept when the configuration does not say.
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// The paragraphs of the notice, in order.
const PARAGRAPHS: [&str; 6] = [
    "privacy-who",
    "privacy-what",
    "privacy-why",
    "privacy-retention",
    "privacy-sensitive",
    "privacy-rights",
];

pub fn router() -> Router<App> {
    Router::new().route("/privacy", get(notice))
}

#[derive(Debug, Deserialize)]
struct NoticeQuery {
    lang: Option<String>,
}

async fn notice(
    State(app): State<App>,
    Query(query): Query<NoticeQuery>,
    headers: HeaderMap,
) -> Html<String> {
    let assistant = app.assistant();
    let municipality = &assistant.municipality;
    let lang = query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .filter(|lang| municipality.languages.contains(lang))
        .unwrap_or_else(|| request_language(&headers, &app));
    let days = DEFAULT_RETENTION_DAYS.to_string();
    let email = municipality.fact("contact.email", lang).unwrap_or_default();
    let phone = municipality.fact("contact.phone", lang).unwrap_or_default();
    let args = [
        ("municipality", municipality.name.as_str()),
        ("days", days.as_str()),
        ("email", email.as_str()),
        ("phone", phone.as_str()),
    ];
    // The notice's strings and facts are text, never markup.
    let text = |key: &str| escape(&assistant.locales.text(lang, key, &args));
    let paragraphs: String = PARAGRAPHS
        .iter()
        .map(|key| format!("<p>{}</p>\n", text(key)))
        .collect();
    let languages: String = municipality
        .languages
        .iter()
        .map(|other| {
            format!(
                r#"<li><a href="/privacy?lang={code}" lang="{code}" dir="{dir}"{current}>{name}</a></li>"#,
                code = other.code(),
                dir = other.dir(),
                current = if *other == lang { r#" aria-current="page""# } else { "" },
                name = escape(&assistant.locales.text(*other, "language-name", &[])),
            )
        })
        .collect();
    let page = format!(
        r#"<!doctype html>
<html lang="{code}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – {municipality}</title>
</head>
<body>
<main>
<h1>{title}</h1>
{paragraphs}</main>
<nav aria-label="{language_menu}"><ul>{languages}</ul></nav>
</body>
</html>
"#,
        code = lang.code(),
        dir = lang.dir(),
        title = text("privacy-title"),
        municipality = escape(&municipality.name),
        language_menu = escape(&assistant.locales.text(lang, "widget-language-menu", &[])),
    );
    Html(page)
}
