//! The channels residents reach the assistant through. Each translates its wire format to
//! `conversation::Inbound` and back; none of their types reach the chat core.

pub mod telegram;
pub mod web;
