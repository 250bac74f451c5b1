//! What the operator sees over HTTP: metrics that move, request ids, readiness, and the
//! OpenAPI description of the public API.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

/// The metrics page.
async fn scrape(app: &TestApp) -> String {
    let response = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("metrics");
    assert_eq!(response.status(), 200);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    response.text().await.expect("metrics text")
}

/// The value of one series, 0 when it does not exist yet.
fn value(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_chat_turns_without_personal_data() {
    let app = spawn_app().await;
    let answered = r#"civic_chat_messages_total{channel="web",decision="answer",language="sv"}"#;
    let unknown = r#"civic_chat_messages_total{channel="web",decision="unknown",language="en"}"#;
    let before = scrape(&app).await;

    let reply = app.say(None, "när töms soporna?").await;
    assert_eq!(
        (reply["decision"].as_str(), reply["language"].as_str()),
        (Some("answer"), Some("sv"))
    );
    let conversation = reply["conversation_id"].as_str().expect("id").to_string();
    let reply = app
        .say(None, "what is the airspeed velocity of an unladen swallow")
        .await;
    assert_eq!(
        (reply["decision"].as_str(), reply["language"].as_str()),
        (Some("unknown"), Some("en"))
    );
    let transcript = app
        .client
        .get(app.url(&format!("/api/v1/conversations/{conversation}")))
        .send()
        .await
        .expect("transcript");
    assert_eq!(transcript.status(), 200);

    let after = scrape(&app).await;
    // Other tests in this process count too, so the counters rise at least by ours. (That a
    // resend is not counted again is tested beside `conversation::handle`.)
    assert!(
        value(&after, answered) >= value(&before, answered) + 1.0,
        "{after}"
    );
    assert!(
        value(&after, unknown) >= value(&before, unknown) + 1.0,
        "{after}"
    );
    assert!(
        value(
            &after,
            r#"civic_chat_turn_duration_seconds_count{channel="web"}"#
        ) >= 2.0,
        "{after}"
    );
    assert!(
        after.contains(r#"route="/api/v1/conversations/{id}""#),
        "routes are labelled by template: {after}"
    );
    assert!(
        value(
            &after,
            r#"civic_http_request_duration_seconds_count{method="POST",route="/api/v1/chat",status="200"}"#
        ) >= 2.0,
        "{after}"
    );
    assert!(after.contains("\ncivic_outbox_pending "), "{after}");
    assert!(value(&after, "civic_index_reloads_total") >= 1.0, "{after}");
    for personal in [conversation.as_str(), "soporna", "swallow"] {
        assert!(!after.contains(personal), "{personal} in the metrics");
    }
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = spawn_app().await;
    let id_of = |response: &reqwest::Response| {
        response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };

    let kept = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "proxy-7f3a.1")
        .send()
        .await
        .expect("healthz");
    assert_eq!(id_of(&kept).as_deref(), Some("proxy-7f3a.1"));

    let generated = app
        .client
        .post(app.url("/api/v1/chat"))
        .json(&json!({ "text": "hej" }))
        .send()
        .await
        .expect("chat");
    let id = id_of(&generated).expect("a generated id");
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");

    let replaced = app
        .client
        .get(app.url("/no/such/page"))
        .header("x-request-id", "two words")
        .send()
        .await
        .expect("not found");
    assert_eq!(replaced.status(), 404);
    let id = id_of(&replaced).expect("an id on errors too");
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
}

#[tokio::test]
async fn readiness_reports_database_and_index() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(response.status(), 200);
    let ready: Value = response.json().await.expect("JSON");
    assert_eq!(
        ready,
        json!({ "status": "ready", "database": true, "index": true, "articles": 33 })
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_public_api() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .expect("openapi");
    assert_eq!(response.status(), 200);
    let document: Value = response.json().await.expect("a JSON document");
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.")),
        "{}",
        document["openapi"]
    );
    let paths = document["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/chat", "post"),
        ("/api/v1/conversations/{id}", "get"),
        ("/api/v1/conversations/{id}/events", "get"),
        ("/api/v1/feedback", "post"),
        ("/api/v1/widget/config", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/api/v1/telegram/webhook", "post"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path} missing");
    }

    // The request schema lists exactly what the handler accepts: a message with every
    // listed field is taken (the handler refuses unknown fields), and no field is missing.
    let schema = &document["components"]["schemas"]["ChatRequest"]["properties"];
    let mut listed: Vec<&str> = schema
        .as_object()
        .expect("ChatRequest properties")
        .keys()
        .map(String::as_str)
        .collect();
    listed.sort_unstable();
    assert_eq!(
        listed,
        [
            "client_message_id",
            "conversation_id",
            "language",
            "locale",
            "text",
            "topic"
        ]
    );
    let first = app.say(None, "när töms soporna?").await;
    let (status, reply) = app
        .chat(json!({
            "text": "när töms soporna?",
            "conversation_id": first["conversation_id"],
            "locale": "sv",
            "language": "sv",
            "client_message_id": "openapi-1",
            "topic": "waste-collection",
        }))
        .await;
    assert_eq!(status, 200, "{reply}");
    let response = &document["components"]["schemas"]["ChatResponse"];
    assert!(response.is_object(), "ChatResponse schema");
}
