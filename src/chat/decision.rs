//! The decision step: answer, offer choices, or say "I don't know".
//!
//! A wrong answer costs more than an honest "I don't know", so the thresholds are set from
//! the development question set to keep wrong answers rare (see README, "Answer quality").

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::knowledge::{Article, Hit};

/// What the assistant did with a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Answered with an article or an intent's reply.
    Answer,
    /// Offered two or three topics to pick from.
    Choices,
    /// Did not understand; offered the contact centre.
    Unknown,
    /// Handed the resident to a person.
    Handoff,
    /// An active dialogue flow took the turn.
    Flow,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Answer => "answer",
            Decision::Choices => "choices",
            Decision::Unknown => "unknown",
            Decision::Handoff => "handoff",
            Decision::Flow => "flow",
        }
    }
}

/// Calibrated lines on the knowledge score (0..=1).
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// At or above: answer, if the runner-up is far enough behind.
    pub answer: f32,
    /// How far ahead of the runner-up the best must be to answer outright.
    pub margin: f32,
    /// At or above (and below an answer): offer choices.
    pub choices: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            answer: 0.33,
            margin: 0.06,
            choices: 0.5,
        }
    }
}

impl Thresholds {
    /// The decision for search hits sorted best first.
    pub fn decide(&self, hits: &[(&Article, Hit)]) -> Decision {
        let Some((_, best)) = hits.first() else {
            return Decision::Unknown;
        };
        let runner_up = hits.get(1).map(|(_, hit)| hit.score).unwrap_or(0.0);
        if best.score >= self.answer && best.score - runner_up >= self.margin {
            Decision::Answer
        } else if best.score >= self.choices && hits.len() >= 2 {
            Decision::Choices
        } else {
            Decision::Unknown
        }
    }

    /// Choices worth offering next to a best score.
    pub fn choice_floor(&self, best: f32) -> f32 {
        (best * 0.75).max(self.choices * 0.8)
    }
}
