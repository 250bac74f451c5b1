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
        expect!["I want to volunteer => flow - volunteer-signup en"],
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

/// One reply's language and direction, for the per-language transcripts.
async fn language_of(app: &TestApp, message: &str) -> String {
    let reply = app.say(None, message).await;
    format!(
        "{message} => {} {} {}",
        summary(&reply),
        reply["dir"].as_str().unwrap_or("-"),
        reply["text"].as_str().is_some_and(|text| !text.is_empty())
    )
}

#[tokio::test]
async fn every_language_is_answered_in_that_language_with_its_direction() {
    let app = spawn_app().await;
    let mut lines = Vec::new();
    for message in [
        "när hämtas soporna?",
        "when is the rubbish collected?",
        "متى يتم جمع القمامة؟",
        "Milloin roskat haetaan?",
        "Goorma ayaa qashinka la qaadaa?",
        "زباله‌ها چه روزی جمع‌آوری می‌شوند؟",
        "Коли вивозять сміття?",
        "Kiedy odbierane są śmieci?",
        "ጓሓፍ መዓስ ይእከብ?",
    ] {
        lines.push(language_of(&app, message).await);
    }
    expect![[r#"
        när hämtas soporna? => answer waste-collection - sv ltr true
        when is the rubbish collected? => answer waste-collection - en ltr true
        متى يتم جمع القمامة؟ => answer waste-collection - ar rtl true
        Milloin roskat haetaan? => answer waste-collection - fi ltr true
        Goorma ayaa qashinka la qaadaa? => answer waste-collection - so ltr true
        زباله‌ها چه روزی جمع‌آوری می‌شوند؟ => answer waste-collection - fa rtl true
        Коли вивозять сміття? => answer waste-collection - uk ltr true
        Kiedy odbierane są śmieci? => answer waste-collection - pl ltr true
        ጓሓፍ መዓስ ይእከብ? => answer waste-collection - ti ltr true"#]]
    .assert_eq(&lines.join("\n"));
}

#[tokio::test]
async fn a_topic_without_a_translation_says_so_in_the_residents_language() {
    let app = spawn_app().await;
    let reply = app
        .say(None, "Jak złożyć wniosek o pozwolenie na budowę?")
        .await;
    assert_eq!(summary(&reply), "answer building-permit - pl");
    let text = reply["text"].as_str().expect("text");
    // The Polish notice, then the English text, then the interpreter offer in Polish.
    assert!(
        text.starts_with("Ta odpowiedź nie jest jeszcze dostępna po polsku."),
        "{text}"
    );
    assert!(text.contains("building permit"), "{text}");
    assert!(text.contains("0123-45 60 00"), "{text}");
}

#[tokio::test]
async fn a_swedish_official_term_in_another_language_finds_its_topic() {
    let app = spawn_app().await;
    check(
        &app,
        &["برای fritids پسرم چطور درخواست بدهم؟"],
        expect!["برای fritids پسرم چطور درخواست بدهم؟ => answer after-school-care - fa"],
    )
    .await;
    check(
        &app,
        &["Як подати заяву на bygglov?"],
        expect!["Як подати заяву на bygglov? => answer building-permit - uk"],
    )
    .await;
    check(
        &app,
        &["كيف أحصل على försörjningsstöd؟"],
        expect!["كيف أحصل على försörjningsstöd؟ => answer income-support - ar"],
    )
    .await;
}
