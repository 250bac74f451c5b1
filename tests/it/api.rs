//! The HTTP API: replies, transcripts, persistence, and clear errors for bad input.

use serde_json::{Value, json};
use sqlx::Row;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_question_gets_an_answer_with_links_in_the_residents_language() {
    let app = spawn_app().await;
    let (status, reply) = app.chat(json!({ "text": "när töms soporna?" })).await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["decision"], "answer");
    assert_eq!(reply["topic"], "waste-collection");
    assert_eq!(reply["language"], "sv");
    assert_eq!(reply["dir"], "ltr");
    let text = reply["text"].as_str().expect("text");
    // Local facts come from municipality.toml, rendered into the article.
    assert!(text.contains("Exempelby Vatten & Avfall AB"), "{text}");
    assert!(!text.contains("{{"), "{text}");
    let links = reply["links"].as_array().expect("links");
    assert!(
        links
            .iter()
            .any(|l| l["url"] == "https://www.exempelby.example/avfall/hamtschema"),
        "{links:?}"
    );
}

#[tokio::test]
async fn arabic_is_answered_right_to_left() {
    let app = spawn_app().await;
    let reply = app.say(None, "كيف أسجل طفلي في الروضة؟").await;
    assert_eq!(reply["language"], "ar");
    assert_eq!(reply["dir"], "rtl");
}

#[tokio::test]
async fn an_unknown_question_offers_the_contact_centre_and_is_queued_for_review() {
    let app = spawn_app().await;
    let reply = app.say(None, "qwxz plorf zzyzx").await;
    assert_eq!(reply["decision"], "unknown");
    assert!(
        reply["text"]
            .as_str()
            .unwrap_or_default()
            .contains("0123-45 60 00"),
        "{reply}"
    );
    let db = app.database().await;
    let row = sqlx::query("SELECT text, decision FROM unanswered")
        .fetch_one(&db)
        .await
        .expect("an unanswered record");
    assert_eq!(row.get::<String, _>(0), "qwxz plorf zzyzx");
    assert_eq!(row.get::<String, _>(1), "unknown");
}

#[tokio::test]
async fn every_message_and_decision_is_persisted_and_the_transcript_returns_them() {
    let app = spawn_app().await;
    let first = app.say(None, "hur söker jag förskola").await;
    let id = first["conversation_id"]
        .as_str()
        .expect("conversation id")
        .to_string();
    app.say(Some(&id), "vad kostar det?").await;

    let response = app
        .client
        .get(app.url(&format!("/api/v1/conversations/{id}")))
        .send()
        .await
        .expect("transcript");
    assert_eq!(response.status(), 200);
    let transcript: Value = response.json().await.expect("JSON");
    let messages = transcript["messages"].as_array().expect("messages");
    let directions: Vec<&str> = messages
        .iter()
        .filter_map(|m| m["direction"].as_str())
        .collect();
    assert_eq!(directions, ["in", "out", "in", "out"]);
    assert_eq!(messages[0]["text"], "hur söker jag förskola");
    assert_eq!(messages[1]["topic"], "preschool");

    let db = app.database().await;
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query(sql)
                .fetch_one(&db)
                .await
                .expect("count")
                .get::<i64, _>(0)
        }
    };
    assert_eq!(count("SELECT COUNT(*) FROM messages").await, 4);
    assert_eq!(count("SELECT COUNT(*) FROM decisions").await, 2);
    assert_eq!(
        count("SELECT COUNT(*) FROM messages WHERE municipality_id = 'exempelby'").await,
        4
    );
}

#[tokio::test]
async fn a_resent_message_is_answered_once() {
    let app = spawn_app().await;
    let first = app.say(None, "hej").await;
    let id = first["conversation_id"].as_str().expect("id");
    let body = json!({ "text": "var ligger biblioteket", "conversation_id": id, "client_message_id": "m-1" });
    let (_, once) = app.chat(body.clone()).await;
    let (_, twice) = app.chat(body).await;
    assert_eq!(once["message_id"], twice["message_id"]);
    assert_eq!(once["text"], twice["text"]);
    let db = app.database().await;
    let inbound: i64 = sqlx::query("SELECT COUNT(*) FROM messages WHERE direction = 'in'")
        .fetch_one(&db)
        .await
        .expect("count")
        .get(0);
    assert_eq!(inbound, 2);
}

#[tokio::test]
async fn a_picked_choice_answers_that_topic_in_the_conversations_language() {
    let app = spawn_app().await;
    let first = app.say(None, "hej").await;
    let id = first["conversation_id"].as_str().expect("id");
    let (status, reply) = app
        .chat(json!({ "topic": "library", "conversation_id": id }))
        .await;
    assert_eq!(status, 200, "{reply}");
    assert_eq!(reply["topic"], "library");
    assert_eq!(reply["decision"], "answer");
    assert_eq!(
        reply["language"], "sv",
        "the topic id is not read as English"
    );
    let transcript = transcript(&app, id).await;
    assert_eq!(
        transcript["messages"][2]["text"], "Biblioteket – öppettider, lånekort och e-böcker",
        "stored as the title the resident saw"
    );
    assert_eq!(transcript["messages"][2]["author"], "resident");
    assert_eq!(transcript["messages"][3]["author"], "assistant");
}

