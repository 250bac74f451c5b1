//! The words needs and profiles share: skills, topics, spoken languages and areas, each parsed
//! once at the edge. Their names in Swedish and English live in `reasons`, not here.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::folding::fold;

/// Something a volunteer can do, from the portal's fixed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Skill {
    DrivingLicence,
    FirstAid,
    Cooking,
    DigitalHelp,
    Tutoring,
    Music,
    SportsLeading,
    Crafts,
    Gardening,
    Interpreting,
    Administration,
    Photography,
}

impl Skill {
    pub const ALL: [Skill; 12] = [
        Skill::DrivingLicence,
        Skill::FirstAid,
        Skill::Cooking,
        Skill::DigitalHelp,
        Skill::Tutoring,
        Skill::Music,
        Skill::SportsLeading,
        Skill::Crafts,
        Skill::Gardening,
        Skill::Interpreting,
        Skill::Administration,
        Skill::Photography,
    ];

    /// This skill's bit in a skill mask (the enum has far fewer than 64 variants).
    pub(crate) fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

/// What a need is about, and what a volunteer is interested in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// Läxhjälp.
    HomeworkHelp,
    /// Språkcafé.
    LanguageCafe,
    /// Äldre.
    Elderly,
    /// Idrott.
    Sports,
    /// Miljö.
    Environment,
    /// Kultur.
    Culture,
    /// Barn och unga.
    ChildrenAndYouth,
    /// Nyanlända.
    Newcomers,
    /// Digital delaktighet.
    DigitalInclusion,
    /// Evenemang.
    Events,
}

impl Topic {
    pub const ALL: [Topic; 10] = [
        Topic::HomeworkHelp,
        Topic::LanguageCafe,
        Topic::Elderly,
        Topic::Sports,
        Topic::Environment,
        Topic::Culture,
        Topic::ChildrenAndYouth,
        Topic::Newcomers,
        Topic::DigitalInclusion,
        Topic::Events,
    ];

    /// This topic's bit in a topic mask.
    pub(crate) fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A language a person speaks: an ISO 639-1 or 639-3 code, lowercase ("ar", "prs", "swl").
///
/// Not `language::Lang`: volunteers speak many languages the assistant does not (Dari,
/// Kurdish, Swedish Sign Language), and those are exactly the ones coordinators look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageCode([u8; 3]);

impl LanguageCode {
    /// Two or three ASCII letters, any case; `None` for anything else.
    pub fn parse(text: &str) -> Option<LanguageCode> {
        let text = text.trim();
        let valid = (2..=3).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphabetic());
        if !valid {
            return None;
        }
        let mut code = [0u8; 3];
        for (slot, byte) in code.iter_mut().zip(text.bytes()) {
            *slot = byte.to_ascii_lowercase();
        }
        Some(LanguageCode(code))
    }

    pub fn as_str(&self) -> &str {
        let len = if self.0[2] == 0 { 2 } else { 3 };
        // Only ASCII letters are ever stored, so this never fails.
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

impl TryFrom<String> for LanguageCode {
    type Error = String;
    fn try_from(text: String) -> Result<LanguageCode, String> {
        LanguageCode::parse(&text)
            .ok_or_else(|| format!("{text:?} is not a language code (two or three letters)"))
    }
}

impl From<LanguageCode> for String {
    fn from(code: LanguageCode) -> String {
        code.as_str().to_string()
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A district of the municipality, as its name is shown ("Skoghall", "Vålberg").
///
/// Two areas are the same when their folded names are, so "skoghall" typed in a form is the
/// district a coordinator wrote as "Skoghall".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Area {
    name: String,
    key: String,
}

impl Area {
    /// A non-empty name of at most 80 characters; `None` otherwise.
    pub fn parse(text: &str) -> Option<Area> {
        let name = text.trim();
        let valid = !name.is_empty() && name.chars().count() <= 80;
        valid.then(|| Area {
            name: name.to_string(),
            key: fold(name),
        })
    }

    /// The name as it is shown.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The folded name that identifies the area.
    pub(crate) fn key(&self) -> &str {
        &self.key
    }
}

impl PartialEq for Area {
    fn eq(&self, other: &Area) -> bool {
        self.key == other.key
    }
}

impl Eq for Area {}

impl Hash for Area {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl PartialOrd for Area {
    fn partial_cmp(&self, other: &Area) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Area {
    fn cmp(&self, other: &Area) -> Ordering {
        self.key.cmp(&other.key)
    }
}

impl TryFrom<String> for Area {
    type Error = String;
    fn try_from(text: String) -> Result<Area, String> {
        Area::parse(&text).ok_or_else(|| format!("{text:?} is not an area name"))
    }
}

impl From<Area> for String {
    fn from(area: Area) -> String {
        area.name
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_two_or_three_letters() {
        let cases = [
            ("ar", Some("ar")),
            ("AR", Some("ar")),
            (" prs ", Some("prs")),
            ("swl", Some("swl")),
            ("a", None),
            ("arab", None),
            ("a1", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let parsed = LanguageCode::parse(text);
            assert_eq!(
                parsed.as_ref().map(LanguageCode::as_str),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn areas_compare_by_folded_name_and_keep_their_spelling() {
        let written = Area::parse("Vålberg").expect("area");
        let typed = Area::parse(" valberg ").expect("area");
        assert_eq!(written, typed);
        assert_eq!(written.name(), "Vålberg");
        assert_eq!(Area::parse("  "), None);
    }

    #[test]
    fn every_skill_and_topic_has_its_own_bit() {
        let skills = Skill::ALL
            .iter()
            .fold(0u64, |mask, skill| mask | skill.bit());
        let topics = Topic::ALL
            .iter()
            .fold(0u32, |mask, topic| mask | topic.bit());
        assert_eq!(skills.count_ones() as usize, Skill::ALL.len());
        assert_eq!(topics.count_ones() as usize, Topic::ALL.len());
    }
}
