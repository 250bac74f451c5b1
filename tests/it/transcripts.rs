//! Chat behaviour as transcripts: each case is the resident's messages and, per reply, its
//! decision, topic, intent and language. Adding a case is one line.

use expect_test::{Expect, expect};

use crate::helpers::{TestApp, spawn_app, summary};

/// Holds one conversation through the messages and compares the replies' summaries.
async fn check(app: &TestApp, messages: &[&str], expected: Expect) {
    let mut conversation: Option<String> = None;
    let mut lines = Vec::new();
    for message in messages {
        let reply = app.say(conversation.as_deref(), message).await;
        conversation = reply["conversation_id"].as_str().map(str::to_string);
        lines.push(format!("{message} => {}", summary(&reply)));
    }
    expected.assert_eq(&lines.join("\n"));
}

#[tokio::test]
async fn residents_get_answers_choices_or_an_honest_unknown() {
    let app = spawn_app().await;
    check(
        &app,
        &["när töms soporna?"],
        expect!["när töms soporna? => answer waste-collection - sv"],
    )
    .await;
    check(
        &app,
        &["hur söker jag förskola"],
        expect!["hur söker jag förskola => answer preschool - sv"],
    )
    .await;
    check(
        &app,
        &["my street light is broken"],
        expect!["my street light is broken => answer fault-report - en"],
    )
    .await;
    check(
        &app,
        &["var ligger tippen"],
        expect!["var ligger tippen => answer recycling-centre - sv"],
    )
    .await;
    check(
        &app,
        &["hur ansokan om bygglov"],
        expect!["hur ansokan om bygglov => answer building-permit - sv"],
    )
    .await;
    check(
        &app,
        &["sdfkjh qwpoeiru"],
        expect!["sdfkjh qwpoeiru => unknown - - sv"],
    )
    .await;
    check(
        &app,
        &["what is the capital of Peru"],
        expect!["what is the capital of Peru => unknown - - en"],
    )
    .await;
}

#[tokio::test]
async fn intents_take_the_turn() {
    let app = spawn_app().await;
    check(&app, &["hej"], expect!["hej => answer - greeting sv"]).await;
    check(
        &app,
        &["Det brinner i köket!"],
        expect!["Det brinner i köket! => answer - emergency sv"],
    )
    .await;
    check(
        &app,
        &["jag vill prata med en människa"],
        expect!["jag vill prata med en människa => handoff - human sv"],
    )
    .await;
    check(
        &app,
        &["I want to volunteer"],
        expect!["I want to volunteer => answer volunteering volunteer-signup en"],
    )
    .await;
    check(
        &app,
        &["hur går det med min ansökan?"],
        expect!["hur går det med min ansökan? => answer - case-status sv"],
    )
    .await;
}

#[tokio::test]
async fn follow_ups_use_the_previous_topic_and_one_word_replies_keep_the_language() {
    let app = spawn_app().await;
    check(
        &app,
        &[
            "how do I apply for preschool",
            "and what does it cost?",
            "ok",
            "thanks",
        ],
        expect![[r#"
            how do I apply for preschool => answer preschool - en
            and what does it cost? => answer preschool - en
            ok => answer - thanks en
            thanks => answer - thanks en"#]],
    )
    .await;
}

#[tokio::test]
async fn changing_language_is_remembered() {
    let app = spawn_app().await;
    check(
        &app,
        &["in English please", "tack", "när töms soporna"],
        expect![[r#"
            in English please => answer - change-language en
            tack => answer - thanks en
            när töms soporna => answer waste-collection - en"#]],
    )
    .await;
}
