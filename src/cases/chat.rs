//! "Hur går det med min ansökan?" in the chat. The core recognises the question (the
//! `CaseStatus` intent); this step answers it from the store, for the resident the turn
//! speaks for and nobody else: one matching case is told in plain words with its next step,
//! several are offered as choices, none is said with how to apply. A turn that speaks for
//! nobody (not signed in, Telegram not linked) gets the sign-in link and no personal data.

use super::{Case, CaseType, records, vocabulary};
use crate::chat::{Assistant, Choice, Decision, Reply, Turn};
use crate::intents::Intent;
use crate::knowledge::{Link, TopicId};
use crate::language::Lang;
use crate::residents::ResidentKey;
use crate::store::Store;

/// A picked case among several: `case-<id>`.
pub const CHOICE_PREFIX: &str = "case-";

/// One turn as this step sees it.
pub struct CaseTurn<'a> {
    pub store: &'a Store,
    pub assistant: &'a Assistant,
    /// The resident the turn speaks for, if any.
    pub resident: Option<&'a ResidentKey>,
    pub turn: &'a Turn,
    /// Where a resident signs in (Mina sidor's sign-in, returning to the chat).
    pub sign_in_url: &'a str,
}

/// The reply to the turn: about the resident's cases, or the assistant's own `reply`.
pub async fn take_turn(step: CaseTurn<'_>, reply: Reply) -> Result<Reply, sqlx::Error> {
    let picked = step
        .turn
        .choice
        .as_ref()
        .and_then(|topic| topic.as_str().strip_prefix(CHOICE_PREFIX))
        .and_then(|id| id.parse::<i64>().ok());
    if picked.is_none() && reply.intent != Some(Intent::CaseStatus) {
        return Ok(reply);
    }
    let lang = reply.language;
    let Some(resident) = step.resident else {
        let text = step.text(lang, "case-sign-in", &[]);
        let links = (!step.sign_in_url.is_empty())
            .then(|| Link {
                label: step.text(lang, "case-sign-in-link", &[]),
                url: step.sign_in_url.to_string(),
            })
            .into_iter()
            .collect();
        return Ok(case_reply(text, Vec::new(), links, reply));
    };
    let municipality = &step.assistant.municipality.id;
    let cases = records::for_resident(step.store, municipality, resident).await?;
    if let Some(id) = picked {
        return Ok(match cases.iter().find(|case| case.id == id) {
            Some(case) => case_reply(
                describe(step.assistant, case, lang),
                Vec::new(),
                Vec::new(),
                reply,
            ),
            None => step.none(&[], lang, reply),
        });
    }
    let types = vocabulary::shipped().types_in(&step.turn.text);
    let matching: Vec<&Case> = cases
        .iter()
        .filter(|case| types.is_empty() || types.contains(&case.case_type))
        .collect();
    Ok(match matching.as_slice() {
        [] => step.none(&types, lang, reply),
        [case] => case_reply(
            describe(step.assistant, case, lang),
            Vec::new(),
            Vec::new(),
            reply,
        ),
        several => {
            let vocabulary = vocabulary::shipped();
            let choices = several
                .iter()
                .filter_map(|case| {
                    Some(Choice {
                        topic: TopicId::parse(&format!("{CHOICE_PREFIX}{}", case.id))?,
                        title: format!("{} – {}", vocabulary.name(case.case_type, lang), case.unit),
                    })
                })
                .collect();
            let text = step.text(
                lang,
                "case-choose",
                &[("count", &several.len().to_string())],
            );
            Reply {
                decision: Decision::Choices,
                ..case_reply(text, choices, Vec::new(), reply)
            }
        }
    })
}

impl CaseTurn<'_> {
    fn text(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        self.assistant.locales.text(lang, key, args)
    }

    /// No case (of the types asked about): say so, and how to apply.
    fn none(&self, types: &[CaseType], lang: Lang, reply: Reply) -> Reply {
        let text = match types.first() {
            Some(case_type) => self.text(
                lang,
                "case-none-of-type",
                &[("case", &vocabulary::shipped().name(*case_type, lang))],
            ),
            None => self.text(lang, "case-none", &[]),
        };
        case_reply(text, Vec::new(), Vec::new(), reply)
    }
}

/// One case in plain words: its type, status, unit, next step and date.
pub fn describe(assistant: &Assistant, case: &Case, lang: Lang) -> String {
    let vocabulary = vocabulary::shipped();
    let mut text = assistant.locales.text(
        lang,
        "case-status-of",
        &[
            ("case", &vocabulary.name(case.case_type, lang)),
            ("unit", &case.unit),
            (
                "status",
                &vocabulary.explain(case.case_type, &case.status, lang),
            ),
        ],
    );
    text.push_str(&details(assistant, case, lang));
    text
}

/// The next step and the due date, each on a line of its own, when the case has them.
pub fn details(assistant: &Assistant, case: &Case, lang: Lang) -> String {
    let mut text = String::new();
    if let Some(step) = &case.next_step {
        text.push_str("\n\n");
        text.push_str(
            &assistant
                .locales
                .text(lang, "case-next-step", &[("step", step.get(lang))]),
        );
    }
    if let Some(date) = &case.due_date {
        text.push('\n');
        text.push_str(
            &assistant
                .locales
                .text(lang, "case-due-date", &[("date", date)]),
        );
    }
    text
}

fn case_reply(text: String, choices: Vec<Choice>, links: Vec<Link>, reply: Reply) -> Reply {
    Reply {
        text,
        decision: Decision::Answer,
        topic: None,
        intent: Some(Intent::CaseStatus),
        choices,
        links,
        confidence: 1.0,
        runner_up: 0.0,
        needs_review: false,
        ..reply
    }
}
