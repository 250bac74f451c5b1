//! A resident's data, exported and erased: one resident with rows in every table that can
//! hold their data, put there the way the service puts them (demo sign-in, the integration
//! API, the web chat, Telegram linking through the Bot API emulator, interests, a notice),
//! exported from Mina sidor and then erased — checked table by table in the database, with
//! another resident's rows left as they were — and the same by staff request, which takes
//! an admin, the CSRF token, and leaves an audit entry without the personnummer.

use std::collections::BTreeMap;

use civic_assistant::channels::telegram::TelegramSettings;
use serde_json::{Value, json};
use sqlx::{AnyPool, Row};

use crate::emulator::{BOT_USERNAME, Emulator};
use crate::helpers::{TestApp, chat_as, spawn_app, spawn_app_with};

const TOLVAN: &str = "19121212-1212";
const ANNA: &str = "19811218-9876";
/// The Telegram chat Tolvan links.
const TOLVAN_CHAT: i64 = 90;

/// The rows that belong to one resident, found before anything is erased: after the erasure
/// the links that lead to them are gone, so the rows are looked for by these ids.
struct Footprint {
    key: String,
    conversations: Vec<String>,
    cases: Vec<i64>,
    history: Vec<i64>,
    messages: Vec<i64>,
    volunteers: Vec<i64>,
}

async fn ids(db: &AnyPool, sql: &str, bind: &str) -> Vec<i64> {
    sqlx::query(sql)
        .bind(bind)
        .fetch_all(db)
        .await
        .expect("ids")
        .iter()
        .map(|row| row.get(0))
        .collect()
}

async fn footprint(db: &AnyPool, key: &str) -> Footprint {
    let conversations: Vec<String> =
        sqlx::query("SELECT conversation_id FROM resident_conversations WHERE resident_key = $1")
            .bind(key)
            .fetch_all(db)
            .await
            .expect("conversations")
            .iter()
            .map(|row| row.get(0))
            .collect();
    let mut messages = Vec::new();
    let mut volunteers = Vec::new();
    for conversation in &conversations {
        messages.extend(
            ids(
                db,
                "SELECT id FROM messages WHERE conversation_id = $1",
                conversation,
            )
            .await,
        );
        volunteers.extend(
            ids(
                db,
                "SELECT id FROM volunteer_profiles WHERE conversation_id = $1",
                conversation,
            )
            .await,
        );
    }
    Footprint {
        key: key.to_string(),
        cases: ids(db, "SELECT id FROM cases WHERE resident_key = $1", key).await,
        history: ids(
            db,
            "SELECT h.id FROM case_status_history h JOIN cases c ON c.id = h.case_id WHERE c.resident_key = $1",
            key,
        )
        .await,
        conversations,
        messages,
        volunteers,
    }
}

async fn count(db: &AnyPool, sql: &str, bind: Value) -> i64 {
    let query = sqlx::query(sql);
    let query = match bind {
        Value::String(text) => query.bind(text),
        other => query.bind(other.as_i64().expect("an id")),
    };
    query.fetch_one(db).await.expect("count").get(0)
}

/// How many rows of each table belong to the resident of `footprint`.
async fn rows_of(db: &AnyPool, footprint: &Footprint) -> BTreeMap<&'static str, i64> {
    let mut rows = BTreeMap::new();
    let key = json!(footprint.key);
    for table in [
        "residents",
        "resident_sessions",
        "telegram_link_codes",
        "resident_interests",
        "cases",
        "resident_conversations",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE resident_key = $1");
        rows.insert(table, count(db, &sql, key.clone()).await);
    }
    let mut add = |table: &'static str, n: i64| *rows.entry(table).or_insert(0) += n;
    for conversation in &footprint.conversations {
        for (table, column) in [
            ("conversations", "id"),
            ("messages", "conversation_id"),
            ("decisions", "conversation_id"),
            ("feedback", "conversation_id"),
            ("unanswered", "conversation_id"),
            ("handoffs", "conversation_id"),
            ("telegram_chats", "conversation_id"),
            ("notice_deliveries", "conversation_id"),
            ("volunteer_profiles", "conversation_id"),
        ] {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
            let n = count(db, &sql, json!(conversation)).await;
            add(table, n);
        }
    }
    for (ids, table, column) in [
        (&footprint.cases, "case_status_history", "case_id"),
        (&footprint.history, "case_notifications", "history_id"),
        (&footprint.messages, "outbox", "message_id"),
        (&footprint.volunteers, "volunteer_interests", "volunteer_id"),
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
        for id in ids {
            let n = count(db, &sql, json!(id)).await;
            add(table, n);
        }
    }
    rows
}

