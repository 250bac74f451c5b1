//! The volunteer conversation as a small state machine: the questions from "I want to help"
//! to a profile (interests, languages, when, where, age, the record extract, consent), then
//! browsing the matches. Pure: the chat flow (`crate::volunteering::flow`) stores what this
//! decides and words the questions.
//!
//! Buttons arrive as choice ids (`topic-elderly`, `when-evenings`, `need-12`) and typed
//! answers as text; both are read into the same answers, so a resident on a channel without
//! buttons can still answer everything.

use std::collections::BTreeSet;

use chrono::{NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};

use super::answers::{Answer, Said, Words};
use super::need::NeedId;
use super::profile::{AgeBand, Profile, VolunteerId};
use super::schedule::{TimeWindow, WeeklySlot};
use super::vocabulary::{Area, LanguageCode, Skill, Topic};

/// The prefix of every volunteer choice id, so the chat knows the button is ours.
pub const CHOICE_PREFIX: &str = "volunteer-";

/// A question of the volunteer conversation, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    Interests,
    Languages,
    When,
    Where,
    Age,
    RecordExtract,
    Consent,
}

/// Where the conversation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Asking(Question),
    /// The profile is stored; the resident looks through matches.
    Browsing,
}

/// The answers given so far.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Draft {
    pub interests: Option<BTreeSet<Topic>>,
    pub skills: BTreeSet<Skill>,
    pub languages: Option<BTreeSet<LanguageCode>>,
    pub availability: Option<Vec<WeeklySlot>>,
    pub areas: Option<BTreeSet<Area>>,
    pub online: bool,
    pub age: Option<AgeBand>,
    pub record_extract: Option<bool>,
    pub consent: bool,
}

/// A volunteer conversation in progress, kept in the conversation's context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dialog {
    pub stage: Stage,
    pub draft: Draft,
    /// Needs already offered, so "show me other things" pages on.
    #[serde(default)]
    pub shown: Vec<NeedId>,
}

/// What the resident's message did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Answered; ask this next.
    Ask(Question),
    /// The last question is answered: store the profile and show matches.
    Complete,
    /// Not an answer to this question: ask it again (unless the message was about something
    /// else the assistant can answer).
    NotUnderstood(Question),
    /// Under 16: the portal cannot take them.
    TooYoung,
    /// No consent to be contacted: nothing is stored.
    NoConsent,
    Cancelled,
    /// Browsing: "I'm interested" in this need.
    Interested(NeedId),
    /// Browsing: show other needs.
    More,
    /// Browsing: delete the profile.
    Delete,
    /// Browsing: the message is not about volunteering.
    Elsewhere,
}

/// A resident's message: a pressed button (its id without [`CHOICE_PREFIX`]) or text.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Choice(&'a str),
    Text(&'a str),
}

impl Dialog {
    /// A new conversation: browsing if the volunteer already has a profile, else the first
    /// question.
    pub fn start(known: Option<&Profile>) -> Dialog {
        match known {
            Some(profile) => Dialog {
                stage: Stage::Browsing,
                draft: Draft::from_profile(profile),
                shown: Vec::new(),
            },
            None => Dialog {
                stage: Stage::Asking(Question::Interests),
                draft: Draft::default(),
                shown: Vec::new(),
            },
        }
    }

    /// Reads one message and moves on.
    pub fn answer(&mut self, input: Input<'_>, words: &Words) -> Step {
        let question = match self.stage {
            Stage::Browsing => return self.browse(input, words),
            Stage::Asking(question) => question,
        };
        let answer = match input {
            Input::Choice(id) => Reply::Choice(id),
            Input::Text(text) => {
                let answer = Answer::new(text);
                if words.says(&answer, Said::Cancel) {
                    return Step::Cancelled;
                }
                // Skills can come with any answer ("I have a driving licence").
                self.draft.skills.extend(words.skills(&answer));
                Reply::Text(answer)
            }
        };
        match self.read(question, &answer, words) {
            Read::Understood => self.next(),
            Read::Not => Step::NotUnderstood(question),
            Read::TooYoung => Step::TooYoung,
            Read::NoConsent => Step::NoConsent,
        }
    }

