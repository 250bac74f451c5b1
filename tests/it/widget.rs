//! What the web widget relies on: its configuration, the live stream, feedback, CORS.

use serde_json::{Value, json};
use sqlx::Row;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_widget_gets_its_strings_languages_and_phone_in_its_locale() {
    let app = spawn_app().await;
    let config: Value = app
        .client
        .get(app.url("/api/v1/widget/config?locale=ar"))
        .send()
        .await
        .expect("config")
        .json()
        .await
        .expect("JSON");
    assert_eq!(config["locale"], "ar");
    assert_eq!(config["dir"], "rtl");
    assert_eq!(config["phone"], "0123-45 60 00");
    let languages = config["languages"].as_array().expect("languages");
    assert_eq!(languages.len(), 9);
    assert!(
        languages
            .iter()
            .any(|l| l["code"] == "fa" && l["dir"] == "rtl" && l["name"] == "فارسی"),
        "{languages:?}"
    );
    let unknown: Value = app
        .client
        .get(app.url("/api/v1/widget/config?locale=xx"))
        .send()
        .await
        .expect("config")
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        unknown["locale"], "sv",
        "an unknown locale falls back to the default language"
    );
    let script = app
        .client
        .get(app.url("/widget.js"))
        .send()
        .await
        .expect("widget.js");
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/javascript")
    );
}

#[tokio::test]
async fn replies_arrive_on_the_conversation_stream() {
    let app = spawn_app().await;
    let first = app.say(None, "hej").await;
    let id = first["conversation_id"].as_str().expect("id").to_string();
    let first_id = first["message_id"].as_i64().expect("message id");
    let mut stream = app
        .client
        .get(app.url(&format!(
            "/api/v1/conversations/{id}/events?after={first_id}"
        )))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    assert!(
        stream.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/event-stream")
    );
    let second = app.say(Some(&id), "var ligger biblioteket").await;
    let wanted = format!("id: {}", second["message_id"]);
    let mut received = String::new();
    // The guard only turns a hang into a failure; the stream is woken by the reply at once.
    let read = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        while !received.contains(&wanted) {
            match stream.chunk().await.expect("stream chunk") {
                Some(bytes) => received.push_str(&String::from_utf8_lossy(&bytes)),
                None => break,
            }
        }
    })
    .await;
    assert!(read.is_ok(), "no event for the reply: {received}");
    assert!(received.contains("event: message"), "{received}");
    assert!(
        !received.contains(&format!("id: {first_id}\n")),
        "events after `after` only: {received}"
    );
    assert!(received.contains("\"topic\":\"library\""), "{received}");

    let missing = app
        .client
        .get(app.url("/api/v1/conversations/7d1f4a58-1b6e-4c1e-9a57-1b9e1c1f0000/events"))
        .send()
        .await
        .expect("stream");
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn thumbs_down_is_recorded_and_queues_the_question_for_review() {
    let app = spawn_app().await;
    let reply = app.say(None, "när töms soporna").await;
    let id = reply["conversation_id"].as_str().expect("id");
    let message_id = reply["message_id"].as_i64().expect("message id");
    let send = |rating: &str, message: i64| {
        app.client
            .post(app.url("/api/v1/feedback"))
            .json(&json!({ "conversation_id": id, "message_id": message, "rating": rating }))
            .send()
    };
    assert_eq!(
        send("up", message_id).await.expect("feedback").status(),
        204
    );
    assert_eq!(
        send("down", message_id).await.expect("feedback").status(),
        204
    );
    assert_eq!(
        send("down", message_id).await.expect("feedback").status(),
        204
    );
    assert_eq!(
        send("down", message_id - 1)
            .await
            .expect("feedback")
            .status(),
        404,
        "an inbound message cannot be rated"
    );
    assert_eq!(
        send("sideways", message_id)
            .await
            .expect("feedback")
            .status(),
        400
    );

    let db = app.database().await;
    let rating: String = sqlx::query("SELECT rating FROM feedback WHERE message_id = $1")
        .bind(message_id)
        .fetch_one(&db)
        .await
        .expect("feedback row")
        .get(0);
    assert_eq!(rating, "down", "the last click counts");
    let queued: Vec<(String, String)> = sqlx::query("SELECT text, decision FROM unanswered")
        .fetch_all(&db)
        .await
        .expect("review queue")
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    assert_eq!(
        queued,
        [("när töms soporna".to_string(), "thumbs-down".to_string())]
    );
}

#[tokio::test]
async fn only_the_configured_origins_may_call_the_api_from_a_browser() {
    let app = spawn_app().await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/api/v1/chat"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("https://www.exempelby.example")
        .await
        .expect("preflight");
    assert_eq!(
        allowed
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("https://www.exempelby.example")
    );
    let other = preflight("https://evil.example").await.expect("preflight");
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_privacy_notice_is_there_in_every_offered_language() {
    let app = crate::helpers::spawn_app().await;
    for (lang, dir) in [
        ("sv", "ltr"),
        ("en", "ltr"),
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("fi", "ltr"),
        ("so", "ltr"),
        ("uk", "ltr"),
        ("pl", "ltr"),
        ("ti", "ltr"),
    ] {
        let response = app
            .client
            .get(app.url(&format!("/privacy?lang={lang}")))
            .send()
            .await
            .expect("privacy");
        assert_eq!(response.status(), 200);
        let html = response.text().await.expect("html");
        assert!(
            html.contains(&format!(r#"<html lang="{lang}" dir="{dir}">"#)),
            "{lang}: {html}"
        );
        assert!(html.contains("90"), "{lang}: the retention period");
        assert!(
            html.contains("kontaktcenter@exempelby.example"),
            "{lang}: the municipality's address"
        );
        assert!(!html.contains("{ $"), "{lang}: every placeable filled");
        assert!(!html.contains("<script"), "{lang}: no script");
    }
}
