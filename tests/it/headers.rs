//! Security headers over HTTP: each page's Content-Security-Policy and who may frame it,
//! nosniff and Referrer-Policy everywhere, no-store on answers, HSTS only when configured.

use civic_assistant::config::Overrides;
use reqwest::Response;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_configured};

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

/// The headers every response carries.
fn assert_common(response: &Response) {
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(header(response, "referrer-policy"), "same-origin");
    assert_eq!(header(response, "strict-transport-security"), "");
}

#[tokio::test]
async fn the_demo_page_loads_no_inline_script_and_is_framed_only_by_the_municipality() {
    let app = spawn_app().await;
    let page = app.client.get(app.url("/")).send().await.expect("page");
    assert_eq!(page.status(), 200);
    assert_common(&page);
    let policy = header(&page, "content-security-policy");
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find(|directive| directive.starts_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(directive("script-src"), "script-src 'self'");
    assert_eq!(directive("object-src"), "object-src 'none'");
    // The example municipality's site (`[web] allowed_origins`) may frame it.
    assert_eq!(
        directive("frame-ancestors"),
        "frame-ancestors 'self' https://www.exempelby.example"
    );
    // The page itself keeps to the policy: its one script is the widget from here.
    let html = page.text().await.expect("HTML");
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains(r#"<script src="/widget.js""#));
}

#[tokio::test]
async fn staff_pages_allow_no_script_no_framing_and_no_caching() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(app.url("/staff/login"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert_common(&page);
    let policy = header(&page, "content-security-policy");
    assert!(policy.contains("script-src 'none'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(header(&page, "cache-control"), "no-store");
    // The stylesheet is not personal and may be cached as the page says.
    let css = app
        .client
        .get(app.url("/staff/assets/staff.css"))
        .send()
        .await
        .expect("stylesheet");
    assert_common(&css);
    assert_ne!(header(&css, "cache-control"), "no-store");
}

#[tokio::test]
async fn answers_and_transcripts_are_never_stored_by_a_cache() {
    let app = spawn_app().await;
    let chat = app
        .client
        .post(app.url("/api/v1/chat"))
        .json(&json!({ "text": "hej" }))
        .send()
        .await
        .expect("chat");
    assert_common(&chat);
    assert_eq!(header(&chat, "cache-control"), "no-store");
    assert_eq!(header(&chat, "content-security-policy"), "");
    let reply: serde_json::Value = chat.json().await.expect("JSON");
    let id = reply["conversation_id"].as_str().expect("id");
    let transcript = app
        .client
        .get(app.url(&format!("/api/v1/conversations/{id}")))
        .send()
        .await
        .expect("transcript");
    assert_eq!(header(&transcript, "cache-control"), "no-store");
    // Errors too: they may echo what was sent.
    let error = app
        .client
        .post(app.url("/api/v1/chat"))
        .json(&json!({ "text": "" }))
        .send()
        .await
        .expect("error");
    assert_eq!(error.status(), 422);
    assert_eq!(header(&error, "cache-control"), "no-store");
    // The widget script is public and cached briefly.
    let script = app
        .client
        .get(app.url("/widget.js"))
        .send()
        .await
        .expect("script");
    assert_common(&script);
    assert_eq!(header(&script, "cache-control"), "public, max-age=300");
}

#[tokio::test]
async fn hsts_is_sent_when_the_service_is_configured_behind_tls_and_only_then() {
    let plain = spawn_app().await;
    // A forwarded protocol header alone does not switch it on: the configuration decides.
    let response = plain
        .client
        .get(plain.url("/"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("page");
    assert_eq!(header(&response, "strict-transport-security"), "");

    let behind_tls = spawn_app_configured(
        None,
        Overrides {
            behind_tls: Some(true),
            ..Overrides::default()
        },
    )
    .await;
    for path in ["/", "/healthz", "/staff/login"] {
        let response = behind_tls
            .client
            .get(behind_tls.url(path))
            .send()
            .await
            .expect("response");
        assert_eq!(
            header(&response, "strict-transport-security"),
            "max-age=31536000",
            "{path}"
        );
    }
}
