//! Conversational intents: what a resident says that is not a knowledge question.
//!
//! Which intents exist and what each triggers is code (the `Intent` enum); how residents say
//! them is data in `intents/<id>.toml`. Classification is pure and runs before the knowledge
//! search, with emergency first: someone in danger gets 112 and nothing in the way.

mod pattern;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::content::ContentFile;
use crate::folding::{fold, words};
use crate::knowledge::Aspect;
use crate::language::Lang;
use pattern::{Lexicon, Occurrences, Pattern};

/// The closed set of intents, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Intent {
    Emergency,
    Human,
    CaseStatus,
    VolunteerSignup,
    ChangeLanguage,
    Greeting,
    Thanks,
    Goodbye,
    Help,
}

impl Intent {
    pub const ALL: [Intent; 9] = [
        Intent::Emergency,
        Intent::Human,
        Intent::CaseStatus,
        Intent::VolunteerSignup,
        Intent::ChangeLanguage,
        Intent::Greeting,
        Intent::Thanks,
        Intent::Goodbye,
        Intent::Help,
    ];

    /// The id used in files, the API and the eval (`case-status`).
    pub fn id(self) -> &'static str {
        match self {
            Intent::Emergency => "emergency",
            Intent::Human => "human",
            Intent::CaseStatus => "case-status",
            Intent::VolunteerSignup => "volunteer-signup",
            Intent::ChangeLanguage => "change-language",
            Intent::Greeting => "greeting",
            Intent::Thanks => "thanks",
            Intent::Goodbye => "goodbye",
            Intent::Help => "help",
        }
    }

    pub fn from_id(id: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|intent| intent.id() == id)
    }

    /// Whether a confident knowledge answer to a longer message wins over this intent: a
    /// question that mentions the contact centre or a language is still a question.
    pub fn yields_to_knowledge(self) -> bool {
        matches!(self, Intent::Human | Intent::ChangeLanguage)
    }

    /// Small talk fires only when the message holds nothing else; a greeting in front of a
    /// question must not swallow the question.
    fn is_small_talk(self) -> bool {
        matches!(
            self,
            Intent::Greeting | Intent::Thanks | Intent::Goodbye | Intent::Help
        )
    }
}

/// A recognised intent, with the language asked for when it is a change of language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntentMatch {
    pub intent: Intent,
    pub target_language: Option<Lang>,
    /// The message's words that the intent's pattern did not match: what else it says.
    pub rest: String,
}

/// The utterances of every intent, per language.
#[derive(Debug, Default)]
pub struct Intents {
    by_intent: BTreeMap<Intent, BTreeMap<Lang, Utterances>>,
    /// Follow-up cues per language, from `aspects.toml`.
    aspect_cues: BTreeMap<Lang, Vec<(Aspect, Pattern)>>,
    /// The words of every pattern, found in a message in one pass.
    lexicon: Lexicon,
}

