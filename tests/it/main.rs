//! The one integration-test binary: the real service on port 0 with a fresh SQLite database,
//! driven over HTTP, and the real binary driven on its command line.

mod api;
mod cases;
mod cli;
mod emulator;
mod helpers;
mod mina;
mod oidc;
mod staff;
mod telegram;
mod transcripts;
mod volunteering;
mod widget;
