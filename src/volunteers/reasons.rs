//! Why a need suits a volunteer, as data ([`Reason`]) and as a short sentence in Swedish or
//! English for the chat ("du talar arabiska och är ledig tisdagskvällar"). The wording is
//! tables of phrases, one column per language; other languages get the English sentence.

use chrono::Weekday;
use serde::Serialize;

use super::need::{Need, Place};
use super::profile::Profile;
use super::schedule::{DayPart, TimeWindow, WeeklySlot};
use super::vocabulary::{Area, LanguageCode, Skill, Topic};
use super::week::Week;
use crate::language::Lang;

/// One reason a need suits a volunteer. A match lists them strongest kind first, in the
/// order of these variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Reason {
    /// They speak a language the need asks for.
    SpeaksLanguage(LanguageCode),
    /// They have a skill the need asks for.
    HasSkill(Skill),
    /// The need is about a topic they are interested in.
    Interest(Topic),
    /// They are free on this day for this part of the need's time.
    FreeAt(Weekday, TimeWindow),
    /// The need is in a district they can get to.
    NearArea(Area),
    /// The need is online and they help online.
    Online,
}

/// How many phrases a sentence has at most: the strongest reasons, so it stays short.
const MAX_PHRASES: usize = 3;

/// The reasons as one short sentence addressed to the volunteer, lowercase and without a
/// full stop so the chat can put it after "Förslaget passar eftersom …". Swedish for
/// [`Lang::Sv`], English for every other language; empty for no reasons.
pub fn render(reasons: &[Reason], lang: Lang) -> String {
    let words = if lang == Lang::Sv { &SWEDISH } else { &ENGLISH };
    let mut sorted: Vec<&Reason> = reasons.iter().collect();
    sorted.sort_by_key(|reason| reason.rank());
    let mut phrases: Vec<String> = Vec::new();
    for group in sorted.chunk_by(|left, right| left.rank() == right.rank()) {
        let Some(first) = group.first() else {
            continue;
        };
        match first {
            Reason::SpeaksLanguage(_) => {
                let names = group.iter().filter_map(|reason| match reason {
                    Reason::SpeaksLanguage(code) => Some(language_name(*code, words.column)),
                    _ => None,
                });
                phrases.push(format!("{} {}", words.speak, join(names, words.and)));
            }
            Reason::HasSkill(_) => phrases.extend(group.iter().filter_map(|reason| match reason {
                Reason::HasSkill(skill) => Some(skill_phrase(*skill)[words.column].to_string()),
                _ => None,
            })),
            Reason::Interest(_) => {
                let names = group.iter().filter_map(|reason| match reason {
                    Reason::Interest(topic) => Some(topic_name(*topic)[words.column].to_string()),
                    _ => None,
                });
                phrases.push(format!(
                    "{} {}",
                    words.interested_in,
                    join(names, words.and)
                ));
            }
            Reason::FreeAt(..) => {
                let mut times: Vec<(Weekday, DayPart)> = Vec::new();
                for reason in group {
                    if let Reason::FreeAt(day, window) = reason {
                        let time = (*day, window.day_part());
                        if !times.contains(&time) {
                            times.push(time);
                        }
                    }
                }
                let names = times.into_iter().map(|(day, part)| {
                    let day = words.weekdays[day.num_days_from_monday() as usize];
                    format!("{day}{}{}", words.compound, words.day_parts[part as usize])
                });
                phrases.push(format!("{} {}", words.free, join(names, words.and)));
            }
            Reason::NearArea(_) => {
                let names = group.iter().filter_map(|reason| match reason {
                    Reason::NearArea(area) => Some(area.name().to_string()),
                    _ => None,
                });
                phrases.push(format!("{} {}", words.reach, join(names, words.and)));
            }
            Reason::Online => phrases.push(words.online.to_string()),
        }
    }
    phrases.truncate(MAX_PHRASES);
    if phrases.is_empty() {
        return String::new();
    }
    format!("{} {}", words.you, join(phrases.into_iter(), words.and))
}

