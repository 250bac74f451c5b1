//! Cases from the municipality's systems: the integration API (keys, idempotency, bad
//! input), `import-cases` (bad rows reject the whole file), a new status told to the
//! resident exactly once, Telegram linking (one-time codes, expiry, unlinking from either
//! side) and notices to subscribers.

use std::process::Command;

use civic_assistant::channels::telegram::TelegramSettings;
use serde_json::{Value, json};

use crate::emulator::{BOT_USERNAME, Emulator};
use crate::helpers::{TestApp, chat_as, spawn_app, spawn_app_with};

const TOLVAN: &str = "19121212-1212";

/// A key made with the real `integration add-key` command.
fn add_key(app: &TestApp, system: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args([
            "integration",
            "add-key",
            "--system",
            system,
            "--database-url",
            &app.database_url,
        ])
        .output()
        .expect("run integration add-key");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let key = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(key.starts_with("cak_") && key.len() > 40, "{key}");
    key
}

async fn put_case(app: &TestApp, key: &str, path: &str, body: &Value) -> (u16, Value) {
    let response = app
        .client
        .put(app.url(&format!("/api/v1/integration/cases/{path}")))
        .bearer_auth(key)
        .json(body)
        .send()
        .await
        .expect("PUT");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

fn permit(status: &str) -> Value {
    json!({
        "personal_number": TOLVAN,
        "type": "building-permit",
        "status": status,
        "unit": "Bygglovsenheten",
        "next_step": { "sv": "Vänta på grannarnas svar.", "en": "Wait for the neighbours' answers." },
        "due_date": "2026-12-01",
    })
}

#[tokio::test]
async fn the_integration_api_is_idempotent_and_keyed_per_system() {
    let app = spawn_app().await;
    let key = add_key(&app, "procapita");

    // Without a key, with a wrong one, with another system's.
    let response = app
        .client
        .put(app.url("/api/v1/integration/cases/procapita/1"))
        .json(&permit("received"))
        .send()
        .await
        .expect("PUT");
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["error"]["code"], "unauthorized");
    let (status, body) = put_case(&app, "cak_wrong", "procapita/1", &permit("received")).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );
    let (status, body) = put_case(&app, &key, "ecos/1", &permit("received")).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("wrong_system"))
    );

    // Created, then the same report changes nothing, then a new status.
    let (status, body) = put_case(&app, &key, "procapita/BL-2026-1", &permit("received")).await;
    assert_eq!(
        (status, body["result"].as_str()),
        (201, Some("created")),
        "{body}"
    );
    let case_id = body["case_id"].clone();
    let (status, body) = put_case(&app, &key, "procapita/BL-2026-1", &permit("received")).await;
    assert_eq!(
        (status, body["result"].as_str()),
        (200, Some("unchanged")),
        "{body}"
    );
    assert_eq!(body["case_id"], case_id);
    let (status, body) = put_case(&app, &key, "procapita/BL-2026-1", &permit("in-progress")).await;
    assert_eq!(
        (status, body["result"].as_str()),
        (200, Some("status_changed")),
        "{body}"
    );
    let database = app.database().await;
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_status_history h JOIN cases c ON c.id = h.case_id WHERE c.external_id = 'BL-2026-1'")
        .fetch_one(&database)
        .await
        .expect("history");
    assert_eq!(history, 2);

    // Bad input: every field named, the number never repeated.
    let bad = json!({
        "personal_number": "19121212-1213",
        "type": "spaceship",
        "status": "flying",
        "unit": "",
        "due_date": "1 december",
    });
    let (status, body) = put_case(&app, &key, "procapita/2", &bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "invalid_case");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["personal_number", "type", "unit", "due_date"],
        "{body}"
    );
    assert!(!body.to_string().contains("1213"), "{body}");
    let (status, body) = put_case(
        &app,
        &key,
        "procapita/2",
        &json!({ "personal_number": 191212121212_i64, "type": "preschool", "status": "queued", "unit": "x" }),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("invalid_json")),
        "{body}"
    );
    assert!(!body.to_string().contains("191212121212"), "{body}");
    let (status, body) = put_case(
        &app,
        &key,
        "procapita/2",
        &json!({ "personal_number": TOLVAN, "type": "building-permit", "status": "queued", "unit": "x" }),
    )
    .await;
    assert_eq!(
        status, 422,
        "a preschool status on a building permit: {body}"
    );
    let response = app
        .client
        .put(app.url("/api/v1/integration/cases/procapita/3"))
        .bearer_auth(&key)
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .expect("PUT");
    assert_eq!(response.status(), 400);
}