    fn next(&mut self) -> Step {
        match self.draft.missing() {
            Some(question) => {
                self.stage = Stage::Asking(question);
                Step::Ask(question)
            }
            None => {
                self.stage = Stage::Browsing;
                Step::Complete
            }
        }
    }

    fn browse(&mut self, input: Input<'_>, words: &Words) -> Step {
        match input {
            Input::Choice(id) => match id {
                "more" => Step::More,
                "change" => self.restart(),
                "delete" => Step::Delete,
                "stop" => Step::Cancelled,
                _ => match id.strip_prefix("need-").and_then(|n| n.parse().ok()) {
                    Some(need) => Step::Interested(NeedId(need)),
                    None => Step::Elsewhere,
                },
            },
            Input::Text(text) => {
                let answer = Answer::new(text);
                if words.says(&answer, Said::Delete) {
                    Step::Delete
                } else if words.says(&answer, Said::Change) {
                    self.restart()
                } else if words.says(&answer, Said::More) {
                    Step::More
                } else if words.says(&answer, Said::Cancel) {
                    Step::Cancelled
                } else {
                    Step::Elsewhere
                }
            }
        }
    }

    fn restart(&mut self) -> Step {
        *self = Dialog::start(None);
        Step::Ask(Question::Interests)
    }

    fn read(&mut self, question: Question, reply: &Reply, words: &Words) -> Read {
        let draft = &mut self.draft;
        match question {
            Question::Interests => {
                let topics = match reply {
                    Reply::Choice("anything") => Topic::ALL.into_iter().collect(),
                    Reply::Choice(id) => id
                        .strip_prefix("topic-")
                        .and_then(topic_of_choice)
                        .into_iter()
                        .collect(),
                    Reply::Text(answer) if words.says(answer, Said::Anything) => {
                        Topic::ALL.into_iter().collect()
                    }
                    Reply::Text(answer) => words.topics(answer),
                };
                if topics.is_empty() {
                    return Read::Not;
                }
                draft.interests = Some(topics);
            }
            Question::Languages => {
                let languages: BTreeSet<LanguageCode> = match reply {
                    Reply::Choice(id) => id
                        .strip_prefix("languages-")
                        .map(|codes| codes.split('-').filter_map(LanguageCode::parse).collect())
                        .unwrap_or_default(),
                    Reply::Text(answer) => words.languages(answer),
                };
                if languages.is_empty() {
                    return Read::Not;
                }
                draft.languages = Some(languages);
            }
            Question::When => {
                let slots = match reply {
                    Reply::Choice(id) => id
                        .strip_prefix("when-")
                        .map(slots_of_choice)
                        .unwrap_or_default(),
                    Reply::Text(answer) => words.availability(answer),
                };
                if slots.is_empty() {
                    return Read::Not;
                }
                draft.availability = Some(slots);
            }
            Question::Where => {
                let districts: Vec<Area> = words.districts().cloned().collect();
                let (areas, online) = match reply {
                    Reply::Choice("where-online") => (BTreeSet::new(), true),
                    Reply::Choice("where-anywhere") => (districts.into_iter().collect(), true),
                    Reply::Choice(id) => (
                        id.strip_prefix("where-")
                            .and_then(|n| n.parse::<usize>().ok())
                            .and_then(|n| districts.get(n).cloned())
                            .into_iter()
                            .collect(),
                        false,
                    ),
                    Reply::Text(answer) if words.says(answer, Said::Anywhere) => {
                        (districts.into_iter().collect(), true)
                    }
                    Reply::Text(answer) => (words.areas(answer), words.says(answer, Said::Online)),
                };
                if areas.is_empty() && !online {
                    return Read::Not;
                }
                draft.areas = Some(areas);
                draft.online = online;
            }
            Question::Age => {
                let age = match reply {
                    Reply::Choice("age-adult") => Some(18),
                    Reply::Choice("age-16") => Some(16),
                    Reply::Choice("age-under") => Some(15),
                    Reply::Choice(_) => None,
                    Reply::Text(answer) => words
                        .age(answer)
                        .or_else(|| words.yes_or_no(answer).filter(|yes| *yes).map(|_| 18)),
                };
                match age {
                    None => return Read::Not,
                    Some(age) if age < 16 => return Read::TooYoung,
                    Some(age) if age < 18 => draft.age = Some(AgeBand::SixteenToSeventeen),
                    Some(_) => draft.age = Some(AgeBand::Adult),
                }
            }
            Question::RecordExtract => match yes_or_no(reply, words) {
                Some(yes) => draft.record_extract = Some(yes),
                None => return Read::Not,
            },
            Question::Consent => match yes_or_no(reply, words) {
                Some(true) => draft.consent = true,
                Some(false) => return Read::NoConsent,
                None => return Read::Not,
            },
        }
        Read::Understood
    }