/// A topic's name for a list ("läxhjälp", "homework help"): Swedish for [`Lang::Sv`],
/// English for every other language, as in [`render`].
pub fn topic_label(topic: Topic, lang: Lang) -> &'static str {
    topic_name(topic)[column(lang)]
}

/// A skill's name for a list ("körkort", "driving licence"), in the languages of [`render`].
pub fn skill_label(skill: Skill, lang: Lang) -> &'static str {
    skill_name(skill)[column(lang)]
}

/// A spoken language's name ("arabiska", "Arabic"), or its code when it is not listed.
pub fn language_label(code: LanguageCode, lang: Lang) -> String {
    language_name(code, column(lang))
}

/// The column of the name tables for `lang`: Swedish, else English.
fn column(lang: Lang) -> usize {
    if lang == Lang::Sv {
        SWEDISH.column
    } else {
        ENGLISH.column
    }
}

/// Why `need` suits `volunteer`, a pair that passed the rules, strongest kind first; `times`
/// are the need's times ahead and `free` the volunteer's availability.
pub(super) fn reasons(
    volunteer: &Profile,
    need: &Need,
    times: &[WeeklySlot],
    free: &Week,
) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = need
        .languages
        .intersection(&volunteer.languages)
        .map(|language| Reason::SpeaksLanguage(*language))
        .collect();
    let skills = need.skills.intersection(&volunteer.skills);
    reasons.extend(skills.map(|skill| Reason::HasSkill(*skill)));
    let topics = need.topics.intersection(&volunteer.interests);
    reasons.extend(topics.map(|topic| Reason::Interest(*topic)));
    for slot in free.overlaps(times) {
        let reason = Reason::FreeAt(slot.day, slot.window);
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    // The pair passed the rules, so the volunteer can get to the place.
    reasons.push(match &need.place {
        Place::Area(area) => Reason::NearArea(area.clone()),
        Place::Online => Reason::Online,
    });
    reasons
}

impl Reason {
    /// The kind's place in a match and in a sentence.
    fn rank(&self) -> u8 {
        match self {
            Reason::SpeaksLanguage(_) => 0,
            Reason::HasSkill(_) => 1,
            Reason::Interest(_) => 2,
            Reason::FreeAt(..) => 3,
            Reason::NearArea(_) => 4,
            Reason::Online => 5,
        }
    }
}

