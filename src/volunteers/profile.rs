//! A resident's volunteer profile: what they can do, what they care about, which languages
//! they speak, where and when they can help. Plain data, parsed at the edge.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::schedule::WeeklySlot;
use super::vocabulary::{Area, LanguageCode, Skill, Topic};

/// The portal's id of a volunteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VolunteerId(pub u64);

impl fmt::Display for VolunteerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "volunteer-{}", self.0)
    }
}

/// How old a volunteer is, as far as the rules care: the portal takes volunteers from 16.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    SixteenToSeventeen,
    Adult,
}

/// A volunteer's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: VolunteerId,
    pub skills: BTreeSet<Skill>,
    /// Topics they would like to help with.
    pub interests: BTreeSet<Topic>,
    pub languages: BTreeSet<LanguageCode>,
    /// Districts they can get to.
    pub areas: BTreeSet<Area>,
    /// Whether they will also help online.
    pub accepts_online: bool,
    /// When they are usually free, week by week.
    pub availability: Vec<WeeklySlot>,
    pub age: AgeBand,
    /// Whether they are willing to show an extract from the criminal records register.
    pub accepts_record_extract: bool,
    /// When they consented to be contacted by coordinators; `None` if they have not (or
    /// withdrew it). Coordinators are only shown volunteers who consented.
    pub contact_consent: Option<NaiveDateTime>,
}
