//! The coordinator's need form: its fields as typed ([`NeedForm`]), read from the posted
//! pairs or from a stored need, and parsed into a [`Need`] — or into a [`Problem`] for each
//! field that is wrong, so the page can show the form again with the values as entered.
//! Pure: no I/O and no HTTP types; the words of the problems are staff strings, by key.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::times;
use crate::language::Lang;
use crate::volunteers::{
    Area, LanguageCode, MinimumAge, Need, NeedId, NeedStatus, NeedText, Organiser, Place, Schedule,
    Skill, Topic,
};

/// The most volunteers one need asks for.
pub const MAX_CAPACITY: u16 = 500;
const MAX_TITLE: usize = 120;
const MAX_DESCRIPTION: usize = 2_000;
const MAX_NAME: usize = 120;
const MAX_CONTACT: usize = 200;

/// The form's fields as typed. Field names are also the ids of the inputs; titles and
/// descriptions are `title-<lang>` and `description-<lang>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedForm {
    /// Title and description per language, as typed (either may be empty).
    pub texts: BTreeMap<Lang, (String, String)>,
    /// `municipality` or `association`.
    pub organiser: String,
    pub association: String,
    /// Skill ids (`driving_licence`), as checked.
    pub skills: BTreeSet<String>,
    /// Topic ids (`homework_help`), as checked.
    pub topics: BTreeSet<String>,
    /// Language codes separated by commas.
    pub languages: String,
    /// `online`, or `area:` and a district's name.
    pub place: String,
    /// `weekly` or `dates`.
    pub schedule: String,
    /// One weekly time per line: "tisdag 17:00-19:00".
    pub slots: String,
    /// The last date of the weekly times, or empty.
    pub until: String,
    /// One date per line: "2026-12-05 10:00-14:00".
    pub dates: String,
    /// `16` or `18`.
    pub minimum_age: String,
    pub record_extract: bool,
    pub capacity: String,
    pub contact: String,
    /// `open` or `closed`.
    pub status: String,
}

/// One field that is wrong: the field's name, the staff string that says what to do, and
/// the string's arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub field: String,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// A need as the form gives it, with the contact stored beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormNeed {
    pub need: Need,
    pub contact: String,
}

impl Default for NeedForm {
    /// A new need: for the municipality, weekly, adults, one volunteer, open.
    fn default() -> NeedForm {
        NeedForm {
            organiser: "municipality".into(),
            schedule: "weekly".into(),
            minimum_age: "18".into(),
            capacity: "1".into(),
            status: "open".into(),
            ..NeedForm::empty()
        }
    }
}

impl NeedForm {
    /// Every field empty: what a form posted without them says.
    fn empty() -> NeedForm {
        NeedForm {
            texts: BTreeMap::new(),
            organiser: String::new(),
            association: String::new(),
            skills: BTreeSet::new(),
            topics: BTreeSet::new(),
            languages: String::new(),
            place: String::new(),
            schedule: String::new(),
            slots: String::new(),
            until: String::new(),
            dates: String::new(),
            minimum_age: String::new(),
            record_extract: false,
            capacity: String::new(),
            contact: String::new(),
            status: String::new(),
        }
    }

    /// The form as posted: name/value pairs, checkboxes repeating their name. A field that
    /// is missing is empty, never a default.
    pub fn from_pairs(pairs: &[(String, String)]) -> NeedForm {
        let mut form = NeedForm::empty();
        for (name, value) in pairs {
            let value = value.clone();
            match name.as_str() {
                "organiser" => form.organiser = value,
                "association" => form.association = value,
                "skills" => {
                    form.skills.insert(value);
                }
                "topics" => {
                    form.topics.insert(value);
                }
                "languages" => form.languages = value,
                "place" => form.place = value,
                "schedule" => form.schedule = value,
                "slots" => form.slots = value,
                "until" => form.until = value,
                "dates" => form.dates = value,
                "minimum-age" => form.minimum_age = value,
                "record-extract" => form.record_extract = true,
                "capacity" => form.capacity = value,
                "contact" => form.contact = value,
                "status" => form.status = value,
                other => {
                    let text = |prefix: &str| {
                        other
                            .strip_prefix(prefix)
                            .and_then(Lang::from_code)
                            .filter(|lang| other.len() == prefix.len() + lang.code().len())
                    };
                    if let Some(lang) = text("title-") {
                        form.texts.entry(lang).or_default().0 = value;
                    } else if let Some(lang) = text("description-") {
                        form.texts.entry(lang).or_default().1 = value;
                    }
                }
            }
        }
        form
    }

