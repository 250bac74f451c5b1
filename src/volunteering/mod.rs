//! The volunteer portal as it is stored and used: coordinators' needs, residents' volunteer
//! profiles, the interest a volunteer expresses in a need, and the chat flow that ties them
//! together. The matching itself is `crate::volunteers` (pure); this module is its I/O.
//!
//! - `needs`: the coordinators' needs, with the count of accepted volunteers;
//! - `profiles`: a volunteer's profile, keyed by the conversation they are reached in;
//! - `interests`: "I'm interested", the coordinator's answer, and telling the volunteer;
//! - `flow`: the chat turns from "I want to help" to an expressed interest;
//! - `demo`: the example needs behind `serve --demo`.

pub mod demo;
pub mod flow;
pub mod interests;
pub mod needs;
pub mod profiles;

/// A volunteering operation that could not be done.
#[derive(Debug, thiserror::Error)]
pub enum VolunteeringError {
    #[error("not found")]
    NotFound,
    #[error("stored volunteering data is unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("the demo needs are invalid: {0}")]
    Demo(String),
}