/// A's conversation on Mina sidor, and the messages in it that tell of a new status.
async fn news_in(client: &reqwest::Client, app: &TestApp, conversation: &str) -> Vec<String> {
    let transcript: Value = client
        .get(app.url(&format!("/api/v1/conversations/{conversation}")))
        .send()
        .await
        .expect("transcript")
        .json()
        .await
        .expect("JSON");
    transcript["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str())
        .filter(|text| text.starts_with("Nytt i ditt ärende"))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn a_new_status_is_told_exactly_once() {
    let app = spawn_app().await;
    let key = add_key(&app, "procapita");
    let tolvan = app.demo_resident(0).await;
    let (_, reply) = chat_as(&tolvan, &app, json!({ "text": "hej" })).await;
    let conversation = reply["conversation_id"].as_str().expect("id").to_string();

    put_case(&app, &key, "procapita/9", &permit("received")).await;
    put_case(&app, &key, "procapita/9", &permit("received")).await;
    put_case(&app, &key, "procapita/9", &permit("neighbours-consulted")).await;
    put_case(&app, &key, "procapita/9", &permit("neighbours-consulted")).await;
    let news = news_in(&tolvan, &app, &conversation).await;
    assert_eq!(news.len(), 2, "{news:?}");
    assert!(
        news[1].contains("grannar") && news[1].contains("Vänta på grannarnas svar"),
        "{news:?}"
    );

    // Another resident's conversation hears nothing of it.
    let anna = app.demo_resident(1).await;
    let (_, reply) = chat_as(&anna, &app, json!({ "text": "hej" })).await;
    let other = reply["conversation_id"].as_str().expect("id").to_string();
    put_case(&app, &key, "procapita/9", &permit("approved")).await;
    assert_eq!(news_in(&tolvan, &app, &conversation).await.len(), 3);
    assert!(news_in(&anna, &app, &other).await.is_empty());
}

fn import(app: &TestApp, file: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args([
            "import-cases",
            "--system",
            "skola24",
            "--database-url",
            &app.database_url,
            "--data-dir",
        ])
        .arg(app._data_dir.path())
        .arg(file)
        .output()
        .expect("run import-cases")
}

#[tokio::test]
async fn an_import_with_a_bad_row_imports_nothing_and_names_the_lines() {
    let app = spawn_app().await;
    let tolvan = app.demo_resident(0).await;
    let (_, reply) = chat_as(&tolvan, &app, json!({ "text": "hej" })).await;
    let conversation = reply["conversation_id"].as_str().expect("id").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("cases.csv");
    std::fs::write(
        &csv,
        "external_id,personal_number,type,status,unit,next_step,due_date\n\
         S-1,19121212-1212,school-choice,received,Grundskolan,,\n\
         S-2,19121212-1299,school-choice,received,Grundskolan,,\n\
         S-3,19811218-9876,fritidshem,approved,Fritids Norrby,Börja måndag,2026-08-17\n\
         S-4,19811218-9876,fritidshem,flying,Fritids Norrby,,\n",
    )
    .expect("write");
    let output = import(&app, &csv);
    assert!(!output.status.success());
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("line 3: personal_number"), "{errors}");
    assert!(errors.contains("line 5: status"), "{errors}");
    assert!(errors.contains("nothing was imported"), "{errors}");
    assert!(
        !errors.contains("1299"),
        "the number is not repeated: {errors}"
    );
    let database = app.database().await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM cases WHERE source_system = 'skola24'")
            .fetch_one(&database)
            .await
            .expect("count")
    };
    assert_eq!(count().await, 0, "not even the good rows");

    // Fixed, it goes in whole; again, it changes nothing and tells nobody twice.
    std::fs::write(
        &csv,
        "external_id,personal_number,type,status,unit,next_step,due_date\n\
         S-1,19121212-1212,school-choice,received,Grundskolan,,\n\
         S-3,19811218-9876,fritidshem,approved,Fritids Norrby,Börja måndag,2026-08-17\n",
    )
    .expect("write");
    let output = import(&app, &csv);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(summary.contains("imported 2 cases: 2 new"), "{summary}");
    assert_eq!(count().await, 2);
    let output = import(&app, &csv);
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 unchanged"));
    assert_eq!(news_in(&tolvan, &app, &conversation).await.len(), 1);

    // JSON lines, with a status change for Tolvan.
    let jsonl = dir.path().join("cases.jsonl");
    std::fs::write(
        &jsonl,
        format!(
            "{}\n",
            json!({ "external_id": "S-1", "personal_number": "191212121212", "type": "school-choice", "status": "placed", "unit": "Grundskolan", "next_step": { "sv": "Svara senast fredag." } })
        ),
    )
    .expect("write");
    let output = import(&app, &jsonl);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let news = news_in(&tolvan, &app, &conversation).await;
    assert_eq!(news.len(), 2, "{news:?}");
    assert!(news[1].contains("skolplacering"), "{news:?}");
}