    /// The form filled in from a stored need, its times written in `lang`.
    pub fn from_need(need: &Need, contact: &str, lang: Lang) -> NeedForm {
        let (organiser, association) = match &need.organiser {
            Organiser::Municipality => ("municipality", String::new()),
            Organiser::Association(name) => ("association", name.clone()),
        };
        let (schedule, slots, until, dates) = match &need.schedule {
            Schedule::Weekly { slots, until } => (
                "weekly",
                times::write_slots(slots, lang),
                until.map(|date| date.to_string()).unwrap_or_default(),
                String::new(),
            ),
            Schedule::Dates(occasions) => (
                "dates",
                String::new(),
                String::new(),
                times::write_dates(occasions),
            ),
        };
        NeedForm {
            texts: need
                .texts
                .iter()
                .map(|(lang, text)| (*lang, (text.title.clone(), text.description.clone())))
                .collect(),
            organiser: organiser.into(),
            association,
            skills: need.skills.iter().map(id_of).collect(),
            topics: need.topics.iter().map(id_of).collect(),
            languages: need
                .languages
                .iter()
                .map(LanguageCode::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            place: place_value(&need.place),
            schedule: schedule.into(),
            slots,
            until,
            dates,
            minimum_age: match need.minimum_age {
                MinimumAge::Sixteen => "16",
                MinimumAge::Eighteen => "18",
            }
            .into(),
            record_extract: need.requires_record_extract,
            capacity: need.capacity.to_string(),
            contact: contact.to_string(),
            status: match need.status {
                NeedStatus::Open => "open",
                NeedStatus::Closed => "closed",
            }
            .into(),
        }
    }

    /// The need the form describes, with id `id`, or every field that is wrong. `places` are
    /// the districts the need may be in.
    pub fn parse(&self, id: NeedId, places: &[Area]) -> Result<FormNeed, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, key: &'static str, args: Vec<(&'static str, String)>| {
            problems.push(Problem {
                field: field.to_string(),
                key,
                args,
            })
        };

        let mut texts = BTreeMap::new();
        for lang in Lang::ALL {
            let (title, description) = self.texts.get(&lang).cloned().unwrap_or_default();
            let (title, description) = (title.trim(), description.trim());
            if title.is_empty() && description.is_empty() && lang != Lang::Sv {
                continue;
            }
            let mut valid = true;
            if title.is_empty() || title.chars().count() > MAX_TITLE {
                problem(&format!("title-{lang}"), "staff-need-error-title", vec![]);
                valid = false;
            }
            if description.is_empty() || description.chars().count() > MAX_DESCRIPTION {
                let field = format!("description-{lang}");
                problem(&field, "staff-need-error-description", vec![]);
                valid = false;
            }
            if valid {
                let text = NeedText {
                    title: title.to_string(),
                    description: description.to_string(),
                };
                texts.insert(lang, text);
            }
        }

        let association = self.association.trim();
        let organiser = match self.organiser.as_str() {
            "municipality" => Some(Organiser::Municipality),
            "association" if !association.is_empty() && association.chars().count() <= MAX_NAME => {
                Some(Organiser::Association(association.to_string()))
            }
            "association" => {
                problem("association", "staff-need-error-association", vec![]);
                None
            }
            _ => {
                problem("organiser", "staff-need-error-choice", vec![]);
                None
            }
        };

        let skills = chosen(&self.skills, &Skill::ALL);
        if skills.is_none() {
            problem("skills", "staff-need-error-choice", vec![]);
        }
        let topics = chosen(&self.topics, &Topic::ALL).filter(|topics| !topics.is_empty());
        if topics.is_none() {
            problem("topics", "staff-need-error-topics", vec![]);
        }

        let mut languages = BTreeSet::new();
        let mut not_codes = Vec::new();
        for code in self
            .languages
            .split([',', ';', ' ', '\n', '\r', '\t'])
            .filter(|code| !code.trim().is_empty())
        {
            match LanguageCode::parse(code) {
                Some(code) => {
                    languages.insert(code);
                }
                None => not_codes.push(code.trim().to_string()),
            }
        }
        if !not_codes.is_empty() {
            let codes = not_codes.join(", ");
            problem(
                "languages",
                "staff-need-error-languages",
                vec![("codes", codes)],
            );
        }

