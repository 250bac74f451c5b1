//! The words of cases: each type's name and the stems residents use for it, and each status
//! explained in plain words, per language (`cases/statuses.toml`). Pure: no I/O.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::CaseType;
use crate::language::Lang;

const SHIPPED: &str = include_str!("../../cases/statuses.toml");

/// Texts by language code.
type Texts = BTreeMap<String, String>;

#[derive(Debug, Deserialize)]
struct File {
    statuses: BTreeMap<String, Texts>,
    types: BTreeMap<String, TypeEntry>,
}

#[derive(Debug, Deserialize)]
struct TypeEntry {
    name: Texts,
    words: Vec<String>,
    #[serde(default)]
    statuses: BTreeMap<String, Texts>,
}

/// The case vocabulary, loaded once.
#[derive(Debug)]
pub struct Vocabulary {
    file: File,
    /// Each type's words, folded.
    words: Vec<(CaseType, Vec<String>)>,
}

/// The vocabulary that ships with the binary; `check` at start-up makes sure it loads.
pub fn shipped() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        Vocabulary::parse(SHIPPED).unwrap_or_else(|_| Vocabulary {
            file: File {
                statuses: BTreeMap::new(),
                types: BTreeMap::new(),
            },
            words: Vec::new(),
        })
    })
}

/// Fails when the shipped file is malformed or lacks a type, naming the file.
pub fn check() -> Result<(), String> {
    Vocabulary::parse(SHIPPED)
        .map(|_| ())
        .map_err(|e| format!("cases/statuses.toml: {e}"))
}

impl Vocabulary {
    pub fn parse(text: &str) -> Result<Vocabulary, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut words = Vec::new();
        for case_type in CaseType::ALL {
            let entry = file
                .types
                .get(case_type.id())
                .ok_or_else(|| format!("no [types.{}]", case_type.id()))?;
            for required in ["sv", "en"] {
                if !entry.name.contains_key(required) {
                    return Err(format!("[types.{}] has no {required} name", case_type.id()));
                }
            }
            words.push((
                *case_type,
                entry
                    .words
                    .iter()
                    .map(|w| crate::folding::fold(w))
                    .collect(),
            ));
        }
        Ok(Vocabulary { file, words })
    }

    /// The type's name in `lang` (English, then Swedish, when missing).
    pub fn name(&self, case_type: CaseType, lang: Lang) -> String {
        self.file
            .types
            .get(case_type.id())
            .and_then(|entry| pick(&entry.name, lang))
            .unwrap_or(case_type.id())
            .to_string()
    }

    /// Whether `status` is one of the type's statuses.
    pub fn is_status(&self, case_type: CaseType, status: &str) -> bool {
        self.texts(case_type, status).is_some()
    }

    /// The status in plain words in `lang`.
    pub fn explain(&self, case_type: CaseType, status: &str, lang: Lang) -> String {
        self.texts(case_type, status)
            .and_then(|texts| pick(texts, lang))
            .unwrap_or(status)
            .to_string()
    }

    /// Every status id a type can have.
    pub fn statuses(&self, case_type: CaseType) -> Vec<&str> {
        let mut ids: Vec<&str> = self.file.statuses.keys().map(String::as_str).collect();
        if let Some(entry) = self.file.types.get(case_type.id()) {
            ids.extend(entry.statuses.keys().map(String::as_str));
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The types a message speaks of ("bygglovet" → building permit).
    pub fn types_in(&self, text: &str) -> Vec<CaseType> {
        let folded = format!(" {} ", crate::folding::fold(text));
        self.words
            .iter()
            .filter(|(_, words)| words.iter().any(|word| folded.contains(word.as_str())))
            .map(|(case_type, _)| *case_type)
            .collect()
    }

    fn texts(&self, case_type: CaseType, status: &str) -> Option<&Texts> {
        self.file
            .types
            .get(case_type.id())
            .and_then(|entry| entry.statuses.get(status))
            .or_else(|| self.file.statuses.get(status))
    }
}

fn pick(texts: &Texts, lang: Lang) -> Option<&str> {
    [lang.code(), "en", "sv"]
        .iter()
        .find_map(|code| texts.get(*code))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [&str; 9] = ["sv", "en", "ar", "fa", "fi", "pl", "so", "ti", "uk"];

    #[test]
    fn every_type_and_status_is_written_in_all_nine_languages() {
        let vocabulary = Vocabulary::parse(SHIPPED).expect("the shipped file parses");
        let file = &vocabulary.file;
        let mut all: Vec<(String, &Texts)> = file
            .statuses
            .iter()
            .map(|(id, texts)| (format!("statuses.{id}"), texts))
            .collect();
        for (id, entry) in &file.types {
            all.push((format!("types.{id}.name"), &entry.name));
            for (status, texts) in &entry.statuses {
                all.push((format!("types.{id}.statuses.{status}"), texts));
            }
        }
        for (place, texts) in all {
            for lang in LANGUAGES {
                assert!(
                    texts.get(lang).is_some_and(|t| !t.trim().is_empty()),
                    "{place} has no {lang}"
                );
            }
        }
    }

    #[test]
    fn messages_name_their_case_type() {
        let vocabulary = shipped();
        let table = [
            (
                "när får jag besked om bygglovet?",
                vec![CaseType::BuildingPermit],
            ),
            ("hur går det med min ansökan?", vec![]),
            (
                "har ni behandlat min ansökan om förskoleplats",
                vec![CaseType::Preschool],
            ),
            (
                "when will I hear about my building permit",
                vec![CaseType::BuildingPermit],
            ),
            (
                "status på min bostadsanpassning",
                vec![CaseType::HomeAdaptation],
            ),
            (
                "jag väntar på beslut om ekonomiskt bistånd",
                vec![CaseType::IncomeSupport],
            ),
        ];
        for (text, expected) in table {
            assert_eq!(vocabulary.types_in(text), expected, "{text}");
        }
        assert!(vocabulary.is_status(CaseType::Preschool, "queued"));
        assert!(!vocabulary.is_status(CaseType::BuildingPermit, "queued"));
        assert!(vocabulary.is_status(CaseType::BuildingPermit, "received"));
        assert!(
            vocabulary
                .explain(CaseType::BuildingPermit, "in-progress", Lang::Sv)
                .contains("bygglov")
        );
    }
}
