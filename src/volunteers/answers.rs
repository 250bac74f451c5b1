//! Reading a resident's free-text answers to the volunteer questions: which topics, skills,
//! languages, days and times, places, and whether it was a yes or a no. The words come from
//! `volunteering/words.toml` (every language in one list per meaning), loaded once per
//! content version; the municipality's districts come from `municipality.toml`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Weekday;
use serde::Deserialize;

use super::schedule::{TimeWindow, WeeklySlot};
use super::vocabulary::{Area, LanguageCode, Skill, Topic};
use crate::folding::{fold, words};

/// A word list for one meaning, folded.
#[derive(Debug, Clone, Default)]
struct Entries(Vec<String>);

impl Entries {
    fn new(words: &[String]) -> Entries {
        Entries(words.iter().map(|word| fold(word.trim())).collect())
    }

    /// Whether the answer says it: a phrase anywhere, a short word whole, a long word also as
    /// the start of a longer one ("läxhjälp" in "läxhjälpen").
    fn found_in(&self, answer: &Answer) -> bool {
        self.0.iter().any(|entry| {
            if entry.contains(' ') {
                answer.spaced.contains(&format!(" {entry} "))
            } else if entry.chars().count() >= 5 {
                answer
                    .words
                    .iter()
                    .any(|word| word.starts_with(entry.as_str()))
            } else {
                answer.words.iter().any(|word| word == entry)
            }
        })
    }
}

/// An answer prepared once for every lookup.
pub struct Answer {
    words: Vec<String>,
    /// The words joined by single spaces, with a space at each end, for phrases.
    spaced: String,
}

impl Answer {
    pub fn new(text: &str) -> Answer {
        let folded = fold(text);
        let words: Vec<String> = words(&folded).map(str::to_string).collect();
        let spaced = format!(" {} ", words.join(" "));
        Answer { words, spaced }
    }

    /// The numbers in the answer ("17" in "jag är 17 år").
    fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().filter_map(|word| word.parse().ok())
    }
}

/// A part of the day someone is free in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Morning,
    Afternoon,
    Evening,
    /// Morning and afternoon.
    Daytime,
}

impl Part {
    /// The hours this part stands for, as volunteers mean them.
    fn windows(self) -> &'static [(u16, u16)] {
        match self {
            Part::Morning => &[(8 * 60, 12 * 60)],
            Part::Afternoon => &[(12 * 60, 17 * 60)],
            Part::Evening => &[(17 * 60, 21 * 60)],
            Part::Daytime => &[(8 * 60, 17 * 60)],
        }
    }
}

/// The day words: single days and the two groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
enum DayWord {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
    Weekdays,
    Weekend,
}

impl DayWord {
    fn days(self) -> &'static [Weekday] {
        use Weekday::*;
        match self {
            DayWord::Monday => &[Mon],
            DayWord::Tuesday => &[Tue],
            DayWord::Wednesday => &[Wed],
            DayWord::Thursday => &[Thu],
            DayWord::Friday => &[Fri],
            DayWord::Saturday => &[Sat],
            DayWord::Sunday => &[Sun],
            DayWord::Weekdays => &[Mon, Tue, Wed, Thu, Fri],
            DayWord::Weekend => &[Sat, Sun],
        }
    }
}

/// The fixed answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Said {
    Yes,
    No,
    Cancel,
    More,
    Delete,
    Change,
    Anything,
    AnyTime,
    Anywhere,
    Online,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    topics: BTreeMap<Topic, Vec<String>>,
    skills: BTreeMap<Skill, Vec<String>>,
    languages: BTreeMap<String, Vec<String>>,
    days: BTreeMap<DayWord, Vec<String>>,
    day_parts: BTreeMap<Part, Vec<String>>,
    answers: BTreeMap<Said, Vec<String>>,
}

/// The words file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct WordsError {
    pub path: String,
    pub message: String,
}

/// Every word list, folded, and the municipality's districts.
#[derive(Debug, Clone, Default)]
pub struct Words {
    topics: Vec<(Topic, Entries)>,
    skills: Vec<(Skill, Entries)>,
    languages: Vec<(LanguageCode, Entries)>,
    days: Vec<(DayWord, Entries)>,
    parts: Vec<(Part, Entries)>,
    said: Vec<(Said, Entries)>,
    districts: Vec<(Area, Entries)>,
}