        let place = match self.place.as_str() {
            "online" => Some(Place::Online),
            value => value
                .strip_prefix("area:")
                .and_then(Area::parse)
                // The district as the municipality spells it.
                .and_then(|area| places.iter().find(|place| **place == area).cloned())
                .map(Place::Area),
        };
        if place.is_none() {
            problem("place", "staff-need-error-place", vec![]);
        }

        let schedule = match self.schedule.as_str() {
            "weekly" => {
                let slots = times::parse_slots(&self.slots);
                let until = match self.until.trim() {
                    "" => Ok(None),
                    text => times::parse_date(text).map(Some).ok_or(()),
                };
                if until.is_err() {
                    problem("until", "staff-need-error-until", vec![]);
                }
                match slots {
                    Ok(slots) => until.ok().map(|until| Schedule::Weekly { slots, until }),
                    Err(found) => {
                        problem("slots", found.key("slots"), found.args());
                        None
                    }
                }
            }
            "dates" => match times::parse_dates(&self.dates) {
                Ok(occasions) => Some(Schedule::Dates(occasions)),
                Err(found) => {
                    problem("dates", found.key("dates"), found.args());
                    None
                }
            },
            _ => {
                problem("schedule", "staff-need-error-choice", vec![]);
                None
            }
        };

        let minimum_age = match self.minimum_age.as_str() {
            "16" => Some(MinimumAge::Sixteen),
            "18" => Some(MinimumAge::Eighteen),
            _ => {
                problem("minimum-age", "staff-need-error-choice", vec![]);
                None
            }
        };

        let capacity = self
            .capacity
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|capacity| (1..=MAX_CAPACITY).contains(capacity));
        if capacity.is_none() {
            let max = MAX_CAPACITY.to_string();
            problem("capacity", "staff-need-error-capacity", vec![("max", max)]);
        }

        let contact = self.contact.trim();
        if contact.is_empty() || contact.chars().count() > MAX_CONTACT {
            problem("contact", "staff-need-error-contact", vec![]);
        }

        let status = match self.status.as_str() {
            "open" => Some(NeedStatus::Open),
            "closed" => Some(NeedStatus::Closed),
            _ => {
                problem("status", "staff-need-error-choice", vec![]);
                None
            }
        };

        match (
            organiser,
            skills,
            topics,
            place,
            schedule,
            minimum_age,
            capacity,
            status,
        ) {
            (
                Some(organiser),
                Some(skills),
                Some(topics),
                Some(place),
                Some(schedule),
                Some(minimum_age),
                Some(capacity),
                Some(status),
            ) if problems.is_empty() => Ok(FormNeed {
                need: Need {
                    id,
                    texts,
                    organiser,
                    skills,
                    topics,
                    languages,
                    place,
                    schedule,
                    minimum_age,
                    requires_record_extract: self.record_extract,
                    capacity,
                    accepted: 0,
                    status,
                },
                contact: contact.to_string(),
            }),
            _ => Err(problems),
        }
    }
}

/// The form value of a place: `online` or `area:Norrby`.
pub fn place_value(place: &Place) -> String {
    match place {
        Place::Online => "online".into(),
        Place::Area(area) => format!("area:{}", area.name()),
    }
}

