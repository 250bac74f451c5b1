//! The widget's files and its configuration: the demo host page, `widget.js`, and the
//! strings, languages and contact facts the widget needs, in the widget's locale.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::App;
use crate::language::Lang;

pub fn router() -> Router<App> {
    Router::new()
        .route("/", get(demo_page))
        .route("/widget.js", get(widget_script))
        .route("/api/v1/widget/config", get(config))
}

async fn demo_page() -> Html<&'static str> {
    Html(include_str!("assets/index.html"))
}

async fn widget_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        include_str!("assets/widget.js"),
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ConfigQuery {
    /// The page's language; the municipality's default when absent or not offered.
    locale: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
struct LanguageOption {
    code: Lang,
    name: String,
    dir: &'static str,
}

/// What the widget shows: the municipality, its languages, and its strings in `locale`.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct WidgetConfig {
    municipality: String,
    /// The municipality's colour (`#rrggbb`), if it configured one.
    #[serde(skip_serializing_if = "Option::is_none")]
    brand_colour: Option<String>,
    /// Its logo's URL, if it configured one.
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<String>,
    phone: String,
    default_language: Lang,
    languages: Vec<LanguageOption>,
    locale: Lang,
    dir: &'static str,
    /// The `widget-*` interface strings, by key.
    #[schema(value_type = std::collections::HashMap<String, String>)]
    strings: serde_json::Map<String, serde_json::Value>,
}

/// The widget's configuration in the page's locale.
#[utoipa::path(
    get,
    path = "/api/v1/widget/config",
    tag = "widget",
    params(ConfigQuery),
    responses((status = 200, description = "The widget's configuration", body = WidgetConfig))
)]
pub(super) async fn config(
    State(app): State<App>,
    Query(query): Query<ConfigQuery>,
) -> Json<WidgetConfig> {
    let assistant = app.assistant();
    let municipality = &assistant.municipality;
    let locale = query
        .locale
        .as_deref()
        .and_then(Lang::from_code)
        .filter(|lang| municipality.languages.contains(lang))
        .unwrap_or(municipality.default_language);
    let phone = municipality
        .fact("contact.phone", locale)
        .unwrap_or_default();
    let locales = &assistant.locales;
    let strings = locales
        .keys(Lang::En)
        .iter()
        .filter(|key| key.starts_with("widget-"))
        .map(|key| {
            let text = locales.text(
                locale,
                key,
                &[("phone", &phone), ("municipality", &municipality.name)],
            );
            (key.clone(), serde_json::Value::String(text))
        })
        .collect();
    Json(WidgetConfig {
        municipality: municipality.name.clone(),
        brand_colour: municipality.branding.colour.clone(),
        logo: municipality.branding.logo.clone(),
        phone,
        default_language: municipality.default_language,
        languages: municipality
            .languages
            .iter()
            .map(|lang| LanguageOption {
                code: *lang,
                name: locales.text(*lang, "language-name", &[]),
                dir: lang.dir(),
            })
            .collect(),
        locale,
        dir: locale.dir(),
        strings,
    })
}