/// The phrases of one language; `column` picks its entry in the name tables below.
struct Words {
    column: usize,
    you: &'static str,
    and: &'static str,
    speak: &'static str,
    interested_in: &'static str,
    free: &'static str,
    reach: &'static str,
    online: &'static str,
    /// Weekdays in the form that begins a compound with a part of the day.
    weekdays: [&'static str; 7],
    /// Parts of the day in the plural, in the order of [`DayPart`].
    day_parts: [&'static str; 3],
    /// What joins a weekday and a part of the day: Swedish writes one word.
    compound: &'static str,
}

const SWEDISH: Words = Words {
    column: 0,
    you: "du",
    and: "och",
    speak: "talar",
    interested_in: "är intresserad av",
    free: "är ledig",
    reach: "kan ta dig till",
    online: "kan hjälpa till på distans",
    weekdays: [
        "måndags", "tisdags", "onsdags", "torsdags", "fredags", "lördags", "söndags",
    ],
    day_parts: ["förmiddagar", "eftermiddagar", "kvällar"],
    compound: "",
};

const ENGLISH: Words = Words {
    column: 1,
    you: "you",
    and: "and",
    speak: "speak",
    interested_in: "are interested in",
    free: "are free on",
    reach: "can get to",
    online: "can help online",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    day_parts: ["mornings", "afternoons", "evenings"],
    compound: " ",
};

/// Names of the languages volunteers in Sweden most often offer: code, Swedish, English.
/// A code not listed is shown as it is.
const LANGUAGE_NAMES: [(&str, [&str; 2]); 30] = [
    ("sv", ["svenska", "Swedish"]),
    ("en", ["engelska", "English"]),
    ("ar", ["arabiska", "Arabic"]),
    ("fa", ["persiska", "Persian"]),
    ("prs", ["dari", "Dari"]),
    ("ps", ["pashto", "Pashto"]),
    ("so", ["somaliska", "Somali"]),
    ("ti", ["tigrinja", "Tigrinya"]),
    ("am", ["amhariska", "Amharic"]),
    ("uk", ["ukrainska", "Ukrainian"]),
    ("ru", ["ryska", "Russian"]),
    ("pl", ["polska", "Polish"]),
    ("fi", ["finska", "Finnish"]),
    ("ku", ["kurdiska", "Kurdish"]),
    ("tr", ["turkiska", "Turkish"]),
    ("bs", ["bosniska", "Bosnian"]),
    ("hr", ["kroatiska", "Croatian"]),
    ("sr", ["serbiska", "Serbian"]),
    ("es", ["spanska", "Spanish"]),
    ("de", ["tyska", "German"]),
    ("fr", ["franska", "French"]),
    ("th", ["thailändska", "Thai"]),
    ("zh", ["kinesiska", "Chinese"]),
    ("ro", ["rumänska", "Romanian"]),
    ("se", ["nordsamiska", "Northern Sami"]),
    ("fit", ["meänkieli", "Meänkieli"]),
    ("yi", ["jiddisch", "Yiddish"]),
    ("rom", ["romani", "Romani"]),
    ("swl", ["svenskt teckenspråk", "Swedish Sign Language"]),
    ("no", ["norska", "Norwegian"]),
];

fn language_name(code: LanguageCode, column: usize) -> String {
    LANGUAGE_NAMES
        .iter()
        .find(|(listed, _)| *listed == code.as_str())
        .map_or_else(|| code.to_string(), |(_, names)| names[column].to_string())
}

/// What a volunteer with the skill does, after "du"/"you": Swedish, English.
fn skill_phrase(skill: Skill) -> [&'static str; 2] {
    match skill {
        Skill::DrivingLicence => ["har körkort", "have a driving licence"],
        Skill::FirstAid => ["kan första hjälpen", "know first aid"],
        Skill::Cooking => ["kan laga mat", "can cook"],
        Skill::DigitalHelp => [
            "kan hjälpa till med datorer och mobiler",
            "can help with computers and phones",
        ],
        Skill::Tutoring => ["kan hjälpa till med skolarbete", "can help with schoolwork"],
        Skill::Music => ["spelar musik", "play music"],
        Skill::SportsLeading => ["kan leda träningar", "can lead training sessions"],
        Skill::Crafts => ["är händig", "are handy"],
        Skill::Gardening => ["kan trädgårdsarbete", "know gardening"],
        Skill::Interpreting => ["kan tolka", "can interpret"],
        Skill::Administration => ["är van vid administration", "are used to admin work"],
        Skill::Photography => ["kan fotografera", "can take photographs"],
    }
}

/// A skill as a noun, for lists: Swedish, English.
fn skill_name(skill: Skill) -> [&'static str; 2] {
    match skill {
        Skill::DrivingLicence => ["körkort", "driving licence"],
        Skill::FirstAid => ["första hjälpen", "first aid"],
        Skill::Cooking => ["matlagning", "cooking"],
        Skill::DigitalHelp => ["datorer och mobiler", "computers and phones"],
        Skill::Tutoring => ["läxhjälp och undervisning", "tutoring"],
        Skill::Music => ["musik", "music"],
        Skill::SportsLeading => ["leda träningar", "leading training sessions"],
        Skill::Crafts => ["hantverk", "crafts"],
        Skill::Gardening => ["trädgårdsarbete", "gardening"],
        Skill::Interpreting => ["tolkning", "interpreting"],
        Skill::Administration => ["administration", "administration"],
        Skill::Photography => ["fotografering", "photography"],
    }
}

/// A topic after "intresserad av"/"interested in": Swedish, English.
fn topic_name(topic: Topic) -> [&'static str; 2] {
    match topic {
        Topic::HomeworkHelp => ["läxhjälp", "homework help"],
        Topic::LanguageCafe => ["språkcaféer", "language cafés"],
        Topic::Elderly => ["äldre", "older people"],
        Topic::Sports => ["idrott", "sport"],
        Topic::Environment => ["miljö", "the environment"],
        Topic::Culture => ["kultur", "culture"],
        Topic::ChildrenAndYouth => ["barn och unga", "children and young people"],
        Topic::Newcomers => ["nyanlända", "newcomers"],
        Topic::DigitalInclusion => ["digital delaktighet", "digital inclusion"],
        Topic::Events => ["evenemang", "events"],
    }
}

/// "a", "a and b", "a, b and c".
fn join(items: impl Iterator<Item = String>, and: &str) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::volunteers::fixtures::{area, lang, window};

    #[test]
    fn sentences_in_swedish_and_english() {
        use Reason::*;
        let tuesday_evening = FreeAt(Weekday::Tue, window("17:00-19:00"));
        let cases: Vec<(Vec<Reason>, &str, &str)> = vec![
            (
                vec![SpeaksLanguage(lang("ar")), tuesday_evening.clone()],
                "du talar arabiska och är ledig tisdagskvällar",
                "you speak Arabic and are free on Tuesday evenings",
            ),
            (
                vec![
                    NearArea(area("Skoghall")),
                    FreeAt(Weekday::Thu, window("13:00-15:00")),
                    tuesday_evening.clone(),
                    FreeAt(Weekday::Tue, window("18:00-19:00")),
                    SpeaksLanguage(lang("so")),
                    SpeaksLanguage(lang("prs")),
                ],
                "du talar somaliska och dari, är ledig torsdagseftermiddagar och \
                 tisdagskvällar och kan ta dig till Skoghall",
                "you speak Somali and Dari, are free on Thursday afternoons and \
                 Tuesday evenings and can get to Skoghall",
            ),
            (
                vec![
                    HasSkill(Skill::DrivingLicence),
                    HasSkill(Skill::FirstAid),
                    Online,
                ],
                "du har körkort, kan första hjälpen och kan hjälpa till på distans",
                "you have a driving licence, know first aid and can help online",
            ),
            (
                vec![
                    Interest(Topic::HomeworkHelp),
                    Interest(Topic::LanguageCafe),
                    FreeAt(Weekday::Sat, window("10:00-12:00")),
                    NearArea(area("Vålberg")),
                    HasSkill(Skill::Tutoring),
                ],
                "du kan hjälpa till med skolarbete, är intresserad av läxhjälp och \
                 språkcaféer och är ledig lördagsförmiddagar",
                "you can help with schoolwork, are interested in homework help and \
                 language cafés and are free on Saturday mornings",
            ),
            (
                vec![SpeaksLanguage(lang("xh"))],
                "du talar xh",
                "you speak xh",
            ),
            (vec![], "", ""),
        ];
        for (reasons, swedish, english) in cases {
            assert_eq!(render(&reasons, Lang::Sv), swedish, "{reasons:?}");
            assert_eq!(render(&reasons, Lang::En), english, "{reasons:?}");
            assert_eq!(
                render(&reasons, Lang::Ar),
                english,
                "Arabic falls back to English"
            );
        }
    }

    #[test]
    fn names_for_lists_in_swedish_and_english() {
        for skill in Skill::ALL {
            assert_ne!(skill_label(skill, Lang::Sv), "", "{skill:?}");
            assert_ne!(skill_label(skill, Lang::En), "", "{skill:?}");
        }
        assert_eq!(skill_label(Skill::DrivingLicence, Lang::Sv), "körkort");
        assert_eq!(
            skill_label(Skill::DrivingLicence, Lang::Ar),
            "driving licence"
        );
        assert_eq!(topic_label(Topic::Elderly, Lang::Sv), "äldre");
        assert_eq!(topic_label(Topic::Elderly, Lang::En), "older people");
        assert_eq!(language_label(lang("ar"), Lang::Sv), "arabiska");
        assert_eq!(language_label(lang("ar"), Lang::En), "Arabic");
        assert_eq!(language_label(lang("xh"), Lang::Sv), "xh");
    }

    #[test]
    fn every_listed_language_code_parses() {
        for (code, _) in LANGUAGE_NAMES {
            let parsed = LanguageCode::parse(code).map(|code| code.to_string());
            assert_eq!(parsed.as_deref(), Some(code));
        }
    }
}