/// The id of a skill or topic in forms: its serialised name (`driving_licence`).
pub fn id_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The checked ids as values of `all`; `None` if one is not among them (a forged form).
fn chosen<T: Serialize + Copy + Ord>(ids: &BTreeSet<String>, all: &[T]) -> Option<BTreeSet<T>> {
    ids.iter()
        .map(|id| all.iter().copied().find(|value| id_of(value) == *id))
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;

    fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    fn places() -> Vec<Area> {
        ["Centrum", "Norrby"]
            .iter()
            .filter_map(|name| Area::parse(name))
            .collect()
    }

    /// A complete, valid form, with `changes` replacing or adding fields.
    fn form(changes: &[(&str, &str)]) -> NeedForm {
        let mut fields = vec![
            ("csrf", "token"),
            ("title-sv", "Läxhjälp"),
            ("description-sv", "Hjälp elever med läxor."),
            ("title-en", ""),
            ("description-en", ""),
            ("organiser", "municipality"),
            ("association", ""),
            ("skills", "tutoring"),
            ("topics", "homework_help"),
            ("topics", "newcomers"),
            ("languages", "ar, SO ,prs"),
            ("place", "area:norrby"),
            ("schedule", "weekly"),
            ("slots", "tisdag 16:00-18:00\r\nThu 16:00 - 18:00\n\n"),
            ("until", ""),
            ("dates", ""),
            ("minimum-age", "18"),
            ("record-extract", "on"),
            ("capacity", "4"),
            ("contact", "Sara, 0123-45 61 10"),
            ("status", "open"),
        ];
        for (name, value) in changes {
            match fields.iter_mut().find(|(field, _)| field == name) {
                Some(field) => field.1 = value,
                None => fields.push((name, value)),
            }
        }
        NeedForm::from_pairs(&pairs(&fields))
    }

    fn problems(form: &NeedForm) -> Vec<(String, &'static str)> {
        match form.parse(NeedId(7), &places()) {
            Ok(parsed) => panic!("expected problems, got {parsed:?}"),
            Err(problems) => problems.into_iter().map(|p| (p.field, p.key)).collect(),
        }
    }

    #[test]
    fn a_complete_form_is_a_need() {
        let parsed = form(&[]).parse(NeedId(7), &places()).expect("valid");
        let need = &parsed.need;
        assert_eq!(need.id, NeedId(7));
        assert_eq!(need.texts.len(), 1, "an empty English text is no text");
        assert_eq!(need.texts[&Lang::Sv].title, "Läxhjälp");
        assert_eq!(need.skills, BTreeSet::from([Skill::Tutoring]));
        assert_eq!(
            need.topics,
            BTreeSet::from([Topic::HomeworkHelp, Topic::Newcomers])
        );
        let codes: Vec<&str> = need.languages.iter().map(LanguageCode::as_str).collect();
        assert_eq!(codes, ["ar", "prs", "so"]);
        assert_eq!(
            need.place,
            Place::Area(Area::parse("Norrby").expect("area"))
        );
        let Schedule::Weekly { slots, until } = &need.schedule else {
            panic!("weekly: {:?}", need.schedule);
        };
        assert_eq!(until, &None);
        let days: Vec<(Weekday, String)> = slots
            .iter()
            .map(|slot| (slot.day, slot.window.to_string()))
            .collect();
        assert_eq!(
            days,
            [
                (Weekday::Tue, "16:00-18:00".to_string()),
                (Weekday::Thu, "16:00-18:00".to_string())
            ]
        );
        assert!(need.requires_record_extract);
        assert_eq!(need.capacity, 4);
        assert_eq!(need.status, NeedStatus::Open);
        assert_eq!(parsed.contact, "Sara, 0123-45 61 10");
    }

    #[test]
    fn one_off_dates_and_an_association() {
        let parsed = form(&[
            ("organiser", "association"),
            ("association", " Röda Korset "),
            ("schedule", "dates"),
            ("dates", "2026-12-05 10:00-14:00\n2026-12-06 10:00–12:00"),
            ("place", "online"),
            ("minimum-age", "16"),
            ("status", "closed"),
        ])
        .parse(NeedId(1), &places())
        .expect("valid");
        assert_eq!(
            parsed.need.organiser,
            Organiser::Association("Röda Korset".into())
        );
        assert_eq!(parsed.need.place, Place::Online);
        assert_eq!(parsed.need.minimum_age, MinimumAge::Sixteen);
        assert_eq!(parsed.need.status, NeedStatus::Closed);
        let Schedule::Dates(dates) = &parsed.need.schedule else {
            panic!("dates");
        };
        assert_eq!(dates.len(), 2);
        assert_eq!(dates[1].window.to_string(), "10:00-12:00");
    }

    #[test]
    fn every_wrong_field_has_its_problem() {
        // The fields changed, and the problems expected (field, key).
        type Fields<'a> = Vec<(&'a str, &'a str)>;
        let cases: Vec<(Fields, Fields)> = vec![
            (
                vec![("title-sv", " ")],
                vec![("title-sv", "staff-need-error-title")],
            ),
            (
                vec![("title-sv", ""), ("description-sv", "")],
                vec![
                    ("title-sv", "staff-need-error-title"),
                    ("description-sv", "staff-need-error-description"),
                ],
            ),
            (
                vec![("title-en", "Homework help")],
                vec![("description-en", "staff-need-error-description")],
            ),
            (
                vec![("organiser", "association")],
                vec![("association", "staff-need-error-association")],
            ),
            (
                vec![("skills", "juggling")],
                vec![("skills", "staff-need-error-choice")],
            ),
            (
                vec![("languages", "ar, arabic, 12")],
                vec![("languages", "staff-need-error-languages")],
            ),
            (
                vec![("place", "area:Atlantis")],
                vec![("place", "staff-need-error-place")],
            ),
            (
                vec![("place", "")],
                vec![("place", "staff-need-error-place")],
            ),
            (
                vec![("slots", "tisdag 19:00-17:00")],
                vec![("slots", "staff-need-error-slot")],
            ),
            (
                vec![("slots", "someday 10:00-12:00")],
                vec![("slots", "staff-need-error-slot")],
            ),
            (
                vec![("slots", "")],
                vec![("slots", "staff-need-error-slots-empty")],
            ),
            (
                vec![("until", "31/12/2026")],
                vec![("until", "staff-need-error-until")],
            ),
            (
                vec![("schedule", "dates"), ("dates", "2026-02-30 10:00-12:00")],
                vec![("dates", "staff-need-error-date")],
            ),
            (
                vec![("schedule", "dates")],
                vec![("dates", "staff-need-error-dates-empty")],
            ),
            (
                vec![("schedule", "monthly")],
                vec![("schedule", "staff-need-error-choice")],
            ),
            (
                vec![("minimum-age", "12")],
                vec![("minimum-age", "staff-need-error-choice")],
            ),
            (
                vec![("capacity", "0")],
                vec![("capacity", "staff-need-error-capacity")],
            ),
            (
                vec![("capacity", "501")],
                vec![("capacity", "staff-need-error-capacity")],
            ),
            (
                vec![("capacity", "many")],
                vec![("capacity", "staff-need-error-capacity")],
            ),
            (
                vec![("contact", "  ")],
                vec![("contact", "staff-need-error-contact")],
            ),
            (
                vec![("status", "maybe")],
                vec![("status", "staff-need-error-choice")],
            ),
        ];
        for (changes, expected) in cases {
            let found = problems(&form(&changes));
            let expected: Vec<(String, &str)> = expected
                .into_iter()
                .map(|(field, key)| (field.to_string(), key))
                .collect();
            assert_eq!(found, expected, "{changes:?}");
        }
        let no_topics = NeedForm {
            topics: BTreeSet::new(),
            ..form(&[])
        };
        assert_eq!(
            problems(&no_topics),
            [("topics".to_string(), "staff-need-error-topics")]
        );
    }

    #[test]
    fn a_line_problem_names_the_line() {
        let form = form(&[("slots", "tisdag 16:00-18:00\n\nfredag kl 5")]);
        let Err(problems) = form.parse(NeedId(1), &places()) else {
            panic!("invalid");
        };
        assert_eq!(
            problems[0].args,
            [
                ("line", "3".to_string()),
                ("text", "fredag kl 5".to_string())
            ]
        );
    }

    #[test]
    fn a_stored_need_fills_the_form_it_came_from() {
        let parsed = form(&[("until", "2026-12-31"), ("title-en", "Homework help")])
            .parse(NeedId(3), &places());
        assert!(parsed.is_err(), "an English title needs its description");
        let parsed = form(&[
            ("until", "2026-12-31"),
            ("title-en", "Homework help"),
            ("description-en", "Help pupils."),
        ])
        .parse(NeedId(3), &places())
        .expect("valid");
        for lang in [Lang::Sv, Lang::En] {
            let again = NeedForm::from_need(&parsed.need, &parsed.contact, lang);
            assert_eq!(
                again.parse(NeedId(3), &places()).as_ref(),
                Ok(&parsed),
                "{lang}: {again:?}"
            );
        }
        let shown = NeedForm::from_need(&parsed.need, &parsed.contact, Lang::En);
        assert_eq!(shown.slots, "Tue 16:00-18:00\nThu 16:00-18:00");
        let shown = NeedForm::from_need(&parsed.need, &parsed.contact, Lang::Sv);
        assert_eq!(shown.slots, "tisdag 16:00-18:00\ntorsdag 16:00-18:00");
        assert_eq!(shown.languages, "ar, prs, so");
    }
}