#[derive(Debug, Default)]
struct Utterances {
    /// Whole messages, folded and reduced to their words.
    examples: Vec<Vec<String>>,
    /// Every word of the examples, for the small-talk coverage test.
    vocabulary: std::collections::HashSet<String>,
    patterns: Vec<Pattern>,
    exclude: Vec<String>,
    /// For change-language: words naming each language.
    targets: Vec<(Lang, Vec<String>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UtterancesFile {
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    targets: BTreeMap<String, Vec<String>>,
}

/// An intent file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(": line {l}")).unwrap_or_default())]
pub struct IntentError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Intents {
    /// Parses the intent files; every intent of the enum must have one.
    pub fn load(files: &[ContentFile]) -> Result<Intents, IntentError> {
        let mut intents = Intents::default();
        for file in files {
            let error = |line: Option<usize>, message: String| IntentError {
                path: file.path.clone(),
                line,
                message,
            };
            let table: toml::Table = file.text.parse().map_err(|e: toml::de::Error| {
                error(
                    crate::content::error_line(&file.text, &e),
                    e.message().to_string(),
                )
            })?;
            let id = table
                .get("id")
                .and_then(toml::Value::as_str)
                .unwrap_or_default();
            if id == "aspects" {
                for (code, value) in table.iter().filter(|(key, _)| key.as_str() != "id") {
                    let (line, lang) = crate::content::language_table(&file.text, code);
                    let lang = lang.ok_or_else(|| {
                        error(line, format!("[{code}] is not a supported language"))
                    })?;
                    let cues: BTreeMap<Aspect, Vec<String>> = value
                        .clone()
                        .try_into()
                        .map_err(|e| error(line, format!("[{code}]: {}", e.message())))?;
                    let patterns = cues
                        .into_iter()
                        .flat_map(|(aspect, texts)| {
                            texts.into_iter().map(move |text| (aspect, text))
                        })
                        .map(|(aspect, text)| {
                            intents
                                .lexicon
                                .pattern(&text)
                                .map(|pattern| (aspect, pattern))
                                .ok_or_else(|| {
                                    error(line, format!("pattern {text:?} has no words"))
                                })
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    intents.aspect_cues.insert(lang, patterns);
                }
                continue;
            }
            let intent = Intent::from_id(id)
                .ok_or_else(|| error(Some(1), format!("unknown intent id {id:?}")))?;
            let mut languages = BTreeMap::new();
            for (code, value) in table.iter().filter(|(key, _)| key.as_str() != "id") {
                let (line, lang) = crate::content::language_table(&file.text, code);
                let lang = lang
                    .ok_or_else(|| error(line, format!("[{code}] is not a supported language")))?;
                let parsed: UtterancesFile = value
                    .clone()
                    .try_into()
                    .map_err(|e| error(line, format!("[{code}]: {}", e.message())))?;
                languages.insert(
                    lang,
                    Utterances::from_file(parsed, &mut intents.lexicon)
                        .map_err(|message| error(line, message))?,
                );
            }
            intents.by_intent.insert(intent, languages);
        }
        if let Some(missing) = Intent::ALL
            .iter()
            .find(|intent| !intents.by_intent.contains_key(intent))
        {
            return Err(IntentError {
                path: format!("intents/{}.toml", missing.id()),
                line: None,
                message: "missing: every intent needs a file".into(),
            });
        }
        intents.lexicon.seal();
        Ok(intents)
    }

    /// The intent of `text`, read as `lang`, if it has one.
    pub fn classify(&self, text: &str, lang: Lang) -> Option<IntentMatch> {
        let folded = fold(text);
        let message: Vec<&str> = words(&folded).collect();
        if message.is_empty() {
            return None;
        }
        let occurrences = self.lexicon.occurrences(&message);
        for intent in Intent::ALL {
            let Some(languages) = self.by_intent.get(&intent) else {
                continue;
            };
            let matched: Option<Vec<usize>> = if intent.is_small_talk() {
                languages
                    .iter()
                    .filter(|(l, _)| **l == lang || matches!(l, Lang::Sv | Lang::En))
                    .any(|(_, utterances)| utterances.covers(&message))
                    .then(|| (0..message.len()).collect())
            } else {
                // Danger is recognised in any language; the rest in the message's language
                // and the two that residents mix in most.
                languages
                    .iter()
                    .filter(|(l, _)| {
                        intent == Intent::Emergency
                            || **l == lang
                            || matches!(l, Lang::Sv | Lang::En)
                    })
                    .find_map(|(_, utterances)| {
                        utterances.signals(&message, &occurrences).or_else(|| {
                            utterances
                                .is_example(&message)
                                .then(|| (0..message.len()).collect())
                        })
                    })
            };
            if let Some(positions) = matched {
                let target_language = (intent == Intent::ChangeLanguage)
                    .then(|| self.target_language(&message))
                    .flatten();
                let rest = message
                    .iter()
                    .enumerate()
                    .filter(|(position, _)| !positions.contains(position))
                    .map(|(_, word)| *word)
                    .collect::<Vec<_>>()
                    .join(" ");
                return Some(IntentMatch {
                    intent,
                    target_language,
                    rest,
                });
            }
        }
        None
    }

    /// The aspect a follow-up question asks about ("och vad kostar det?"), if any, with the
    /// message's other words.
    pub fn aspect(&self, text: &str, lang: Lang) -> Option<(Aspect, String)> {
        let folded = fold(text);
        let message: Vec<&str> = words(&folded).collect();
        // A follow-up is short; a long question carries its own topic.
        if message.is_empty() || message.len() > 7 {
            return None;
        }
        let cues = self.aspect_cues.get(&lang)?;
        let occurrences = self.lexicon.occurrences(&message);
        let (aspect, positions) = cues.iter().find_map(|(aspect, pattern)| {
            pattern
                .find(&occurrences)
                .map(|positions| (aspect, positions))
        })?;
        let rest: Vec<&str> = message
            .iter()
            .enumerate()
            .filter(|(position, _)| !positions.contains(position))
            .map(|(_, word)| *word)
            .collect();
        Some((*aspect, rest.join(" ")))
    }

    /// The language a change-language message names.
    fn target_language(&self, message: &[&str]) -> Option<Lang> {
        let languages = self.by_intent.get(&Intent::ChangeLanguage)?;
        languages
            .values()
            .flat_map(|u| u.targets.iter())
            .find_map(|(lang, names)| {
                names
                    .iter()
                    .any(|name| message.iter().any(|word| pattern::word_matches(word, name)))
                    .then_some(*lang)
            })
    }
}

impl Utterances {
    fn from_file(file: UtterancesFile, lexicon: &mut Lexicon) -> Result<Utterances, String> {
        let examples: Vec<Vec<String>> = file
            .examples
            .iter()
            .map(|example| {
                words(&fold(example))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|example| !example.is_empty())
            .collect();
        let vocabulary = examples.iter().flatten().cloned().collect();
        let patterns = file
            .patterns
            .iter()
            .map(|text| {
                lexicon
                    .pattern(text)
                    .ok_or_else(|| format!("pattern {text:?} has no words"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let targets = file
            .targets
            .into_iter()
            .map(|(code, names)| {
                let lang = Lang::from_code(&code)
                    .ok_or_else(|| format!("targets: {code:?} is not a language"))?;
                Ok((lang, names.iter().map(|name| fold(name)).collect()))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Utterances {
            examples,
            vocabulary,
            patterns,
            exclude: file.exclude.iter().map(|word| fold(word)).collect(),
            targets,
        })
    }

    /// The positions a pattern matched anywhere in the message, unless a word excludes it.
    fn signals(&self, message: &[&str], occurrences: &Occurrences) -> Option<Vec<usize>> {
        let excluded = self
            .exclude
            .iter()
            .any(|exclude| message.iter().any(|word| word.contains(exclude.as_str())));
        if excluded {
            return None;
        }
        self.patterns
            .iter()
            .find_map(|pattern| pattern.find(occurrences))
    }

    /// The message is one of the examples, word for word ("English", "svenska").
    fn is_example(&self, message: &[&str]) -> bool {
        self.examples.iter().any(|example| {
            example
                .iter()
                .map(String::as_str)
                .eq(message.iter().copied())
        })
    }

    /// The message is one of the examples, or made only of their words.
    fn covers(&self, message: &[&str]) -> bool {
        self.is_example(message)
            || (message.len() <= 6 && message.iter().all(|word| self.vocabulary.contains(*word)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn shipped() -> Intents {
        Intents::load(&Content::embedded().intents).expect("shipped intents load")
    }

    fn intent(text: &str, lang: Lang) -> Option<&'static str> {
        shipped().classify(text, lang).map(|m| m.intent.id())
    }

    #[test]
    fn recognises_the_intents_residents_use() {
        assert_eq!(intent("hej!", Lang::Sv), Some("greeting"));
        assert_eq!(intent("tack så mycket", Lang::Sv), Some("thanks"));
        assert_eq!(
            intent("jag vill prata med en människa", Lang::Sv),
            Some("human")
        );
        assert_eq!(intent("Det brinner i köket!", Lang::Sv), Some("emergency"));
        assert_eq!(
            intent("någon bryter sig in hos grannen", Lang::Sv),
            Some("emergency")
        );
        assert_eq!(
            intent("a man is trying to break into my flat", Lang::En),
            Some("emergency")
        );
        assert_eq!(
            intent("someone broke into our shed last week", Lang::En),
            None,
            "a past break-in is not 112"
        );
        assert_eq!(
            intent("hur går det med min ansökan", Lang::Sv),
            Some("case-status")
        );
        assert_eq!(
            intent("I want to volunteer", Lang::En),
            Some("volunteer-signup")
        );
    }

    #[test]
    fn a_greeting_before_a_question_is_not_small_talk() {
        assert_eq!(intent("Hej, när töms soporna?", Lang::Sv), None);
    }

    #[test]
    fn knowledge_questions_near_an_intent_are_left_alone() {
        assert_eq!(intent("råder det eldningsförbud nu?", Lang::Sv), None);
        assert_eq!(intent("hur ansöker jag om förskola", Lang::Sv), None);
    }

    #[test]
    fn a_bare_language_name_changes_the_language() {
        let found = shipped().classify("English", Lang::En).expect("an intent");
        assert_eq!(found.intent, Intent::ChangeLanguage);
        assert_eq!(found.target_language, Some(Lang::En));
        assert_eq!(intent("hur lär jag mig svenska", Lang::Sv), None);
    }

    #[test]
    fn change_language_names_its_target() {
        let found = shipped()
            .classify("in English please", Lang::En)
            .expect("an intent");
        assert_eq!(found.intent, Intent::ChangeLanguage);
        assert_eq!(found.target_language, Some(Lang::En));
    }
}