    /// The profile the answers make, consenting at `now`; `None` until all are given.
    pub fn profile(&self, now: NaiveDateTime) -> Option<Profile> {
        let draft = &self.draft;
        if !draft.consent {
            return None;
        }
        Some(Profile {
            id: VolunteerId(0),
            skills: draft.skills.clone(),
            interests: draft.interests.clone()?,
            languages: draft.languages.clone()?,
            areas: draft.areas.clone()?,
            accepts_online: draft.online,
            availability: draft.availability.clone()?,
            age: draft.age?,
            accepts_record_extract: draft.record_extract?,
            contact_consent: Some(now),
        })
    }
}

impl Draft {
    fn from_profile(profile: &Profile) -> Draft {
        Draft {
            interests: Some(profile.interests.clone()),
            skills: profile.skills.clone(),
            languages: Some(profile.languages.clone()),
            availability: Some(profile.availability.clone()),
            areas: Some(profile.areas.clone()),
            online: profile.accepts_online,
            age: Some(profile.age),
            record_extract: Some(profile.accepts_record_extract),
            consent: profile.contact_consent.is_some(),
        }
    }

    /// The first question without an answer.
    fn missing(&self) -> Option<Question> {
        if self.interests.is_none() {
            Some(Question::Interests)
        } else if self.languages.is_none() {
            Some(Question::Languages)
        } else if self.availability.is_none() {
            Some(Question::When)
        } else if self.areas.is_none() {
            Some(Question::Where)
        } else if self.age.is_none() {
            Some(Question::Age)
        } else if self.record_extract.is_none() {
            Some(Question::RecordExtract)
        } else if !self.consent {
            Some(Question::Consent)
        } else {
            None
        }
    }
}

enum Reply<'a> {
    Choice(&'a str),
    Text(Answer),
}

enum Read {
    Understood,
    Not,
    TooYoung,
    NoConsent,
}

fn yes_or_no(reply: &Reply<'_>, words: &Words) -> Option<bool> {
    match reply {
        Reply::Choice("yes") => Some(true),
        Reply::Choice("no") => Some(false),
        Reply::Choice(_) => None,
        Reply::Text(answer) => words.yes_or_no(answer),
    }
}

/// The choice id of a topic: `homework-help` for `HomeworkHelp`.
pub fn topic_choice(topic: Topic) -> String {
    serde_json::to_value(topic)
        .ok()
        .and_then(|value| value.as_str().map(|id| id.replace('_', "-")))
        .unwrap_or_default()
}

fn topic_of_choice(id: &str) -> Option<Topic> {
    Topic::ALL
        .into_iter()
        .find(|topic| topic_choice(*topic) == id)
}

/// The availability behind the "when" buttons.
fn slots_of_choice(id: &str) -> Vec<WeeklySlot> {
    use Weekday::*;
    let (days, start, end): (&[Weekday], u16, u16) = match id {
        "daytime" => (&[Mon, Tue, Wed, Thu, Fri], 8 * 60, 17 * 60),
        "evenings" => (&[Mon, Tue, Wed, Thu, Fri, Sat, Sun], 17 * 60, 21 * 60),
        "weekends" => (&[Sat, Sun], 8 * 60, 21 * 60),
        "any" => (&[Mon, Tue, Wed, Thu, Fri, Sat, Sun], 8 * 60, 21 * 60),
        _ => return Vec::new(),
    };
    let Some(window) = TimeWindow::from_minutes(start, end) else {
        return Vec::new();
    };
    days.iter()
        .map(|day| WeeklySlot { day: *day, window })
        .collect()
}

