//! The need form as a page: what the coordinator typed, the districts and vocabulary to
//! choose from in the page's language, and a message at each wrong field (linked to it and
//! summed up at the top).

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Value, json};

use super::super::accounts::StaffUser;
use super::super::pages::Page;
use super::form::{self, NeedForm, Problem};
use crate::app::App;
use crate::language::Lang;
use crate::volunteers::{
    Area, LanguageCode, Need, NeedId, Place, Skill, Topic, language_label, skill_label, topic_label,
};

/// The districts a need may be in: the municipality's, and the one `need` is in already
/// should the municipality no longer list it.
pub fn places(app: &App, need: Option<&Need>) -> Vec<Area> {
    let mut places = app.assistant().municipality.districts.clone();
    if let Some(Place::Area(area)) = need.map(|need| &need.place)
        && !places.contains(area)
    {
        places.push(area.clone());
    }
    places
}

/// The form again with what was entered and a message at each wrong field.
pub fn invalid(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    id: Option<NeedId>,
    form: &NeedForm,
    problems: &[Problem],
    places: &[Area],
) -> Response {
    let page = render_form(app, user, lang, id, form, problems, places);
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

pub fn render_form(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    id: Option<NeedId>,
    form: &NeedForm,
    problems: &[Problem],
    places: &[Area],
) -> Html<String> {
    let title_key = if id.is_some() {
        "staff-need-edit"
    } else {
        "staff-need-new"
    };
    let page = Page::new(app, lang, "volunteering", title_key).signed_in(user);
    let message = |field: &str| {
        problems
            .iter()
            .find(|problem| problem.field == field)
            .map(|problem| {
                let args: Vec<(&str, &str)> = problem
                    .args
                    .iter()
                    .map(|(name, value)| (*name, value.as_str()))
                    .collect();
                page.text_with(problem.key, &args)
            })
    };
    let errors: serde_json::Map<String, Value> = problems
        .iter()
        .filter_map(|problem| {
            let text = message(&problem.field)?;
            Some((problem.field.replace('-', "_"), json!(text)))
        })
        .collect();
    let summary: Vec<Value> = problems
        .iter()
        .map(|problem| json!({ "field": problem.field, "message": message(&problem.field) }))
        .collect();
    // Swedish and English first, then the municipality's other languages, then any other a
    // stored need has.
    let mut languages = vec![Lang::Sv, Lang::En];
    let offered = app.assistant().municipality.languages.clone();
    for lang in offered.into_iter().chain(form.texts.keys().copied()) {
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    // Languages other than Swedish and English are folded away unless they hold something.
    let optional_from = 2;
    let last = languages.len().saturating_sub(1);
    let open_optional = languages.iter().skip(optional_from).any(|text_lang| {
        form.texts
            .get(text_lang)
            .is_some_and(|(title, description)| {
                !title.trim().is_empty() || !description.trim().is_empty()
            })
    });
    let texts: Vec<Value> = languages
        .iter()
        .enumerate()
        .map(|(index, text_lang)| {
            let (title, description) = form.texts.get(text_lang).cloned().unwrap_or_default();
            let name = LanguageCode::parse(text_lang.code())
                .map(|code| language_label(code, lang))
                .unwrap_or_default();
            let key = if *text_lang == Lang::Sv {
                "staff-need-text-required"
            } else {
                "staff-need-text-optional"
            };
            json!({
                "code": text_lang.code(),
                "dir": text_lang.dir(),
                "legend": page.text_with(key, &[("language", &name)]),
                "required": *text_lang == Lang::Sv,
                "title": title,
                "description": description,
                "title_error": message(&format!("title-{text_lang}")),
                "description_error": message(&format!("description-{text_lang}")),
                "first_optional": index == optional_from,
                "last_optional": index >= optional_from && index == last,
            })
        })
        .collect();
    let skills: Vec<Value> = Skill::ALL
        .iter()
        .map(|skill| {
            let id = form::id_of(skill);
            json!({ "checked": form.skills.contains(&id), "id": id, "label": skill_label(*skill, lang) })
        })
        .collect();
    let topics: Vec<Value> = Topic::ALL
        .iter()
        .map(|topic| {
            let id = form::id_of(topic);
            json!({ "checked": form.topics.contains(&id), "id": id, "label": topic_label(*topic, lang) })
        })
        .collect();
    let online = form::place_value(&Place::Online);
    let places: Vec<Value> = places
        .iter()
        .map(|area| {
            let value = form::place_value(&Place::Area(area.clone()));
            json!({ "selected": form.place == value, "value": value, "label": area.name() })
        })
        .chain(std::iter::once(json!({
            "selected": form.place == online,
            "value": online,
            "label": page.text("staff-need-online"),
        })))
        .collect();
    let action = match id {
        Some(id) => format!("/staff/volunteering/{}", id.0),
        None => "/staff/volunteering".to_string(),
    };
    page.render(
        "need-form",
        json!({
            "action": action,
            "editing": id.map(|id| id.0),
            "errors": errors,
            "summary": summary,
            "texts": texts,
            "open_optional": open_optional,
            "municipality": form.organiser == "municipality",
            "association": form.organiser == "association",
            "association_name": form.association,
            "skills": skills,
            "topics": topics,
            "languages": form.languages,
            "places": places,
            "no_place": !places_selected(form, &places),
            "weekly": form.schedule != "dates",
            "dates_chosen": form.schedule == "dates",
            "slots": form.slots,
            "until": form.until,
            "dates": form.dates,
            "age16": form.minimum_age == "16",
            "age18": form.minimum_age != "16",
            "record_extract": form.record_extract,
            "capacity": form.capacity,
            "max_capacity": form::MAX_CAPACITY,
            "contact": form.contact,
            "open": form.status != "closed",
            "closed": form.status == "closed",
        }),
    )
}

fn places_selected(form: &NeedForm, places: &[Value]) -> bool {
    places
        .iter()
        .any(|place| place["value"].as_str() == Some(form.place.as_str()))
}
