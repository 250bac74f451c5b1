//! The answer-quality loop: runs a question set (the `shared/eval` JSON-lines format) against
//! the current content and says what got worse — and better — since the last run, so staff
//! can check that an edit did not break other answers.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::chat::{Assistant, Context, Decision, Turn};

/// One question of a set.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    pub q: String,
    pub lang: String,
    /// A topic id, `none` (must not be answered with an article) or `intent:<id>`.
    pub topic: String,
}

/// What became of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub ok: bool,
    pub decision: String,
    pub topic: Option<String>,
    pub intent: Option<String>,
}

/// A run: each question's outcome, by question text.
pub type Run = BTreeMap<String, Outcome>;

/// Reads a question set.
pub fn read_questions(path: &Path) -> anyhow::Result<Vec<Question>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            serde_json::from_str(line).with_context(|| {
                format!(
                    "{}: line {}: not a question object",
                    path.display(),
                    number + 1
                )
            })
        })
        .collect()
}

/// Answers every question as a new conversation and judges it as `shared/eval/score` does.
pub fn run(assistant: &Assistant, questions: &[Question]) -> Run {
    questions
        .iter()
        .map(|question| {
            let reply = assistant.respond(
                &Turn {
                    text: question.q.clone(),
                    ..Turn::default()
                },
                &Context::default(),
            );
            let topic = reply.topic.as_ref().map(|t| t.to_string());
            let intent = reply.intent.map(|i| i.id().to_string());
            let ok = match question.topic.as_str() {
                "none" => {
                    matches!(reply.decision, Decision::Unknown | Decision::Handoff)
                        || (!matches!(reply.decision, Decision::Answer | Decision::Choices)
                            && topic.is_none())
                }
                wanted if wanted.starts_with("intent:") => {
                    intent.as_deref() == wanted.strip_prefix("intent:")
                }
                wanted => reply.decision == Decision::Answer && topic.as_deref() == Some(wanted),
            };
            (
                question.q.clone(),
                Outcome {
                    ok,
                    decision: reply.decision.as_str().to_string(),
                    topic,
                    intent,
                },
            )
        })
        .collect()
}

/// Questions that were right in `before` and are wrong now, and the other way round.
pub fn compare<'a>(before: &'a Run, now: &'a Run) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut worse = Vec::new();
    let mut better = Vec::new();
    for (question, outcome) in now {
        match before.get(question) {
            Some(previous) if previous.ok && !outcome.ok => worse.push(question.as_str()),
            Some(previous) if !previous.ok && outcome.ok => better.push(question.as_str()),
            _ => {}
        }
    }
    (worse, better)
}