impl Words {
    /// Parses the words file; `districts` are the municipality's district names.
    pub fn parse(path: &str, text: &str, districts: &[Area]) -> Result<Words, WordsError> {
        let error = |message: String| WordsError {
            path: path.to_string(),
            message,
        };
        let file: WordsFile = toml::from_str(text).map_err(|e| error(e.to_string()))?;
        let mut languages = Vec::new();
        for (code, names) in &file.languages {
            let code = LanguageCode::parse(code)
                .ok_or_else(|| error(format!("{code:?} is not a language code")))?;
            languages.push((code, Entries::new(names)));
        }
        Ok(Words {
            topics: entries(file.topics),
            skills: entries(file.skills),
            languages,
            days: entries(file.days),
            parts: entries(file.day_parts),
            said: entries(file.answers),
            districts: districts
                .iter()
                .map(|area| (area.clone(), Entries::new(&[area.name().to_string()])))
                .collect(),
        })
    }

    /// The municipality's districts, in the order the file lists them.
    pub fn districts(&self) -> impl Iterator<Item = &Area> {
        self.districts.iter().map(|(area, _)| area)
    }

    pub fn topics(&self, answer: &Answer) -> BTreeSet<Topic> {
        found(&self.topics, answer)
    }

    pub fn skills(&self, answer: &Answer) -> BTreeSet<Skill> {
        found(&self.skills, answer)
    }

    pub fn languages(&self, answer: &Answer) -> BTreeSet<LanguageCode> {
        found(&self.languages, answer)
    }

    pub fn areas(&self, answer: &Answer) -> BTreeSet<Area> {
        found(&self.districts, answer)
    }

    /// Whether the answer says `said` ("yes", "cancel", …).
    pub fn says(&self, answer: &Answer, said: Said) -> bool {
        self.said
            .iter()
            .any(|(key, entries)| *key == said && entries.found_in(answer))
    }

    /// A clear yes or no; `None` when it says neither or both.
    pub fn yes_or_no(&self, answer: &Answer) -> Option<bool> {
        match (self.says(answer, Said::Yes), self.says(answer, Said::No)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        }
    }

    /// When someone is free, from days and parts of the day: "tisdagskvällar" is not split,
    /// but "tisdagar på kvällen" and "weekends" are. Days without parts mean the whole day
    /// (8–21), parts without days every day; "any time" every day, all day. Empty when the
    /// answer names no time.
    pub fn availability(&self, answer: &Answer) -> Vec<WeeklySlot> {
        let mut days: BTreeSet<u32> = BTreeSet::new();
        for (word, entries) in &self.days {
            if entries.found_in(answer) {
                days.extend(word.days().iter().map(|day| day.num_days_from_monday()));
            }
        }
        let parts: BTreeSet<Part> = found(&self.parts, answer);
        let any_time = self.says(answer, Said::AnyTime);
        if days.is_empty() && parts.is_empty() && !any_time {
            return Vec::new();
        }
        if days.is_empty() {
            days = (0..7).collect();
        }
        let windows: Vec<(u16, u16)> = if parts.is_empty() {
            vec![(8 * 60, 21 * 60)]
        } else {
            parts
                .iter()
                .flat_map(|part| part.windows().iter().copied())
                .collect()
        };
        days.iter()
            .filter_map(|day| weekday(*day))
            .flat_map(|day| {
                windows.iter().filter_map(move |(start, end)| {
                    TimeWindow::from_minutes(*start, *end).map(|window| WeeklySlot { day, window })
                })
            })
            .collect()
    }

    /// An age the answer states as a number.
    pub fn age(&self, answer: &Answer) -> Option<u32> {
        answer.numbers().find(|age| (5..=120).contains(age))
    }
}

fn entries<K>(map: BTreeMap<K, Vec<String>>) -> Vec<(K, Entries)> {
    map.into_iter()
        .map(|(key, words)| (key, Entries::new(&words)))
        .collect()
}

