//! Test data: one need and one volunteer that match, for tests to change one field at a
//! time, and short constructors for the values they are made of.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::need::{MinimumAge, Need, NeedId, NeedStatus, NeedText, Organiser, Place};
use super::profile::{AgeBand, Profile, VolunteerId};
use super::schedule::{Occasion, Schedule, TimeWindow, WeeklySlot};
use super::vocabulary::{Area, LanguageCode};
use crate::language::Lang;

pub(super) fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("date and time")
}

pub(super) fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

pub(super) fn window(text: &str) -> TimeWindow {
    TimeWindow::parse(text).expect("time window")
}

pub(super) fn slot(day: Weekday, text: &str) -> WeeklySlot {
    WeeklySlot {
        day,
        window: window(text),
    }
}

pub(super) fn occasion(day: &str, text: &str) -> Occasion {
    Occasion {
        date: date(day),
        window: window(text),
    }
}

pub(super) fn area(name: &str) -> Area {
    Area::parse(name).expect("area")
}

pub(super) fn lang(code: &str) -> LanguageCode {
    LanguageCode::parse(code).expect("language code")
}

/// An open homework club in Skoghall, Tuesdays 17–19, for two adults, nothing else asked.
pub(super) fn need(id: u64) -> Need {
    let text = NeedText {
        title: "Läxhjälp".to_string(),
        description: "Hjälp elever med läxorna.".to_string(),
    };
    Need {
        id: NeedId(id),
        texts: BTreeMap::from([(Lang::Sv, text)]),
        organiser: Organiser::Municipality,
        skills: BTreeSet::new(),
        topics: BTreeSet::new(),
        languages: BTreeSet::new(),
        place: Place::Area(area("Skoghall")),
        schedule: Schedule::Weekly {
            slots: vec![slot(Weekday::Tue, "17:00-19:00")],
            until: None,
        },
        minimum_age: MinimumAge::Eighteen,
        requires_record_extract: false,
        capacity: 2,
        accepted: 0,
        status: NeedStatus::Open,
    }
}

/// An adult in Skoghall, free Tuesdays 16–20, in person only, who consented to contact.
pub(super) fn volunteer(id: u64) -> Profile {
    Profile {
        id: VolunteerId(id),
        skills: BTreeSet::new(),
        interests: BTreeSet::new(),
        languages: BTreeSet::new(),
        areas: BTreeSet::from([area("Skoghall")]),
        accepts_online: false,
        availability: vec![slot(Weekday::Tue, "16:00-20:00")],
        age: AgeBand::Adult,
        accepts_record_extract: false,
        contact_consent: Some(at("2025-01-02 10:00")),
    }
}
