//! A resident's cases (ärenden) as the municipality's case systems report them: a type, a
//! status with its history, the responsible unit, the next step for the resident and a due
//! date. A case belongs to the keyed hash of the resident's personnummer, never to the
//! number itself.
//!
//! - `vocabulary`: type names and statuses in plain words per language (pure);
//! - `records`: storing an update (idempotent, with history) and reading a resident's cases;
//! - `integration`: `PUT /api/v1/integration/cases/{system}/{external_id}` and its keys;
//! - `import`: `civic-assistant import-cases FILE`;
//! - `chat`: "hur går det med min ansökan?" in the conversation;
//! - `notify`: telling the resident of a new status, exactly once.

pub mod chat;
pub mod import;
pub mod integration;
pub mod notify;
pub mod records;
pub mod vocabulary;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::language::Lang;
use crate::residents::{Keyring, PersonalNumber, ResidentKey};

/// The kinds of case the assistant can explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseType {
    Preschool,
    Fritidshem,
    SchoolChoice,
    BuildingPermit,
    HomeAdaptation,
    IncomeSupport,
    ParkingPermit,
}

impl CaseType {
    pub const ALL: &'static [CaseType] = &[
        CaseType::Preschool,
        CaseType::Fritidshem,
        CaseType::SchoolChoice,
        CaseType::BuildingPermit,
        CaseType::HomeAdaptation,
        CaseType::IncomeSupport,
        CaseType::ParkingPermit,
    ];

    pub fn id(self) -> &'static str {
        match self {
            CaseType::Preschool => "preschool",
            CaseType::Fritidshem => "fritidshem",
            CaseType::SchoolChoice => "school-choice",
            CaseType::BuildingPermit => "building-permit",
            CaseType::HomeAdaptation => "home-adaptation",
            CaseType::IncomeSupport => "income-support",
            CaseType::ParkingPermit => "parking-permit",
        }
    }

    pub fn parse(text: &str) -> Option<CaseType> {
        CaseType::ALL.iter().copied().find(|t| t.id() == text)
    }
}

/// A text the case system gives in one or several languages: a plain string is Swedish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LocalText {
    Swedish(String),
    Languages(BTreeMap<String, String>),
}

impl LocalText {
    /// The text in `lang`, else English, else Swedish, else any.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            LocalText::Swedish(text) => text,
            LocalText::Languages(texts) => [lang.code(), "en", "sv"]
                .iter()
                .find_map(|code| texts.get(*code))
                .or_else(|| texts.values().next())
                .map(String::as_str)
                .unwrap_or_default(),
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            LocalText::Swedish(text) => text.trim().is_empty(),
            LocalText::Languages(texts) => texts.values().all(|t| t.trim().is_empty()),
        }
    }
}

/// A case as a case system reports it (the integration API's body, one import row).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseReport {
    /// The resident's personnummer; hashed at once, never stored.
    pub personal_number: String,
    #[serde(rename = "type")]
    pub case_type: String,
    pub status: String,
    pub unit: String,
    #[serde(default)]
    pub next_step: Option<LocalText>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub due_date: Option<String>,
}

/// A report that passed validation: past here every field is valid.
#[derive(Debug, Clone)]
pub struct CaseUpdate {
    pub resident: ResidentKey,
    pub case_type: CaseType,
    pub status: String,
    pub unit: String,
    pub next_step: Option<LocalText>,
    pub due_date: Option<chrono::NaiveDate>,
}

/// One field of a report that is not valid; the message never repeats a personnummer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl CaseReport {
    /// Checks every field and hashes the personnummer; all problems at once.
    pub fn validate(self, keyring: &Keyring) -> Result<CaseUpdate, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error =
            |field: &'static str, message: String| errors.push(FieldError { field, message });
        let number = PersonalNumber::parse(&self.personal_number);
        if number.is_none() {
            error(
                "personal_number",
                "not a valid personal identity number (12 digits, YYYYMMDD-NNNN, with a correct check digit)".into(),
            );
        }
        let case_type = CaseType::parse(&self.case_type);
        if case_type.is_none() {
            error(
                "type",
                format!(
                    "unknown case type; one of {}",
                    CaseType::ALL
                        .iter()
                        .map(|t| t.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        let vocabulary = vocabulary::shipped();
        if let Some(case_type) = case_type
            && !vocabulary.is_status(case_type, &self.status)
        {
            error(
                "status",
                format!(
                    "unknown status for {}; one of {}",
                    case_type.id(),
                    vocabulary.statuses(case_type).join(", ")
                ),
            );
        }
        let unit = self.unit.trim().to_string();
        if unit.is_empty() || unit.chars().count() > 200 {
            error("unit", "required, at most 200 characters".into());
        }
        let next_step = self.next_step.filter(|text| !text.is_blank());
        if let Some(text) = &next_step {
            let too_long = match text {
                LocalText::Swedish(t) => t.chars().count() > 1000,
                LocalText::Languages(texts) => {
                    texts.values().any(|t| t.chars().count() > 1000)
                        || texts.keys().any(|code| Lang::from_code(code).is_none())
                }
            };
            if too_long {
                error(
                    "next_step",
                    "at most 1000 characters per language, keyed by supported language codes"
                        .into(),
                );
            }
        }
        let due_date = match self.due_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    error("due_date", "a date as YYYY-MM-DD".into());
                    None
                }
            },
        };
        match (number, case_type, errors.is_empty()) {
            (Some(number), Some(case_type), true) => Ok(CaseUpdate {
                resident: keyring.key(&number),
                case_type,
                status: self.status,
                unit,
                next_step,
                due_date,
            }),
            _ => Err(errors),
        }
    }
}

/// A stored case as the resident sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    pub id: i64,
    pub case_type: CaseType,
    pub status: String,
    pub unit: String,
    pub next_step: Option<LocalText>,
    pub due_date: Option<String>,
    pub updated_at: i64,
}
