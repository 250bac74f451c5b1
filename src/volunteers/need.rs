//! A need (uppdrag): what a coordinator asks volunteers for, for the municipality or a partner
//! association. Plain data; the rules that compare it with a volunteer live in `rules`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::schedule::Schedule;
use super::vocabulary::{Area, LanguageCode, Skill, Topic};
use crate::language::Lang;

/// The portal's id of a need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NeedId(pub u64);

impl fmt::Display for NeedId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "need-{}", self.0)
    }
}

/// A need's title and description in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedText {
    pub title: String,
    pub description: String,
}

/// Who the need is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Organiser {
    /// The municipality itself.
    Municipality,
    /// A partner association, by name ("Röda Korset Hammarö").
    Association(String),
}

/// Where a need takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// In a district of the municipality.
    Area(Area),
    /// Online, from anywhere.
    Online,
}

/// The youngest a volunteer may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MinimumAge {
    Sixteen,
    Eighteen,
}

/// Whether volunteers can still sign up, as the coordinator set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedStatus {
    Open,
    Closed,
}

/// A need for volunteers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub id: NeedId,
    /// Title and description in each language the coordinator wrote them in.
    pub texts: BTreeMap<Lang, NeedText>,
    pub organiser: Organiser,
    /// Skills that help; a volunteer without them may still sign up.
    pub skills: BTreeSet<Skill>,
    /// What the need is about, compared with volunteers' interests.
    pub topics: BTreeSet<Topic>,
    /// Languages that help ("someone who speaks Arabic for the homework club").
    pub languages: BTreeSet<LanguageCode>,
    pub place: Place,
    pub schedule: Schedule,
    pub minimum_age: MinimumAge,
    /// Whether volunteers must show an extract from the criminal records register
    /// (utdrag ur belastningsregistret), as for work with children or the elderly.
    pub requires_record_extract: bool,
    /// How many volunteers the need is for.
    pub capacity: u16,
    /// How many have been accepted so far; the need is full when this reaches `capacity`.
    pub accepted: u16,
    pub status: NeedStatus,
}

impl Need {
    /// The text in `lang`, else Swedish, else English, else any; `None` only without texts.
    pub fn text(&self, lang: Lang) -> Option<&NeedText> {
        self.text_and_lang(lang).map(|(_, text)| text)
    }

    /// [`Need::text`] with the language it is written in, for pages that mark it up.
    pub fn text_and_lang(&self, lang: Lang) -> Option<(Lang, &NeedText)> {
        [lang, Lang::Sv, Lang::En]
            .into_iter()
            .find_map(|lang| self.texts.get(&lang).map(|text| (lang, text)))
            .or_else(|| self.texts.iter().next().map(|(lang, text)| (*lang, text)))
    }

    /// Whether every place is taken.
    pub fn is_full(&self) -> bool {
        self.accepted >= self.capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_swedish_then_english_then_any() {
        let text = |title: &str| NeedText {
            title: title.to_string(),
            description: String::new(),
        };
        let with = |langs: &[(Lang, &str)]| -> BTreeMap<Lang, NeedText> {
            langs
                .iter()
                .map(|(lang, title)| (*lang, text(title)))
                .collect()
        };
        let cases = [
            (
                with(&[(Lang::Sv, "Läxhjälp"), (Lang::Ar, "مساعدة")]),
                Lang::Ar,
                Some("مساعدة"),
            ),
            (
                with(&[(Lang::Sv, "Läxhjälp"), (Lang::En, "Homework")]),
                Lang::So,
                Some("Läxhjälp"),
            ),
            (with(&[(Lang::En, "Homework")]), Lang::Fi, Some("Homework")),
            (with(&[(Lang::Uk, "Допомога")]), Lang::Sv, Some("Допомога")),
            (with(&[]), Lang::Sv, None),
        ];
        for (texts, lang, expected) in cases {
            let need = Need {
                id: NeedId(1),
                texts,
                organiser: Organiser::Municipality,
                skills: BTreeSet::new(),
                topics: BTreeSet::new(),
                languages: BTreeSet::new(),
                place: Place::Online,
                schedule: Schedule::Dates(vec![]),
                minimum_age: MinimumAge::Eighteen,
                requires_record_extract: false,
                capacity: 1,
                accepted: 0,
                status: NeedStatus::Open,
            };
            let title = need.text(lang).map(|text| text.title.as_str());
            assert_eq!(title, expected, "{lang}");
        }
    }
}
