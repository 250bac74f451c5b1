//! Rate limits per client address, per conversation and per Telegram chat, and the request
//! timeout: over a limit the caller gets 429 with `Retry-After` and a message in its
//! language (in Telegram: one polite reply), while other clients carry on.
//!
//! The limits here allow one or two requests a minute, so no allowance comes back while a
//! test runs: nothing depends on how fast the machine is.

use civic_assistant::channels::telegram::TelegramSettings;
use civic_assistant::config::Overrides;
use reqwest::header::RETRY_AFTER;
use serde_json::{Value, json};
use sqlx::Row;

use crate::emulator::Emulator;
use crate::helpers::{TestApp, spawn_app_configured};

/// POSTs a question as the client `address` (through the trusted proxy the test plays).
async fn ask_as(app: &TestApp, address: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/chat"))
        .header("x-forwarded-for", address)
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .expect("request")
}

/// The status, the `Retry-After` seconds and the JSON error of a refused request.
async fn refusal(response: reqwest::Response) -> (u16, u64, String, String) {
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    let body: Value = response.json().await.expect("a JSON error");
    let field = |name: &str| body["error"][name].as_str().unwrap_or_default().to_string();
    (status, retry_after, field("code"), field("message"))
}

#[tokio::test]
async fn a_client_address_over_its_limit_gets_429_and_other_addresses_do_not() {
    let app = spawn_app_configured(
        None,
        Overrides {
            requests_per_minute_per_ip: Some(2),
            // The test is the proxy: it names the client in X-Forwarded-For.
            trusted_proxies: Some(vec!["127.0.0.1/32".parse().expect("a network")]),
            ..Overrides::default()
        },
    )
    .await;
    for _ in 0..2 {
        let response = ask_as(&app, "203.0.113.1", json!({ "text": "hej" })).await;
        assert_eq!(response.status(), 200);
    }
    let (status, retry_after, code, message) =
        refusal(ask_as(&app, "203.0.113.1", json!({ "text": "hej" })).await).await;
    assert_eq!((status, code.as_str()), (429, "too_many_requests"));
    // One request comes back every 30 s at two a minute.
    assert!(
        (1..=30).contains(&retry_after),
        "Retry-After: {retry_after}"
    );
    assert_eq!(
        message,
        format!(
            "Too many messages in a short time. Please wait {retry_after} seconds and try again."
        )
    );
    // Other addresses, and the pages outside the API, are not affected.
    let other = ask_as(&app, "203.0.113.2", json!({ "text": "hej" })).await;
    assert_eq!(other.status(), 200);
    let page = app.client.get(app.url("/")).send().await.expect("page");
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn without_trusted_proxies_a_forged_forwarded_address_does_not_escape_the_limit() {
    let app = spawn_app_configured(
        None,
        Overrides {
            requests_per_minute_per_ip: Some(2),
            ..Overrides::default()
        },
    )
    .await;
    for forged in ["203.0.113.1", "203.0.113.2"] {
        let response = ask_as(&app, forged, json!({ "text": "hej" })).await;
        assert_eq!(response.status(), 200);
    }
    let (status, _, code, _) =
        refusal(ask_as(&app, "203.0.113.3", json!({ "text": "hej" })).await).await;
    assert_eq!((status, code.as_str()), (429, "too_many_requests"));
}

#[tokio::test]
async fn a_conversation_over_its_limit_gets_429_and_other_conversations_do_not() {
    let app = spawn_app_configured(
        None,
        Overrides {
            messages_per_minute_per_conversation: Some(2),
            ..Overrides::default()
        },
    )
    .await;
    // A conversation's first message starts it and counts only against the address.
    let first = app.say(None, "hej").await;
    let id = first["conversation_id"].as_str().expect("id").to_string();
    for _ in 0..2 {
        app.say(Some(&id), "när töms soporna?").await;
    }
    let response = app
        .client
        .post(app.url("/api/v1/chat"))
        .json(&json!({ "text": "och nu?", "conversation_id": id }))
        .send()
        .await
        .expect("request");
    let (status, retry_after, code, message) = refusal(response).await;
    assert_eq!((status, code.as_str()), (429, "too_many_requests"));
    assert!(
        (1..=30).contains(&retry_after),
        "Retry-After: {retry_after}"
    );
    // In the default language (Swedish) without Accept-Language.
    assert!(message.starts_with("För många meddelanden"), "{message}");

    let other = app.say(None, "hej").await;
    let other_id = other["conversation_id"].as_str().expect("id");
    app.say(Some(other_id), "när töms soporna?").await;
    // The refused message was not stored: the transcript has the six stored ones.
    let db = app.database().await;
    let stored: i64 = sqlx::query("SELECT COUNT(*) FROM messages WHERE conversation_id = $1")
        .bind(&id)
        .fetch_one(&db)
        .await
        .expect("count")
        .get(0);
    assert_eq!(stored, 6);
}

#[tokio::test]
async fn a_telegram_chat_over_its_limit_is_told_once_and_other_chats_are_answered() {
    let (emulator, api_url) = Emulator::start().await;
    let app = spawn_app_configured(
        Some(TelegramSettings {
            token: "123:TEST".into(),
            api_url: Some(api_url),
            webhook: None,
        }),
        Overrides {
            messages_per_minute_per_telegram_chat: Some(1),
            ..Overrides::default()
        },
    )
    .await;
    for text in ["when is my bin emptied?", "hello?", "hello??", "hello???"] {
        emulator.message(1, text, "en");
    }
    emulator.message(2, "when is my bin emptied?", "en");
    // Updates are handled in order, so once chat 2 is answered every message of chat 1 has
    // been handled and whatever it gets is in the outbox.
    emulator
        .wait_until(|e| e.sent_to(2).len() == 1 && e.sent_to(1).len() == 2)
        .await;
    let db = app.database().await;
    let queued: i64 = sqlx::query("SELECT COUNT(*) FROM outbox WHERE chat_id = 1")
        .fetch_one(&db)
        .await
        .expect("count")
        .get(0);
    assert_eq!(queued, 2, "one answer and one notice for chat 1");
    let sent = emulator.sent_to(1);
    assert!(sent[0].text.contains("bin"), "{}", sent[0].text);
    assert_eq!(
        sent[1].text,
        "You are sending messages faster than I can answer. Please wait a minute and then write again."
    );
    // The refused messages were not stored: chat 1's conversation has one exchange.
    let stored: i64 = sqlx::query(
        "SELECT COUNT(*) FROM messages m JOIN telegram_chats t ON t.conversation_id = m.conversation_id \
         WHERE t.chat_id = 1",
    )
    .fetch_one(&db)
    .await
    .expect("count")
    .get(0);
    assert_eq!(stored, 2);
}

#[tokio::test]
async fn a_request_past_its_deadline_gets_503_timeout_in_the_callers_language() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt as _;

    let (app, _data_dir) = crate::helpers::app_value(Overrides {
        request_timeout_seconds: Some(1),
        ..Overrides::default()
    })
    .await;
    let slow = axum::Router::new().route(
        "/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }),
    );
    let router = civic_assistant::channels::web::router(app, slow);
    // Virtual time: the hour-long handler and the one-second deadline cost no real time.
    tokio::time::pause();
    let response = router
        .oneshot(
            Request::get("/slow")
                .header("accept-language", "en")
                .body(Body::empty())
                .expect("a request"),
        )
        .await
        .expect("a response");
    assert_eq!(response.status(), 503);
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .expect("body");
    let body: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(body["error"]["code"], "timeout");
    assert_eq!(
        body["error"]["message"],
        "The answer took too long. Please try again in a moment."
    );
}
