//! civic-assistant: a municipality's assistant for its residents.
//!
//! A tour of the modules, in the order a message passes through them:
//! - `channels::web` receives a message over HTTP (the widget and the API);
//! - `conversation` persists it in the `store`, asks the `chat` core, persists the reply;
//! - `chat` is pure: `language` detection, `intents`, the `knowledge` search, the decision and
//!   the reply rendered with `locale` strings and the municipality's facts from `config`;
//! - `content` is where knowledge, intents and locales come from (compiled in, or a directory);
//! - `app` holds the one application value the handlers share; `cli` is the command line;
//! - `limits` says how often a client may ask; `retention` deletes what is kept too long.
//! - `metrics` counts turns, requests and reloads for Prometheus.

pub mod app;
pub mod cases;
pub mod channels;
pub mod chat;
pub mod cli;
pub mod config;
pub mod config_check;
pub mod content;
pub mod content_sync;
pub mod conversation;
pub mod delivery;
pub mod feedback;
pub mod folding;
pub mod handoff;
pub mod intents;
pub mod knowledge;
pub mod language;
pub mod limits;
pub mod locale;
pub mod metrics;
pub mod mina_sidor;
pub mod notices;
pub mod opening_hours;
pub mod outbox;
pub mod quality;
pub mod residents;
pub mod retention;
pub mod revisions;
pub mod staff;
pub mod store;
pub mod tenants;
pub mod volunteering;
pub mod volunteers;

pub use app::{App, run};
