//! Property tests over the message pipeline: arbitrary text — right-to-left scripts,
//! control characters, emoji, mixed scripts, long repetitions — never panics the core or a
//! stored turn and is always answered in a language the municipality offers; arbitrary
//! request bodies never make the HTTP API fail with a server error.
//!
//! The case counts are modest so the suite stays fast; raise `PROPTEST_CASES` to fuzz longer.

use civic_assistant::chat::{Assistant, Context, Turn};
use civic_assistant::config::Overrides;
use civic_assistant::content::Content;
use civic_assistant::conversation::{self, Channel, Inbound};
use civic_assistant::language::LanguageHints;
use civic_assistant::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

use crate::helpers::spawn_app_configured;

/// A runner with `cases` cases (unless `PROPTEST_CASES` says otherwise) and no regression
/// files: a failure prints its minimal input, which becomes a transcript test.
fn runner(cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(cases);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Text a resident could send, or a program pretending to be one.
fn resident_text() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "när töms soporna?",
        "how do I apply for preschool",
        "كيف أسجل طفلي في الروضة؟",
        "چطور برای مهدکودک ثبت‌نام کنم؟",
        "Привіт, коли вивозять сміття?",
        "ሰላም፡ ከመይ ኣለኹም?",
        "Goormee la qaadayaa qashinka?",
        // Bidi overrides and isolates, marks, zero-width joiner and non-joiner, a BOM.
        "\u{202E}\u{2066}\u{200F}\u{200D}\u{200C}\u{FEFF}",
        "👨‍👩‍👧‍👦🇸🇪🏳️‍🌈🙂",
        "\0\u{7}\u{1b}[31m\r\n\t\u{85}\u{2028}",
        "a\u{301}\u{301}\u{301}\u{301}",
        "{{contact.phone}} <script>alert(1)</script> $1 %s",
    ])
    .prop_map(str::to_string);
    let piece = prop_oneof![any::<String>(), "\\PC{0,24}", fixed];
    (prop::collection::vec(piece, 0..6), 1usize..400).prop_map(|(pieces, times)| {
        let text = pieces.concat();
        // Now and then one long repetition (a paste, a stuck key).
        if times > 350 {
            text.repeat(times)
        } else {
            text
        }
    })
}

#[test]
fn the_core_answers_any_text_in_an_offered_language() {
    let assistant = Assistant::load(&Content::embedded()).expect("the content loads");
    let offered = assistant.municipality.languages.clone();
    runner(64)
        .run(&resident_text(), |text| {
            let turn = Turn {
                text: text.clone(),
                ..Turn::default()
            };
            let reply = assistant.respond(&turn, &Context::default());
            prop_assert!(offered.contains(&reply.language), "{text:?}: {reply:?}");
            prop_assert!(!reply.text.is_empty(), "{text:?}");
            Ok(())
        })
        .expect("every text is answered");
}

#[test]
fn a_stored_turn_answers_any_text_in_an_offered_language() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("fuzz.db").display());
    let (store, assistant) = runtime.block_on(async {
        let store = Store::open(&url).await.expect("the store");
        let assistant = Assistant::load(&Content::embedded()).expect("the content loads");
        store
            .ensure_municipality(&assistant.municipality.id, &assistant.municipality.name)
            .await
            .expect("the municipality");
        (store, assistant)
    });
    let offered = assistant.municipality.languages.clone();
    runner(48)
        .run(&resident_text(), |text| {
            let inbound = Inbound {
                conversation: None,
                channel: Channel::Web,
                text: text.clone(),
                client_message_id: Some(text.chars().take(128).collect()),
                hints: LanguageHints::default(),
                choice: None,
                intent: None,
                resident: None,
                command: None,
                sign_in_url: String::new(),
            };
            let outcome = runtime
                .block_on(conversation::handle(&store, &assistant, inbound))
                .map_err(|error| TestCaseError::fail(format!("{text:?}: {error}")))?;
            prop_assert!(offered.contains(&outcome.reply.language), "{text:?}");
            Ok(())
        })
        .expect("every text is stored and answered");
}

/// A JSON value of any shape, shallow enough to stay small.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|n| json!(n)),
        resident_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("\\PC{0,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A chat request body: the real fields with values of any type and any text, sometimes
/// with a field the API does not know, sometimes not an object at all.
fn chat_body() -> impl Strategy<Value = Value> {
    let field = prop_oneof![
        Just("text"),
        Just("conversation_id"),
        Just("locale"),
        Just("language"),
        Just("client_message_id"),
        Just("topic"),
        Just("unknown"),
    ];
    let value = prop_oneof![
        3 => resident_text().prop_map(Value::from),
        1 => Just(json!("7d1f4a58-1b6e-4c1e-9a57-1b9e1c1f0000")),
        1 => prop_oneof![Just("sv"), Just("ar"), Just("xx"), Just("waste-collection")].prop_map(Value::from),
        1 => json_value(),
    ];
    prop_oneof![
        4 => prop::collection::btree_map(field, value, 0..6)
            .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        1 => json_value(),
    ]
}

#[test]
fn the_chat_endpoint_never_fails_with_a_server_error() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let app = runtime.block_on(spawn_app_configured(
        None,
        Overrides {
            // Every case comes from one address and may hit one conversation.
            requests_per_minute_per_ip: Some(0),
            messages_per_minute_per_conversation: Some(0),
            ..Overrides::default()
        },
    ));
    let check = |body: Vec<u8>| -> Result<(), TestCaseError> {
        let (status, reply) = runtime.block_on(async {
            let response = app
                .client
                .post(app.url("/api/v1/chat"))
                .header("content-type", "application/json")
                .body(body.clone())
                .send()
                .await
                .expect("a response");
            let status = response.status().as_u16();
            let reply: Value = response.json().await.unwrap_or(Value::Null);
            (status, reply)
        });
        let shown = String::from_utf8_lossy(&body);
        prop_assert!(status < 500, "{status} for {shown}: {reply}");
        if status == 200 {
            prop_assert!(reply["language"].is_string(), "{shown}: {reply}");
        } else {
            prop_assert!(
                reply["error"]["code"].is_string(),
                "{status} for {shown}: {reply}"
            );
            prop_assert!(
                reply["error"]["message"].is_string(),
                "{status} for {shown}: {reply}"
            );
        }
        Ok(())
    };
    runner(96)
        .run(&chat_body(), |body| check(body.to_string().into_bytes()))
        .expect("every JSON body gets a reply or a client error");
    runner(32)
        .run(&prop::collection::vec(any::<u8>(), 0..256), check)
        .expect("every byte string gets a reply or a client error");
}
