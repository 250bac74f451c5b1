//! The one integration-test binary: the real service on port 0 with a fresh SQLite database,
//! driven over HTTP, and the real binary driven on its command line.

mod api;
mod cases;
mod cli;
mod emulator;
mod fuzz;
mod headers;
mod helpers;
mod instances;
mod limits;
mod migrate_store;
mod mina;
mod oidc;
mod operations;
mod privacy;
mod retention;
mod staff;
mod telegram;
mod tenant_eid;
mod tenants;
mod transcripts;
mod volunteering;
mod volunteering_staff;
mod widget;