async fn telegram_app() -> (Emulator, TestApp) {
    let (emulator, api_url) = Emulator::start().await;
    let app = spawn_app_with(Some(TelegramSettings {
        token: "123:TEST".into(),
        api_url: Some(api_url),
        webhook: None,
    }))
    .await;
    app.client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("ready");
    (emulator, app)
}

/// "Connect Telegram" on the page: the code of the deep link it shows.
async fn link_code(app: &TestApp, resident: &reqwest::Client) -> String {
    let csrf = app.page_and_csrf(resident, "/mina-sidor").await.1;
    let html = resident
        .post(app.url("/mina-sidor/telegram"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("connect")
        .text()
        .await
        .expect("html");
    // Handlebars writes "=" as "&#x3D;" in text; the browser reads it back.
    let html = html.replace("&#x3D;", "=");
    let prefix = format!("https://t.me/{BOT_USERNAME}?start=link-");
    html.split(&prefix)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the deep link")
        .to_string()
}

#[tokio::test]
async fn telegram_is_linked_with_a_one_time_code_and_unlinked_from_either_side() {
    let (emulator, app) = telegram_app().await;
    let tolvan = app.demo_resident(0).await;
    let code = link_code(&app, &tolvan).await;

    // Not linked: the sign-in link, no case.
    emulator.message(70, "hur går det med min ansökan?", "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 1).await;
    assert!(!emulator.sent_to(70)[0].text.contains("Byggnadsnämnden"));

    emulator.message(70, &format!("/start link-{code}"), "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 2).await;
    assert!(
        emulator.sent_to(70)[1]
            .text
            .contains("kopplad till Mina sidor"),
        "{:?}",
        emulator.sent_to(70)
    );
    emulator.message(70, "när får jag besked om bygglovet?", "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 3).await;
    assert!(emulator.sent_to(70)[2].text.contains("Byggnadsnämnden"));
    // The code is not kept in the transcript.
    let database = app.database().await;
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE text LIKE $1")
        .bind(format!("%{code}%"))
        .fetch_one(&database)
        .await
        .expect("count");
    assert_eq!(kept, 0);

    // The same code again, from another chat: refused.
    emulator.message(71, &format!("/start link-{code}"), "sv");
    emulator.wait_until(|e| e.sent_to(71).len() == 1).await;
    assert!(emulator.sent_to(71)[0].text.contains("Koden fungerar inte"));
    // An expired code: refused.
    let expired = "expiredcode0123456789";
    sqlx::query("INSERT INTO telegram_link_codes (code_hash, municipality_id, resident_key, created_at, expires_at) VALUES ($1, 'exempelby', 'x', 0, 1)")
        .bind(civic_assistant::staff::accounts::token_hash(expired))
        .execute(&database)
        .await
        .expect("insert");
    emulator.message(72, &format!("/start link-{expired}"), "sv");
    emulator.wait_until(|e| e.sent_to(72).len() == 1).await;
    assert!(emulator.sent_to(72)[0].text.contains("Koden fungerar inte"));

    // A new status reaches the linked chat once.
    let key = add_key(&app, "procapita");
    put_case(&app, &key, "procapita/T-1", &permit("received")).await;
    put_case(&app, &key, "procapita/T-1", &permit("received")).await;
    emulator.wait_until(|e| e.sent_to(70).len() == 4).await;
    assert!(emulator.sent_to(70)[3].text.contains("Nytt i ditt ärende"));

    // /unlink in Telegram.
    emulator.message(70, "/unlink", "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 5).await;
    assert!(emulator.sent_to(70)[4].text.contains("bortkopplad"));
    emulator.message(70, "när får jag besked om bygglovet?", "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 6).await;
    assert!(!emulator.sent_to(70)[5].text.contains("Byggnadsnämnden"));

    // Linked again, then unlinked from the page.
    let code = link_code(&app, &tolvan).await;
    emulator.message(70, &format!("/start link-{code}"), "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 7).await;
    let page = tolvan
        .get(app.url("/mina-sidor"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Din Telegram är kopplad"));
    let csrf = crate::staff::hidden_csrf(&page);
    let html = tolvan
        .post(app.url("/mina-sidor/telegram/avlanka"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("unlink")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Telegram är bortkopplat"));
    emulator.message(70, "när får jag besked om bygglovet?", "sv");
    emulator.wait_until(|e| e.sent_to(70).len() == 8).await;
    assert!(!emulator.sent_to(70)[7].text.contains("Byggnadsnämnden"));
}

#[tokio::test]
async fn a_notice_reaches_the_subscribers_of_its_topic_and_district() {
    let (emulator, app) = telegram_app().await;
    let tolvan = app.demo_resident(0).await;
    let anna = app.demo_resident(1).await;
    for (resident, topic, district) in
        [(&tolvan, "water-streets", "Norrby"), (&anna, "culture", "")]
    {
        let csrf = app.page_and_csrf(resident, "/mina-sidor").await.1;
        resident
            .post(app.url("/mina-sidor/intressen"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("topic", topic),
                ("district", district),
            ])
            .send()
            .await
            .expect("save");
    }
    let code = link_code(&app, &tolvan).await;
    emulator.message(80, &format!("/start link-{code}"), "sv");
    emulator.wait_until(|e| e.sent_to(80).len() == 1).await;

    // An editor publishes to water and streets in Norrby.
    crate::staff::add_user(&app, "notice-editor", "editor");
    let staff = crate::staff::browser();
    crate::staff::sign_in(&app, &staff, "notice-editor", crate::staff::PASSWORD).await;
    let csrf = app.page_and_csrf(&staff, "/staff/notices").await.1;
    let html = staff
        .post(app.url("/staff/notices"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("topic", "water-streets"),
            ("district", "Norrby"),
            ("title_sv", "Vattenavstängning på Norrbygatan"),
            ("body_sv", "Vattnet stängs av tisdag 9–12."),
            ("title_en", "Water shut off on Norrbygatan"),
            ("body_en", "The water is off Tuesday 9–12."),
        ])
        .send()
        .await
        .expect("publish")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Notisen är publicerad"), "{html}");
    emulator.wait_until(|e| e.sent_to(80).len() == 2).await;
    assert!(emulator.sent_to(80)[1].text.contains("Vattenavstängning"));

    let tolvan_page = tolvan
        .get(app.url("/mina-sidor"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(tolvan_page.contains("Vattenavstängning på Norrbygatan"));
    let anna_page = anna
        .get(app.url("/mina-sidor"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(!anna_page.contains("Vattenavstängning"));
    let english = tolvan
        .get(app.url("/mina-sidor?lang=en"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(english.contains("Water shut off on Norrbygatan"));

    // Residents cannot publish.
    let response = tolvan
        .post(app.url("/staff/notices"))
        .form(&[
            ("csrf", "x"),
            ("topic", "culture"),
            ("title_sv", "x"),
            ("body_sv", "x"),
        ])
        .send()
        .await
        .expect("post");
    assert!(
        !response
            .text()
            .await
            .expect("html")
            .contains("Notisen är publicerad")
    );
}