/// The "when" buttons, in the order they are offered.
pub const WHEN_CHOICES: [&str; 4] = ["daytime", "evenings", "weekends", "any"];

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        let districts: Vec<Area> = ["Centrum", "Norrby"]
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

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .and_then(|date| date.and_hms_opt(10, 0, 0))
            .expect("a valid date")
    }

    #[test]
    fn typed_answers_make_a_profile() {
        let words = words();
        let mut dialog = Dialog::start(None);
        let steps: Vec<Step> = [
            "läxhjälp, och jag har körkort",
            "svenska och arabiska",
            "tisdagar på kvällen",
            "Norrby",
            "jag är 17",
            "ja",
            "ja gärna",
        ]
        .into_iter()
        .map(|text| dialog.answer(Input::Text(text), &words))
        .collect();
        assert_eq!(
            steps,
            vec![
                Step::Ask(Question::Languages),
                Step::Ask(Question::When),
                Step::Ask(Question::Where),
                Step::Ask(Question::Age),
                Step::Ask(Question::RecordExtract),
                Step::Ask(Question::Consent),
                Step::Complete,
            ]
        );
        let profile = dialog.profile(now()).expect("complete");
        assert_eq!(profile.interests, BTreeSet::from([Topic::HomeworkHelp]));
        assert!(profile.skills.contains(&Skill::DrivingLicence));
        assert_eq!(profile.languages.len(), 2);
        assert_eq!(profile.age, AgeBand::SixteenToSeventeen);
        assert_eq!(profile.availability.len(), 1);
        assert_eq!(profile.contact_consent, Some(now()));
        assert_eq!(dialog.stage, Stage::Browsing);
    }

    #[test]
    fn buttons_make_the_same_profile_as_words() {
        let words = words();
        let mut dialog = Dialog::start(None);
        for id in [
            "topic-elderly",
            "languages-sv-en",
            "when-weekends",
            "where-1",
            "age-adult",
            "no",
            "yes",
        ] {
            dialog.answer(Input::Choice(id), &words);
        }
        let profile = dialog.profile(now()).expect("complete");
        assert_eq!(profile.interests, BTreeSet::from([Topic::Elderly]));
        let areas: Vec<&str> = profile.areas.iter().map(Area::name).collect();
        assert_eq!(areas, vec!["Norrby"]);
        assert!(!profile.accepts_record_extract);
        assert_eq!(profile.availability.len(), 2);
    }

    #[test]
    fn endings_and_unclear_answers() {
        let words = words();
        let cases: [(&[&str], Step); 4] = [
            (
                &["vad är klockan"],
                Step::NotUnderstood(Question::Interests),
            ),
            (&["avbryt"], Step::Cancelled),
            (
                &["idrott", "svenska", "helger", "online", "14"],
                Step::TooYoung,
            ),
            (
                &["idrott", "svenska", "helger", "online", "30", "nej", "nej"],
                Step::NoConsent,
            ),
        ];
        for (texts, expected) in cases {
            let mut dialog = Dialog::start(None);
            let last = texts
                .iter()
                .map(|text| dialog.answer(Input::Text(text), &words))
                .last();
            assert_eq!(last, Some(expected), "{texts:?}");
        }
    }

    #[test]
    fn a_known_volunteer_browses_and_can_page_change_or_delete() {
        let words = words();
        let mut dialog = Dialog::start(None);
        for id in [
            "anything",
            "languages-sv",
            "when-any",
            "where-anywhere",
            "age-adult",
            "yes",
            "yes",
        ] {
            dialog.answer(Input::Choice(id), &words);
        }
        let profile = dialog.profile(now()).expect("complete");
        let mut known = Dialog::start(Some(&profile));
        assert_eq!(known.stage, Stage::Browsing);
        let cases = [
            (Input::Choice("need-7"), Step::Interested(NeedId(7))),
            (Input::Text("visa fler"), Step::More),
            (Input::Text("radera min profil"), Step::Delete),
            (Input::Text("när töms soporna?"), Step::Elsewhere),
        ];
        for (input, expected) in cases {
            assert_eq!(known.answer(input, &words), expected);
        }
        assert_eq!(
            known.answer(Input::Choice("change"), &words),
            Step::Ask(Question::Interests)
        );
        assert_eq!(known.draft, Draft::default());
    }
}