async fn key_of_case(db: &AnyPool, external_id: &str) -> String {
    sqlx::query("SELECT resident_key FROM cases WHERE external_id = $1")
        .bind(external_id)
        .fetch_one(db)
        .await
        .expect("the demo case")
        .get(0)
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    client
        .get(app.url(path))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html")
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

/// "Connect Telegram" on the page: the code of the deep link it shows.
async fn link_code(app: &TestApp, resident: &reqwest::Client) -> String {
    let csrf = crate::staff::hidden_csrf(&page(resident, app, "/mina-sidor").await);
    let html = resident
        .post(app.url("/mina-sidor/telegram"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("connect")
        .text()
        .await
        .expect("html")
        .replace("&#x3D;", "=");
    let prefix = format!("https://t.me/{BOT_USERNAME}?start=link-");
    html.split(&prefix)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the deep link")
        .to_string()
}

/// A key for the integration API, made with the real command.
fn integration_key(app: &TestApp) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args(["integration", "add-key", "--system", "procapita"])
        .args(["--database-url", &app.database_url])
        .output()
        .expect("run integration add-key");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

async fn put_case(app: &TestApp, key: &str, external_id: &str, number: &str, status: &str) {
    let response = app
        .client
        .put(app.url(&format!(
            "/api/v1/integration/cases/procapita/{external_id}"
        )))
        .bearer_auth(key)
        .json(&json!({
            "personal_number": number,
            "type": "building-permit",
            "status": status,
            "unit": "Bygglovsenheten",
        }))
        .send()
        .await
        .expect("PUT");
    assert!(response.status().is_success(), "{}", response.status());
}

async fn save_interests(app: &TestApp, resident: &reqwest::Client, topic: &str, district: &str) {
    let csrf = crate::staff::hidden_csrf(&page(resident, app, "/mina-sidor").await);
    let response = resident
        .post(app.url("/mina-sidor/intressen"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("topic", topic),
            ("district", district),
        ])
        .send()
        .await
        .expect("save");
    assert_eq!(response.status(), 200);
}

/// What Tolvan writes in the web chat: found in the export, gone after the erasure.
const TOLVAN_SAYS: &str = "Mitt ärende gäller friggeboden på Zebulongatan";
const ANNA_SAYS: &str = "Jag undrar över Quenyavägen";

#[tokio::test]
async fn the_export_holds_all_of_a_residents_data_and_erasure_leaves_none() {
    let (emulator, api_url) = Emulator::start().await;
    let app = spawn_app_with(Some(TelegramSettings {
        token: "123:TEST".into(),
        api_url: Some(api_url),
        webhook: None,
    }))
    .await;
    let tolvan = app.demo_resident(0).await;
    let anna = app.demo_resident(1).await;
    let db = app.database().await;

    // Interests, a web conversation with a question the assistant cannot answer (the review
    // queue), a thumbs up, and a request for a person (a handoff).
    save_interests(&app, &tolvan, "water-streets", "Norrby").await;
    save_interests(&app, &anna, "water-streets", "Norrby").await;
    let reply = say(&tolvan, &app, None, TOLVAN_SAYS).await;
    let web = reply["conversation_id"].as_str().expect("id").to_string();
    say(&tolvan, &app, Some(&web), "qwxz plorf zzyzx").await;
    let reply = say(&tolvan, &app, Some(&web), "när töms soporna?").await;
    let response = tolvan
        .post(app.url("/api/v1/feedback"))
        .json(&json!({ "conversation_id": web, "message_id": reply["message_id"], "rating": "up" }))
        .send()
        .await
        .expect("feedback");
    assert_eq!(response.status(), 204);
    say(&tolvan, &app, Some(&web), "jag vill prata med en människa").await;
    let anna_reply = say(&anna, &app, None, ANNA_SAYS).await;
    assert!(anna_reply["conversation_id"].is_string());

    // Telegram linked with one code; a second code left unused.
    let code = link_code(&app, &tolvan).await;
    emulator.message(TOLVAN_CHAT, &format!("/start link-{code}"), "sv");
    emulator
        .wait_until(|e| e.sent_to(TOLVAN_CHAT).len() == 1)
        .await;
    link_code(&app, &tolvan).await;

    // A case through the integration API with two statuses: both told in both chats.
    let key = integration_key(&app);
    put_case(&app, &key, "P-1", TOLVAN, "received").await;
    emulator
        .wait_until(|e| e.sent_to(TOLVAN_CHAT).len() == 2)
        .await;
    put_case(&app, &key, "P-1", TOLVAN, "in-progress").await;
    emulator
        .wait_until(|e| e.sent_to(TOLVAN_CHAT).len() == 3)
        .await;
    put_case(&app, &key, "P-2", ANNA, "received").await;

    // A notice to water and streets in Norrby reaches both residents.
    crate::staff::add_user(&app, "privacy-editor", "editor");
    let staff = crate::staff::browser();
    crate::staff::sign_in(&app, &staff, "privacy-editor", crate::staff::PASSWORD).await;
    let csrf = crate::staff::hidden_csrf(&page(&staff, &app, "/staff/notices").await);
    let response = staff
        .post(app.url("/staff/notices"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("topic", "water-streets"),
            ("district", "Norrby"),
            ("title_sv", "Vattenavstängning"),
            ("body_sv", "Vattnet stängs av tisdag 9–12."),
        ])
        .send()
        .await
        .expect("publish");
    assert_eq!(response.status(), 200);
    emulator
        .wait_until(|e| e.sent_to(TOLVAN_CHAT).len() == 4)
        .await;

    // A volunteer profile made in Tolvan's web chat, with an interest in a need. The chat
    // flow that makes these is tested in `volunteering`; here only the rows matter.
    let need: i64 = sqlx::query(
        "INSERT INTO volunteer_needs (municipality_id, need, status, contact, created_at, updated_at) \
         VALUES ('exempelby', '{}', 'open', 'Samordnaren', 0, 0) RETURNING id",
    )
    .fetch_one(&db)
    .await
    .expect("need")
    .get(0);
    let volunteer: i64 = sqlx::query(
        "INSERT INTO volunteer_profiles (municipality_id, conversation_id, channel, language, profile, consent_at, created_at, updated_at) \
         VALUES ('exempelby', $1, 'web', 'sv', '{\"skills\":[\"läxhjälp\"]}', 1, 1, 1) RETURNING id",
    )
    .bind(&web)
    .fetch_one(&db)
    .await
    .expect("profile")
    .get(0);
    sqlx::query(
        "INSERT INTO volunteer_interests (municipality_id, need_id, volunteer_id, status, reasons, created_at) \
         VALUES ('exempelby', $1, $2, 'pending', '[]', 1)",
    )
    .bind(need)
    .bind(volunteer)
    .execute(&db)
    .await
    .expect("interest");

    let tolvan_key = key_of_case(&db, "demo-1").await;
    let anna_key = key_of_case(&db, "demo-3").await;
    let tolvan_rows = footprint(&db, &tolvan_key).await;
    let anna_rows = footprint(&db, &anna_key).await;
    let before = rows_of(&db, &tolvan_rows).await;
    for (table, rows) in &before {
        assert!(*rows > 0, "Tolvan has rows in {table}: {before:?}");
    }
    assert_eq!(before.len(), 19, "every table is looked at: {before:?}");
    let anna_before = rows_of(&db, &anna_rows).await;

    // Signed out: no export. A wrong token: none either.
    let signed_out = crate::staff::browser()
        .post(app.url("/mina-sidor/mina-uppgifter"))
        .form(&[("csrf", "x")])
        .send()
        .await
        .expect("export");
    assert!(
        signed_out.status().is_redirection(),
        "{}",
        signed_out.status()
    );
    let response = tolvan
        .post(app.url("/mina-sidor/mina-uppgifter"))
        .form(&[("csrf", "wrong")])
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), 403);

    // The export: a JSON attachment that is never cached.
    let html = page(&tolvan, &app, "/mina-sidor").await;
    assert!(html.contains("Ladda ner mina uppgifter"), "{html}");
    let csrf = crate::staff::hidden_csrf(&html);
    let response = tolvan
        .post(app.url("/mina-sidor/mina-uppgifter"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(header("content-type"), "application/json");
    assert!(header("content-disposition").starts_with("attachment; filename=\"mina-uppgifter-"));
    assert_eq!(header("cache-control"), "no-store");
    let text = response.text().await.expect("body");
    let export: Value = serde_json::from_str(&text).expect("JSON");

    // Each kind of data is there.
    assert_eq!(export["resident_key"], tolvan_key);
    assert_eq!(export["resident"]["language"], "sv", "{export:#}");
    let external: Vec<&str> = export["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|case| case["external_id"].as_str())
        .collect();
    assert_eq!(external.len(), 3, "{external:?}");
    for id in ["demo-1", "demo-2", "P-1"] {
        assert!(external.contains(&id), "{external:?}");
    }
    let permit = export["cases"]
        .as_array()
        .and_then(|cases| cases.iter().find(|case| case["external_id"] == "P-1"))
        .expect("P-1");
    assert_eq!(
        permit["history"].as_array().map(Vec::len),
        Some(2),
        "{permit}"
    );
    assert!(
        permit["notifications"]
            .as_array()
            .is_some_and(|n| n.len() >= 2),
        "{permit}"
    );
    assert_eq!(export["interests"][0]["topic"], "water-streets");
    assert_eq!(export["interests"][0]["district"], "Norrby");
    let conversations = export["conversations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(conversations.len(), 2, "web and Telegram");
    let web_export = conversations
        .iter()
        .find(|c| c["id"] == web.as_str())
        .expect("the web conversation");
    let texts: Vec<&str> = web_export["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert!(texts.contains(&TOLVAN_SAYS), "{texts:?}");
    assert!(
        web_export["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|m| m["feedback"] == "up" && m["decision"]["decision"].is_string()),
        "{web_export}"
    );
    assert!(
        web_export["review_queue"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|entry| entry["text"] == "qwxz plorf zzyzx"),
        "{web_export}"
    );
    assert!(web_export["handoff"]["status"].is_string(), "{web_export}");
    assert_eq!(
        web_export["volunteer_profile"]["profile"]["skills"][0],
        "läxhjälp"
    );
    assert_eq!(
        web_export["volunteer_profile"]["interests"][0]["status"],
        "pending"
    );
    assert!(
        conversations
            .iter()
            .any(|c| !c["notices_delivered"].as_array().is_none_or(Vec::is_empty)),
        "a notice delivered"
    );
    assert_eq!(export["telegram_links"][0]["chat_id"], TOLVAN_CHAT);
    assert_eq!(export["link_codes"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        export["link_codes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|code| code["used_at"].is_i64())
            .count(),
        1
    );
    assert!(
        export["sessions"]["count"].as_i64() >= Some(1),
        "{export:#}"
    );

    // Nothing that is not Tolvan's, and no number or secret.
    for absent in [
        "191212121212",
        TOLVAN,
        "121212-1212",
        ANNA_SAYS,
        "Bostadsanpassning",
        "P-2",
        anna_key.as_str(),
        csrf.as_str(),
        code.as_str(),
    ] {
        assert!(!text.contains(absent), "the export holds {absent:?}");
    }

    // Erasing: a confirmation page first; without the box ticked nothing goes.
    let confirm = page(&tolvan, &app, "/mina-sidor/radera").await;
    assert!(confirm.contains(r#"id="erase-confirm""#), "{confirm}");
    let response = tolvan
        .post(app.url("/mina-sidor/radera"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("erase");
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("html")
            .contains("Ingenting har raderats")
    );
    assert_eq!(rows_of(&db, &tolvan_rows).await, before);

    let response = tolvan
        .post(app.url("/mina-sidor/radera"))
        .form(&[("csrf", csrf.as_str()), ("confirm", "yes")])
        .send()
        .await
        .expect("erase");
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(html.contains("Dina uppgifter är raderade"), "{html}");
    assert!(html.contains("<dt>Ärenden</dt><dd>3</dd>"), "{html}");

    // Table by table: nothing of Tolvan's; Anna's rows as they were.
    let after = rows_of(&db, &tolvan_rows).await;
    for (table, rows) in &after {
        assert_eq!(*rows, 0, "Tolvan's rows left in {table}: {after:?}");
    }
    assert_eq!(rows_of(&db, &anna_rows).await, anna_before);
    let anything: i64 =
        sqlx::query("SELECT COUNT(*) FROM messages WHERE text LIKE '%Zebulongatan%'")
            .fetch_one(&db)
            .await
            .expect("count")
            .get(0);
    assert_eq!(anything, 0);

    // Signed out: the session ended with the data.
    let html = page(&tolvan, &app, "/mina-sidor").await;
    assert!(html.contains("Logga in"), "{html}");
    let response = tolvan
        .post(app.url("/mina-sidor/mina-uppgifter"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("export");
    assert!(
        !response
            .headers()
            .get("content-type")
            .is_some_and(|value| value.as_bytes().starts_with(b"application/json"))
    );

    // The erasure is on record, by the key's short form only.
    let audit = sqlx::query(
        "SELECT action, subject, detail FROM audit_log WHERE action = 'resident.erase-own'",
    )
    .fetch_all(&db)
    .await
    .expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].get::<String, _>(1), tolvan_key[..8]);
    assert!(!audit[0].get::<String, _>(2).contains(&tolvan_key));

    // Telegram keeps working for the chat, linked to nobody now.
    emulator.message(TOLVAN_CHAT, "när får jag besked om bygglovet?", "sv");
    emulator
        .wait_until(|e| e.sent_to(TOLVAN_CHAT).len() == 5)
        .await;
    assert!(
        !emulator.sent_to(TOLVAN_CHAT)[4]
            .text
            .contains("Bygglovsenheten")
    );
}

#[tokio::test]
async fn staff_export_and_erase_by_request_take_an_admin_and_are_audited_without_the_number() {
    let app = spawn_app().await;
    let anna = app.demo_resident(1).await;
    say(&anna, &app, None, ANNA_SAYS).await;
    let db = app.database().await;
    let anna_key = key_of_case(&db, "demo-3").await;
    let tolvan_key = key_of_case(&db, "demo-1").await;

    crate::staff::add_user(&app, "privacy-admin", "admin");
    crate::staff::add_user(&app, "privacy-agent", "agent");
    let admin = crate::staff::browser();
    crate::staff::sign_in(&app, &admin, "privacy-admin", crate::staff::PASSWORD).await;
    let agent = crate::staff::browser();
    crate::staff::sign_in(&app, &agent, "privacy-agent", crate::staff::PASSWORD).await;

    // An agent neither sees the page nor its link, nor may post to it.
    let response = agent
        .get(app.url("/staff/privacy"))
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 403);
    let agent_csrf = crate::staff::hidden_csrf(&page(&agent, &app, "/staff").await);
    assert!(
        !page(&agent, &app, "/staff")
            .await
            .contains("/staff/privacy")
    );
    for path in ["/staff/privacy/export", "/staff/privacy/erase"] {
        let response = agent
            .post(app.url(path))
            .form(&[
                ("csrf", agent_csrf.as_str()),
                ("personal_number", ANNA),
                ("confirm", "yes"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "{path}");
    }
    // A resident is sent to the staff sign-in.
    let response = crate::staff::browser()
        .post(app.url("/staff/privacy/erase"))
        .form(&[("personal_number", ANNA), ("confirm", "yes")])
        .send()
        .await
        .expect("post");
    assert!(response.status().is_redirection());

    // An admin: the link, the page, and the token is required.
    let dashboard = page(&admin, &app, "/staff").await;
    assert!(
        dashboard.contains(r#"href="/staff/privacy?lang=sv""#),
        "{dashboard}"
    );
    let html = page(&admin, &app, "/staff/privacy").await;
    assert!(html.contains(r#"<label for="export-number">"#), "{html}");
    let csrf = crate::staff::hidden_csrf(&html);
    for path in ["/staff/privacy/export", "/staff/privacy/erase"] {
        let response = admin
            .post(app.url(path))
            .form(&[
                ("csrf", "wrong"),
                ("personal_number", ANNA),
                ("confirm", "yes"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "{path}");
    }

    // A number that fails the check is said so, and not repeated.
    let response = admin
        .post(app.url("/staff/privacy/export"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("personal_number", "19811218-9877"),
        ])
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("html");
    assert!(html.contains("inte ett giltigt personnummer"), "{html}");
    assert!(!html.contains("9877"), "{html}");

    // The export: Anna's data, none of Tolvan's.
    let response = admin
        .post(app.url("/staff/privacy/export"))
        .form(&[("csrf", csrf.as_str()), ("personal_number", ANNA)])
        .send()
        .await
        .expect("export");
    assert_eq!(response.status(), 200);
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("attachment;"))
    );
    let text = response.text().await.expect("body");
    let export: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(export["cases"][0]["external_id"], "demo-3");
    assert!(text.contains(ANNA_SAYS));
    for absent in ["Byggnadsnämnden", "198112189876", ANNA, tolvan_key.as_str()] {
        assert!(!text.contains(absent), "the export holds {absent:?}");
    }

    // Erasure: the box must be ticked; then Anna's rows go and Tolvan's stay.
    let response = admin
        .post(app.url("/staff/privacy/erase"))
        .form(&[("csrf", csrf.as_str()), ("personal_number", ANNA)])
        .send()
        .await
        .expect("erase");
    assert_eq!(response.status(), 422);
    let anna_rows = footprint(&db, &anna_key).await;
    assert!(rows_of(&db, &anna_rows).await["cases"] > 0);
    let response = admin
        .post(app.url("/staff/privacy/erase"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("personal_number", ANNA),
            ("confirm", "yes"),
        ])
        .send()
        .await
        .expect("erase");
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(html.contains("Invånarens uppgifter är raderade"), "{html}");
    assert!(html.contains("<td>cases</td><td>1</td>"), "{html}");
    let after = rows_of(&db, &anna_rows).await;
    for (table, rows) in &after {
        assert_eq!(*rows, 0, "Anna's rows left in {table}: {after:?}");
    }
    let tolvan_cases: i64 = sqlx::query("SELECT COUNT(*) FROM cases WHERE resident_key = $1")
        .bind(&tolvan_key)
        .fetch_one(&db)
        .await
        .expect("count")
        .get(0);
    assert_eq!(tolvan_cases, 2);
    // Anna's session ended with her data.
    assert!(page(&anna, &app, "/mina-sidor").await.contains("Logga in"));
    // Erasing again finds nothing, and says so.
    let response = admin
        .post(app.url("/staff/privacy/erase"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("personal_number", ANNA),
            ("confirm", "yes"),
        ])
        .send()
        .await
        .expect("erase");
    assert!(
        response
            .text()
            .await
            .expect("html")
            .contains("inga sparade uppgifter")
    );

    // The audit log: each export and erasure by the admin, none with the number or the key.
    let rows = sqlx::query(
        "SELECT action, subject, detail, user_id FROM audit_log WHERE action LIKE 'resident.%' ORDER BY id",
    )
    .fetch_all(&db)
    .await
    .expect("audit");
    let actions: Vec<String> = rows.iter().map(|row| row.get(0)).collect();
    assert_eq!(
        actions,
        ["resident.export", "resident.erase", "resident.erase"]
    );
    for row in &rows {
        let line = format!(
            "{} {} {}",
            row.get::<String, _>(0),
            row.get::<String, _>(1),
            row.get::<String, _>(2)
        );
        assert_eq!(row.get::<String, _>(1), anna_key[..8]);
        assert!(row.get::<Option<i64>, _>(3).is_some());
        for absent in ["9876", "811218", anna_key.as_str()] {
            assert!(!line.contains(absent), "{line}");
        }
    }
}
