//! Mina sidor and the chat for signed-in residents, with the demo residents (every test runs
//! with `--demo`): case questions answered for the resident of the session only, and the
//! authorization matrix over every endpoint and chat path that touches personal data —
//! resident A, resident B, signed out, staff: A never sees B's data, signed out sees none.

use serde_json::{Value, json};

use crate::helpers::{TestApp, browser, chat_as, spawn_app};

/// Words only Tolvan's (A's) cases contain, and only Anna's (B's).
const A_ONLY: [&str; 2] = ["Byggnadsnämnden", "Förskoleförvaltningen"];
const B_ONLY: [&str; 1] = ["Bostadsanpassning"];

fn shows_none(text: &str, words: &[&str]) -> bool {
    words.iter().all(|word| !text.contains(word))
}

async fn say(
    client: &reqwest::Client,
    app: &TestApp,
    conversation: Option<&str>,
    text: &str,
) -> Value {
    let mut body = json!({ "text": text });
    if let Some(id) = conversation {
        body["conversation_id"] = json!(id);
    }
    let (status, reply) = chat_as(client, app, body).await;
    assert_eq!(status, 200, "{reply}");
    reply
}

#[tokio::test]
async fn case_questions_are_answered_for_the_signed_in_resident_only() {
    let app = spawn_app().await;
    let anonymous = browser();
    let a = app.demo_resident(0).await;
    let b = app.demo_resident(1).await;

    // Signed out: the sign-in link, and no case at all.
    let reply = say(&anonymous, &app, None, "hur går det med min ansökan?").await;
    assert_eq!(reply["intent"], "case-status");
    assert!(
        reply["links"][0]["url"]
            .as_str()
            .is_some_and(|url| url.starts_with("/mina-sidor/logga-in")),
        "{reply}"
    );
    assert!(shows_none(
        reply["text"].as_str().unwrap_or_default(),
        &A_ONLY
    ));

    // A asks about the building permit: its status in plain words.
    let reply = say(&a, &app, None, "när får jag besked om bygglovet?").await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert_eq!(reply["decision"], "answer", "{reply}");
    assert!(
        text.contains("Byggnadsnämnden") && text.contains("grannar"),
        "{text}"
    );
    assert!(text.contains("Nästa steg"), "{text}");
    assert!(shows_none(text, &B_ONLY));

    // A asks generally: two cases, offered as choices; picking one tells it.
    let conversation = reply["conversation_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let reply = say(
        &a,
        &app,
        Some(&conversation),
        "hur går det med min ansökan?",
    )
    .await;
    assert_eq!(reply["decision"], "choices", "{reply}");
    let choices = reply["choices"].as_array().cloned().unwrap_or_default();
    assert_eq!(choices.len(), 2, "{reply}");
    let preschool = choices
        .iter()
        .find(|choice| {
            choice["title"]
                .as_str()
                .unwrap_or_default()
                .contains("Förskol")
        })
        .expect("the preschool case is offered");
    let (status, picked) = chat_as(
        &a,
        &app,
        json!({ "conversation_id": conversation, "topic": preschool["topic"] }),
    )
    .await;
    assert_eq!(status, 200, "{picked}");
    let text = picked["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("Förskoleförvaltningen") && text.contains("kö"),
        "{text}"
    );
    assert!(text.contains("2026-03-01"), "the due date: {text}");

    // B: one case, told at once; nothing of A's; no building permit of B's own.
    let reply = say(&b, &app, None, "hur går det med min ansökan?").await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert!(text.contains("Bostadsanpassning"), "{text}");
    assert!(shows_none(text, &A_ONLY), "{text}");
    let reply = say(&b, &app, None, "när får jag besked om bygglovet?").await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert!(text.contains("inget ärende om Bygglov"), "{text}");
    assert!(shows_none(text, &A_ONLY), "{text}");

    // B picks A's case by its id: nothing of A's.
    let (status, reply) =
        chat_as(&b, &app, json!({ "text": "", "topic": preschool["topic"] })).await;
    assert_eq!(status, 200, "{reply}");
    assert!(
        shows_none(reply["text"].as_str().unwrap_or_default(), &A_ONLY),
        "{reply}"
    );

    // In English, the same question and the status in English.
    let reply = say(
        &a,
        &app,
        None,
        "when will I get a decision on my building permit?",
    )
    .await;
    let text = reply["text"].as_str().unwrap_or_default();
    assert_eq!(reply["language"], "en", "{reply}");
    assert!(text.contains("neighbours"), "{text}");
}

/// Staff signed in to the staff pages, as a browser.
async fn staff_browser(app: &TestApp) -> reqwest::Client {
    crate::staff::add_user(app, "matrix-admin", "admin");
    let client = browser();
    let response =
        crate::staff::sign_in(app, &client, "matrix-admin", crate::staff::PASSWORD).await;
    assert!(response.status().is_success() || response.status().is_redirection());
    client
}