async fn transcript(app: &crate::helpers::TestApp, id: &str) -> Value {
    app.client
        .get(app.url(&format!("/api/v1/conversations/{id}")))
        .send()
        .await
        .expect("transcript")
        .json()
        .await
        .expect("JSON")
}

#[tokio::test]
async fn a_resent_first_message_continues_the_conversation_it_started() {
    let app = spawn_app().await;
    let body = json!({ "text": "var ligger biblioteket", "client_message_id": "first-1" });
    let (_, once) = app.chat(body.clone()).await;
    let (_, again) = app.chat(body).await;
    assert_eq!(once["conversation_id"], again["conversation_id"]);
    assert_eq!(once["message_id"], again["message_id"]);
    let transcript = transcript(&app, once["conversation_id"].as_str().expect("id")).await;
    assert_eq!(transcript["messages"].as_array().map(Vec::len), Some(2));
    assert_eq!(transcript["messages"][0]["client_message_id"], "first-1");
}

async fn error_of(
    app: &crate::helpers::TestApp,
    request: reqwest::RequestBuilder,
) -> (u16, String, String) {
    let _ = app;
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("a JSON error body");
    let code = body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let message = body["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!message.is_empty(), "{body}");
    (status, code, message)
}

#[tokio::test]
async fn bad_input_gets_a_clear_json_error_with_the_right_status() {
    let app = spawn_app().await;
    let post = || app.client.post(app.url("/api/v1/chat"));
    let json_post = || post().header("content-type", "application/json");

    let (status, code, message) = error_of(&app, json_post().body(r#"{"text": "   "}"#)).await;
    assert_eq!((status, code.as_str()), (422, "empty_message"));
    assert_eq!(message, "Meddelandet är tomt. Skriv en fråga.");

    let (status, code, message) = error_of(
        &app,
        json_post()
            .header("accept-language", "en-GB,en;q=0.9")
            .body(r#"{"text": "   "}"#),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "empty_message"));
    assert_eq!(message, "The message is empty. Please write a question.");

    let long = "a".repeat(2_001);
    let (status, code, _) =
        error_of(&app, json_post().body(json!({ "text": long }).to_string())).await;
    assert_eq!((status, code.as_str()), (422, "message_too_long"));

    let (status, code, _) = error_of(&app, json_post().body("{not json")).await;
    assert_eq!((status, code.as_str()), (400, "invalid_json"));

    let (status, code, _) = error_of(&app, json_post().body(r#"{"text": 42}"#)).await;
    assert_eq!((status, code.as_str()), (400, "invalid_json"));

    let (status, code, _) =
        error_of(&app, json_post().body(r#"{"text": "hej", "extra": 1}"#)).await;
    assert_eq!((status, code.as_str()), (400, "invalid_json"));

    let invalid_utf8: Vec<u8> = [
        &br#"{"text": ""#[..],
        &[0xff, 0xfe, 0xfd][..],
        &br#""}"#[..],
    ]
    .concat();
    let (status, code, _) = error_of(&app, json_post().body(invalid_utf8)).await;
    assert_eq!((status, code.as_str()), (400, "invalid_json"));

    let (status, code, _) = error_of(&app, post().body(r#"{"text": "hej"}"#)).await;
    assert_eq!((status, code.as_str()), (415, "unsupported_media_type"));

    let (status, code, _) = error_of(
        &app,
        json_post().body(
            json!({ "text": "hej", "conversation_id": "7d1f4a58-1b6e-4c1e-9a57-1b9e1c1f0000" })
                .to_string(),
        ),
    )
    .await;
    assert_eq!((status, code.as_str()), (404, "conversation_not_found"));

    let (status, code, _) = error_of(
        &app,
        json_post().body(json!({ "text": "hej", "conversation_id": "../../etc" }).to_string()),
    )
    .await;
    assert_eq!((status, code.as_str()), (404, "conversation_not_found"));

    let (status, code, _) = error_of(
        &app,
        json_post().body(json!({ "text": "hej", "language": "xx" }).to_string()),
    )
    .await;
    assert_eq!((status, code.as_str()), (422, "unsupported_language"));

    let (status, code, _) = error_of(&app, app.client.get(app.url("/no/such/page"))).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
}

#[tokio::test]
async fn a_ten_megabyte_body_is_refused_as_too_large() {
    let app = spawn_app().await;
    let huge = json!({ "text": "x".repeat(10 * 1024 * 1024) }).to_string();
    let response = app
        .client
        .post(app.url("/api/v1/chat"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await;
    // The server may answer before it has read the whole body and close the connection;
    // what it must never do is accept the body or fail with a server error.
    if let Ok(response) = response {
        assert_eq!(response.status(), 413);
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(body["error"]["code"], "payload_too_large");
    }
    // The service is still up and answering.
    assert_eq!(app.say(None, "hej").await["intent"], "greeting");
}

#[tokio::test]
async fn health_and_readiness_mean_something() {
    let app = spawn_app().await;
    let health = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let ready: Value = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("readyz")
        .json()
        .await
        .expect("JSON");
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["articles"], 33);
}

#[tokio::test]
async fn the_demo_page_embeds_the_widget_with_one_tag() {
    let app = spawn_app().await;
    let page = app.client.get(app.url("/")).send().await.expect("page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains(r#"<script src="/widget.js" data-locale="sv" async></script>"#),
        "{html}"
    );
}
