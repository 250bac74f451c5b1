//! Volunteering: coordinators' needs (uppdrag), residents' volunteer profiles, and matching
//! the two — the hard rules that exclude a need, the ranking of the rest, and the reasons in
//! words the chat can show. Pure functions over data: no I/O, no database, no HTTP types;
//! `now` is always passed in.
//!
//! - `vocabulary`: skills, topics, spoken languages, areas;
//! - `schedule`: time windows, weekly slots, one-off dates;
//! - `week`: weekly times prepared for overlap tests;
//! - `need`, `profile`: the two sides;
//! - `rules`: [`check`], every hard rule and its [`Exclusion`];
//! - `matching`: [`matches_for`], [`volunteers_for`], [`explain`], the score and its weights;
//! - `index`: [`NeedIndex`], the needs prepared once for ranking many volunteers;
//! - `reasons`: [`Reason`] and [`render`] in Swedish and English, and the names of skills,
//!   topics and spoken languages for lists;
//! - `answers`: reading free-text answers (topics, languages, times, places, yes/no);
//! - `dialog`: the volunteer conversation's questions as a state machine.

pub mod answers;
pub mod dialog;
mod index;
mod matching;
mod need;
mod profile;
mod reasons;
mod rules;
mod schedule;
mod vocabulary;
mod week;

#[cfg(test)]
mod fixtures;

pub use index::NeedIndex;
pub use matching::{Candidate, Match, Score, explain, matches_for, volunteers_for};
pub use need::{MinimumAge, Need, NeedId, NeedStatus, NeedText, Organiser, Place};
pub use profile::{AgeBand, Profile, VolunteerId};
pub use reasons::{Reason, language_label, render, skill_label, topic_label};
pub use rules::{Exclusion, check};
pub use schedule::{DayPart, Occasion, Schedule, TimeWindow, WeeklySlot};
pub use vocabulary::{Area, LanguageCode, Skill, Topic};
