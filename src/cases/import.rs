//! `civic-assistant import-cases FILE --system NAME`: cases from a case system's export, as
//! CSV (a header row: `external_id,personal_number,type,status,unit,next_step,due_date`) or
//! JSON lines (one object a line with the same fields; `next_step` may be a table of
//! languages).
//!
//! **Nothing is half imported: a file with any bad row is rejected whole.** Every row is
//! validated first and every bad one is reported with its line number, so one run lists all
//! there is to fix; only a file without errors is applied, in one transaction, so a database
//! failure midway leaves the store as it was. We chose rejecting the file over importing the
//! good rows because an export is one state of the case system: importing part of it would
//! leave some residents with old statuses and no sign that anything was skipped, and a
//! corrected file imported again is harmless (updates are idempotent). Residents are told
//! about new statuses after the commit.

use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;

use super::{CaseReport, CaseUpdate, LocalText, integration, notify, records};
use crate::chat::Assistant;
use crate::residents::Keyring;
use crate::store::Store;

/// One row as a file gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportRow {
    external_id: String,
    personal_number: String,
    #[serde(rename = "type")]
    case_type: String,
    status: String,
    unit: String,
    #[serde(default)]
    next_step: Option<LocalText>,
    #[serde(default)]
    due_date: Option<String>,
}

/// A row that cannot be imported: its line in the file and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub created: usize,
    pub status_changed: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub notified: usize,
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} rows are not valid; nothing was imported", .0.len())]
    Rejected(Vec<Rejected>),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// Reads, validates and applies `path`.
pub async fn import(
    store: &Store,
    assistant: &Assistant,
    keyring: &Keyring,
    system: &str,
    path: &Path,
    progress: bool,
) -> Result<Summary, ImportError> {
    if !integration::valid_system(system) {
        return Err(anyhow::anyhow!(
            "a system name is lowercase letters, digits and hyphens (at most 64)"
        )
        .into());
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let rows = parse(path, &text, keyring)?;
    let municipality = &assistant.municipality.id;
    let bar = if progress {
        indicatif::ProgressBar::new(rows.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} cases {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut summary = Summary::default();
    let mut new_statuses = Vec::new();
    {
        let _turn = store.write_turn().await;
        let mut tx = store.pool.begin().await.context("starting the import")?;
        for (external_id, update) in &rows {
            let applied = records::apply(&mut tx, municipality, system, external_id, update)
                .await
                .with_context(|| format!("storing case {external_id}"))?;
            match applied {
                records::Applied::Created { .. } => summary.created += 1,
                records::Applied::StatusChanged { .. } => summary.status_changed += 1,
                records::Applied::Updated { .. } => summary.updated += 1,
                records::Applied::Unchanged { .. } => summary.unchanged += 1,
            }
            if let Some(history_id) = applied.new_status() {
                new_statuses.push((applied.case_id(), history_id));
            }
            bar.inc(1);
        }
        tx.commit().await.context("committing the import")?;
    }
    bar.finish_with_message("imported");
    for (case_id, history_id) in new_statuses {
        summary.notified += notify::tell(store, assistant, case_id, history_id)
            .await
            .context("telling residents")?
            .len();
    }
    Ok(summary)
}

/// Every row validated; all bad rows at once.
fn parse(
    path: &Path,
    text: &str,
    keyring: &Keyring,
) -> Result<Vec<(String, CaseUpdate)>, ImportError> {
    let is_csv = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
        || !text.trim_start().starts_with('{');
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    let mut accept = |line: usize, row: Result<ImportRow, String>| match row {
        Ok(row) => match check(row, keyring) {
            Ok(valid) => rows.push(valid),
            Err(reason) => rejected.push(Rejected { line, reason }),
        },
        Err(reason) => rejected.push(Rejected { line, reason }),
    };
    if is_csv {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(_) => {
                return Err(ImportError::Rejected(vec![Rejected {
                    line: 1,
                    reason: "the header row is unreadable".into(),
                }]));
            }
        };
        for record in reader.records() {
            // A record's position is the line it starts on; the header is line 1.
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line() as usize);
                    let row = record
                        .deserialize::<ImportRow>(Some(&headers))
                        .map_err(|error| csv_reason(&error, &headers));
                    accept(line, row);
                }
                Err(error) => {
                    let line = error.position().map_or(0, |p| p.line() as usize);
                    accept(line, Err(csv_reason(&error, &headers)));
                }
            }
        }
    } else {
        for (index, line_text) in text.lines().enumerate() {
            if line_text.trim().is_empty() {
                continue;
            }
            let row = serde_json::from_str::<ImportRow>(line_text).map_err(|error| {
                match integration::json_error(error) {
                    integration::IntegrationError::InvalidJson { column, kind, .. } => {
                        format!("column {column}: {kind}")
                    }
                    other => other.to_string(),
                }
            });
            accept(index + 1, row);
        }
    }
    if rejected.is_empty() {
        Ok(rows)
    } else {
        Err(ImportError::Rejected(rejected))
    }
}

/// Why a CSV row is unreadable, by column name: the csv error could quote the value.
fn csv_reason(error: &csv::Error, headers: &csv::StringRecord) -> String {
    match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let field = err
                .field()
                .and_then(|index| headers.get(index as usize))
                .unwrap_or("a field");
            format!("{field}: missing or malformed")
        }
        csv::ErrorKind::UnequalLengths { .. } => "wrong number of columns".to_string(),
        _ => "unreadable row".to_string(),
    }
}

fn check(row: ImportRow, keyring: &Keyring) -> Result<(String, CaseUpdate), String> {
    let external_id = row.external_id.trim().to_string();
    if external_id.is_empty() || external_id.len() > 128 {
        return Err("external_id: required, at most 128 characters".into());
    }
    let report = CaseReport {
        personal_number: row.personal_number,
        case_type: row.case_type,
        status: row.status,
        unit: row.unit,
        next_step: row.next_step,
        due_date: row.due_date,
    };
    report
        .validate(keyring)
        .map(|update| (external_id, update))
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })
}