fn weekday(from_monday: u32) -> Option<Weekday> {
    Weekday::try_from(u8::try_from(from_monday).ok()?).ok()
}

fn found<K: Clone + Ord>(lists: &[(K, Entries)], answer: &Answer) -> BTreeSet<K> {
    lists
        .iter()
        .filter(|(_, entries)| entries.found_in(answer))
        .map(|(key, _)| key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Words {
        let districts: Vec<Area> = ["Centrum", "Norrby", "Sjöstaden"]
            .iter()
            .filter_map(|name| Area::parse(name))
            .collect();
        Words::parse(
            "volunteering/words.toml",
            include_str!("../../volunteering/words.toml"),
            &districts,
        )
        .expect("the shipped words parse")
    }

    #[test]
    fn topics_skills_and_languages_are_found_in_any_language_and_form() {
        let words = shipped();
        let cases: [(&str, &[Topic], &[&str]); 5] = [
            (
                "läxhjälpen och idrott",
                &[Topic::HomeworkHelp, Topic::Sports],
                &[],
            ),
            ("I'd like to help elderly people", &[Topic::Elderly], &[]),
            ("jag talar svenska och arabiska", &[], &["sv", "ar"]),
            ("English, suomi", &[], &["en", "fi"]),
            ("Лаксхьялп", &[], &[]),
        ];
        for (text, topics, languages) in cases {
            let answer = Answer::new(text);
            assert_eq!(
                words.topics(&answer),
                topics.iter().copied().collect(),
                "{text}"
            );
            let expected: BTreeSet<LanguageCode> = languages
                .iter()
                .filter_map(|code| LanguageCode::parse(code))
                .collect();
            assert_eq!(words.languages(&answer), expected, "{text}");
        }
        assert!(
            words
                .skills(&Answer::new("jag har körkort"))
                .contains(&Skill::DrivingLicence)
        );
    }

    #[test]
    fn availability_combines_days_and_parts_of_the_day() {
        let words = shipped();
        let slots = |text: &str| -> Vec<(Weekday, u16, u16)> {
            words
                .availability(&Answer::new(text))
                .iter()
                .map(|slot| {
                    (
                        slot.day,
                        slot.window.start_minute(),
                        slot.window.end_minute(),
                    )
                })
                .collect()
        };
        assert_eq!(
            slots("tisdagar på kvällen"),
            vec![(Weekday::Tue, 17 * 60, 21 * 60)]
        );
        assert_eq!(
            slots("weekends"),
            vec![
                (Weekday::Sat, 8 * 60, 21 * 60),
                (Weekday::Sun, 8 * 60, 21 * 60)
            ]
        );
        assert_eq!(slots("kvällar").len(), 7);
        assert_eq!(slots("när som helst").len(), 7);
        assert!(slots("vet inte").is_empty());
    }

    #[test]
    fn yes_or_no_is_clear_or_nothing() {
        let words = shipped();
        let cases = [
            ("Ja, gärna", Some(true)),
            ("nej tack", Some(false)),
            ("yes", Some(true)),
            ("نعم", Some(true)),
            ("ja och nej", None),
            ("kanske", None),
        ];
        for (text, expected) in cases {
            assert_eq!(words.yes_or_no(&Answer::new(text)), expected, "{text}");
        }
    }

    #[test]
    fn districts_are_found_without_accents_and_ages_as_numbers() {
        let words = shipped();
        let areas = words.areas(&Answer::new("sjostaden eller centrum"));
        let names: Vec<&str> = areas.iter().map(Area::name).collect();
        assert_eq!(names, vec!["Centrum", "Sjöstaden"]);
        assert_eq!(words.age(&Answer::new("jag är 17 år")), Some(17));
        assert_eq!(words.age(&Answer::new("inga siffror")), None);
    }

    #[test]
    fn an_unknown_key_names_the_file() {
        let error = Words::parse("volunteering/words.toml", "[topics]\nknitting = []\n", &[])
            .expect_err("unknown topic");
        assert!(
            error.to_string().starts_with("volunteering/words.toml"),
            "{error}"
        );
    }
}
