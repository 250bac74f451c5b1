//! Rendering staff pages: handlebars templates from `templates/staff`, one layout, strings
//! from the `staff-*` keys of the locales (Swedish and English).

use std::sync::OnceLock;

use axum::response::Html;
use handlebars::Handlebars;
use include_dir::{Dir, include_dir};
use serde::Serialize;
use serde_json::{Value, json};

use super::accounts::{Role, StaffUser};
use super::dashboard::DayCount;
use crate::app::App;
use crate::content::Content;
use crate::language::Lang;
use crate::locale::Locales;

static TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates/staff");
pub const STYLESHEET: &str = include_str!("../../templates/staff/staff.css");

/// The templates, compiled once. HTML escaping stays on: every value is text.
fn templates() -> &'static Handlebars<'static> {
    static REGISTRY: OnceLock<Handlebars<'static>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut registry = Handlebars::new();
        for file in TEMPLATES.files() {
            let path = file.path();
            if path.extension().is_some_and(|ext| ext == "hbs") {
                let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let source = String::from_utf8_lossy(file.contents());
                if let Err(error) = registry.register_template_string(&name, source) {
                    // The templates are part of the binary and tested; a broken one is a bug.
                    tracing::error!(template = name, error = %error, "a staff template does not compile");
                }
            }
        }
        registry
    })
}

/// The staff strings. They ship with the binary and are checked by tests, so they are loaded
/// from it once; were they broken, pages would show their keys rather than fail.
fn strings() -> &'static Locales {
    static LOCALES: OnceLock<Locales> = OnceLock::new();
    LOCALES.get_or_init(|| {
        Locales::load(&Content::embedded().locales).unwrap_or_else(|_| Locales::empty())
    })
}

/// One page being rendered.
pub struct Page {
    lang: Lang,
    page: &'static str,
    title: String,
    municipality: String,
    user: Option<StaffUser>,
    notice: Option<String>,
    /// Whether the page is served for the deployment's own municipality.
    deployment: bool,
}

impl Page {
    pub fn new(app: &App, lang: Lang, page: &'static str, title_key: &str) -> Page {
        Page {
            lang,
            page,
            title: text(lang, title_key, &[]),
            municipality: app.assistant().municipality.name.clone(),
            user: None,
            notice: None,
            deployment: app.current_tenant() == app.default_tenant(),
        }
    }

    pub fn signed_in(mut self, user: &StaffUser) -> Page {
        self.user = Some(user.clone());
        self
    }

    /// A title of the page's own (a need's title) instead of the one from `title_key`.
    pub fn titled(mut self, title: &str) -> Page {
        self.title = title.to_string();
        self
    }

    pub fn notice(mut self, key: &str) -> Page {
        self.notice = Some(self.text(key));
        self
    }

    pub fn text(&self, key: &str) -> String {
        text(self.lang, key, &[])
    }

    pub fn text_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        text(self.lang, key, args)
    }

    /// Renders the template `name` with `data` inside the layout.
    pub fn render(&self, name: &str, mut data: Value) -> Html<String> {
        let strings = staff_strings(self.lang);
        let csrf = self.user.as_ref().map(|u| u.csrf_token.clone());
        if let Value::Object(map) = &mut data {
            map.insert("lang".into(), json!(self.lang.code()));
            map.insert("t".into(), strings.clone());
            if let Some(csrf) = &csrf {
                map.entry("csrf").or_insert(json!(csrf));
            }
        }
        let body = templates().render(name, &data).unwrap_or_else(|error| {
            tracing::error!(template = name, error = %error, "rendering a staff page");
            String::new()
        });
        let layout = LayoutData {
            lang: self.lang.code(),
            title: &self.title,
            municipality: &self.municipality,
            page: self.page,
            user: self.user.as_ref().map(|u| u.display_name.as_str()),
            may_edit: self.user.as_ref().is_some_and(|u| u.may(Role::Editor)),
            may_answer: self.user.as_ref().is_some_and(|u| u.may(Role::Agent)),
            may_administer: self.user.as_ref().is_some_and(|u| u.may(Role::Admin))
                && self.deployment,
            may_coordinate: self.user.as_ref().is_some_and(|u| u.may(Role::Coordinator)),
            may_protect: self.user.as_ref().is_some_and(|u| u.may(Role::Admin)),
            csrf: csrf.as_deref(),
            notice: self.notice.as_deref(),
            t: strings,
            body,
        };
        Html(templates().render("layout", &layout).unwrap_or_default())
    }
}

#[derive(Serialize)]
struct LayoutData<'a> {
    lang: &'a str,
    title: &'a str,
    municipality: &'a str,
    page: &'a str,
    user: Option<&'a str>,
    may_edit: bool,
    may_answer: bool,
    /// An administrator of the deployment's own municipality (the municipalities page).
    may_administer: bool,
    may_coordinate: bool,
    /// An administrator of this municipality (residents' data by request).
    may_protect: bool,
    csrf: Option<&'a str>,
    notice: Option<&'a str>,
    t: Value,
    body: String,
}

/// A page with one message (errors).
pub fn message(lang: Lang, key: &str) -> Html<String> {
    let strings = staff_strings(lang);
    let data = json!({ "lang": lang.code(), "t": strings, "message": text(lang, key, &[]) });
    let body = templates().render("message", &data).unwrap_or_default();
    let layout = LayoutData {
        lang: lang.code(),
        title: &text(lang, "staff-product", &[]),
        municipality: "",
        page: "message",
        user: None,
        may_edit: false,
        may_answer: false,
        may_administer: false,
        may_coordinate: false,
        may_protect: false,
        csrf: None,
        notice: None,
        t: strings,
        body,
    };
    Html(templates().render("layout", &layout).unwrap_or_default())
}

fn text(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    strings().text(lang, key, args)
}

fn staff_strings(lang: Lang) -> Value {
    let locales = strings();
    Value::Object(
        locales
            .keys(Lang::En)
            .iter()
            .filter(|key| key.starts_with("staff-"))
            .map(|key| (key.clone(), json!(locales.text(lang, key, &[]))))
            .collect(),
    )
}

/// A bar chart of questions per day, as data for an inline SVG.
pub fn chart(days: &[DayCount]) -> Value {
    let (width, height) = (720.0_f64, 160.0_f64);
    let max = days.iter().map(|d| d.count).max().unwrap_or(0).max(1) as f64;
    let slot = width / days.len().max(1) as f64;
    let bars: Vec<Value> = days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let bar_height = (day.count as f64 / max * (height - 10.0)).round();
            json!({
                "x": (i as f64 * slot + slot * 0.1).round(),
                "y": height - bar_height,
                "width": (slot * 0.8).max(1.0).round(),
                "height": bar_height,
                "day": day.day,
                "count": day.count,
            })
        })
        .collect();
    json!({ "width": width, "height": height, "bars": bars })
}