#[tokio::test]
async fn the_authorization_matrix_over_personal_data() {
    let app = spawn_app().await;
    let a = app.demo_resident(0).await;
    let b = app.demo_resident(1).await;
    let anonymous = browser();
    let staff = staff_browser(&app).await;

    // A's conversation, with A's case data in it.
    let reply = say(&a, &app, None, "när får jag besked om bygglovet?").await;
    let conversation = reply["conversation_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        reply["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Byggnadsnämnden")
    );

    // The page: A sees A's cases; B sees B's; signed out and staff see none.
    for (who, client, sees, never) in [
        ("A", &a, &A_ONLY[..], &B_ONLY[..]),
        ("B", &b, &B_ONLY[..], &A_ONLY[..]),
        (
            "signed out",
            &anonymous,
            &[][..],
            &[A_ONLY[0], A_ONLY[1], B_ONLY[0]][..],
        ),
        (
            "staff",
            &staff,
            &[][..],
            &[A_ONLY[0], A_ONLY[1], B_ONLY[0]][..],
        ),
    ] {
        let html = client
            .get(app.url("/mina-sidor"))
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        for word in sees {
            assert!(html.contains(word), "{who} sees {word} on the page");
        }
        assert!(
            shows_none(&html, never),
            "{who} sees none of {never:?} on the page"
        );
        assert!(html.contains("Demo"), "demo mode says so on every page");

        let response = client
            .get(app.url("/api/v1/me/cases"))
            .send()
            .await
            .expect("cases");
        let status = response.status().as_u16();
        let body = response.text().await.expect("body");
        match who {
            "A" | "B" => {
                assert_eq!(status, 200, "{who}: {body}");
                for word in sees {
                    assert!(body.contains(word), "{who}: {body}");
                }
            }
            _ => assert_eq!(status, 401, "{who}: {body}"),
        }
        assert!(shows_none(&body, never), "{who}: {body}");

        // A's conversation: its transcript, its stream, writing into it.
        let transcript = client
            .get(app.url(&format!("/api/v1/conversations/{conversation}")))
            .send()
            .await
            .expect("transcript");
        let events = client
            .get(app.url(&format!("/api/v1/conversations/{conversation}/events")))
            .send()
            .await
            .expect("events");
        let (write_status, write_body) = chat_as(
            client,
            &app,
            json!({ "conversation_id": conversation, "text": "hur går det med min ansökan?" }),
        )
        .await;
        if who == "A" {
            assert_eq!(transcript.status(), 200);
            assert_eq!(events.status(), 200);
            assert_eq!(write_status, 200, "{write_body}");
        } else {
            assert_eq!(transcript.status(), 404, "{who} reads A's transcript");
            assert_eq!(events.status(), 404, "{who} streams A's conversation");
            assert_eq!(
                write_status, 404,
                "{who} writes into A's conversation: {write_body}"
            );
            assert!(shows_none(&write_body.to_string(), &A_ONLY));
        }

        // A resend of A's first message under its client id gives nothing away either.
        let (_, reply) = chat_as(
            client,
            &app,
            json!({ "text": "hur går det med min ansökan?", "client_message_id": format!("matrix-{who}") }),
        )
        .await;
        if who != "A" {
            assert!(shows_none(&reply.to_string(), &A_ONLY), "{who}: {reply}");
        }
    }

    // Signed out again: the same browser, the same question, no data.
    let csrf = app.page_and_csrf(&a, "/mina-sidor").await.1;
    let response = a
        .post(app.url("/mina-sidor/logga-ut"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("sign out");
    assert_eq!(response.status(), 200);
    let reply = say(&a, &app, None, "när får jag besked om bygglovet?").await;
    assert!(
        shows_none(reply["text"].as_str().unwrap_or_default(), &A_ONLY),
        "{reply}"
    );
    let response = a
        .get(app.url(&format!("/api/v1/conversations/{conversation}")))
        .send()
        .await
        .expect("transcript");
    assert_eq!(
        response.status(),
        404,
        "signed out, A's own conversation is closed too"
    );
}

#[tokio::test]
async fn forms_on_mina_sidor_need_the_session_and_its_csrf_token() {
    let app = spawn_app().await;
    let a = app.demo_resident(0).await;
    // Without the token: refused, and nothing saved.
    let response = a
        .post(app.url("/mina-sidor/intressen"))
        .form(&[("csrf", "wrong"), ("topic", "school")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    // Signed out: back to the signed-out page.
    let response = browser()
        .post(app.url("/mina-sidor/logga-ut"))
        .form(&[("csrf", "x")])
        .send()
        .await
        .expect("post");
    assert!(response.text().await.expect("html").contains("Logga in"));
    // With it: saved.
    let csrf = app.page_and_csrf(&a, "/mina-sidor").await.1;
    let html = a
        .post(app.url("/mina-sidor/intressen"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("topic", "school"),
            ("district", "Norrby"),
        ])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Dina intressen är sparade"), "{html}");
    assert!(
        html.contains(r#"value="school" id="topic-school" checked"#),
        "{html}"
    );
    // The page is labelled, in its language, with the session cookie flags.
    assert!(html.contains(r#"<html lang="sv" dir="ltr">"#));
    let arabic = a
        .get(app.url("/mina-sidor?lang=ar"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl">"#));
}
