//! The staff pages over HTTP: sign-in, roles, CSRF, back-off, inert resident text, the audit
//! log, and the loop from an unanswered question to an answered one without a restart.

use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::redirect::Policy;
use sqlx::Row;

use crate::emulator::Emulator;
use crate::helpers::{TestApp, spawn_app, spawn_app_with};

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates an account with the real `staff add-user` command.
pub fn add_user(app: &TestApp, username: &str, role: &str) {
    add_account(&app.database_url, username, &[role], None);
}

/// `staff add-user` on `database_url` with `roles`, for `municipality` (a tenant) or the
/// default. Beside a running service on SQLite the command can find the database locked for
/// a moment; an operator would run it again, and so does this.
pub fn add_account(database_url: &str, username: &str, roles: &[&str], municipality: Option<&str>) {
    let mut last_error = String::new();
    for _ in 0..5 {
        let mut command = Command::new(env!("CARGO_BIN_EXE_civic-assistant"));
        command.args([
            "staff",
            "add-user",
            "--username",
            username,
            "--database-url",
            database_url,
        ]);
        for role in roles {
            command.args(["--role", role]);
        }
        if let Some(id) = municipality {
            command.args(["--municipality", id]);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run staff add-user");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .expect("write the password");
        let output = child.wait_with_output().expect("staff add-user");
        if output.status.success() {
            return;
        }
        last_error = String::from_utf8_lossy(&output.stderr).to_string();
        if !last_error.contains("database is locked") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    panic!("{last_error}");
}

/// A browser-like client: keeps cookies, follows no redirects.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

pub fn hidden_csrf(html: &str) -> String {
    html.split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string()
}

pub async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let form = client
        .get(app.url("/staff/login"))
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("html");
    client
        .post(app.url("/staff/login"))
        .form(&[
            ("username", username),
            ("password", password),
            ("csrf", &hidden_csrf(&form)),
        ])
        .send()
        .await
        .expect("sign in")
}

#[tokio::test]
async fn nobody_signed_out_can_open_anything() {
    let app = spawn_app().await;
    let client = browser();
    for path in ["/staff", "/staff/review"] {
        let response = client.get(app.url(path)).send().await.expect("page");
        assert!(
            response.status().is_redirection(),
            "{path}: {}",
            response.status()
        );
        assert_eq!(response.headers()["location"], "/staff/login");
    }
    let response = client
        .post(app.url("/staff/review/1/dismiss"))
        .form(&[("csrf", "x")])
        .send()
        .await
        .expect("post");
    assert!(response.status().is_redirection());
}

#[tokio::test]
async fn roles_are_enforced_and_forms_need_the_csrf_token() {
    let app = spawn_app().await;
    add_user(&app, "agneta", "agent");
    add_user(&app, "erik", "editor");
    let agent = browser();
    let signed_in = sign_in(&app, &agent, "agneta", PASSWORD).await;
    assert!(
        signed_in.status().is_redirection(),
        "{}",
        signed_in.status()
    );
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("staff_session="))
        .unwrap_or_default()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(
        agent
            .get(app.url("/staff"))
            .send()
            .await
            .expect("dashboard")
            .status(),
        200
    );
    assert_eq!(
        agent
            .get(app.url("/staff/review"))
            .send()
            .await
            .expect("review")
            .status(),
        403,
        "an agent is not an editor"
    );

    let editor = browser();
    sign_in(&app, &editor, "erik", PASSWORD).await;
    let review = editor
        .get(app.url("/staff/review"))
        .send()
        .await
        .expect("review");
    assert_eq!(review.status(), 200);
    for csrf in ["", "wrong"] {
        let response = editor
            .post(app.url("/staff/review/1/dismiss"))
            .form(&[("csrf", csrf)])
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "csrf {csrf:?}");
    }
    // The sign-in form itself is protected too.
    let forged = browser()
        .post(app.url("/staff/login"))
        .form(&[
            ("username", "erik"),
            ("password", PASSWORD),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    add_user(&app, "admin", "admin");
    let client = browser();
    for _ in 0..5 {
        let response = sign_in(&app, &client, "admin", "wrong password!!").await;
        assert_eq!(response.status(), 401);
    }
    let response = sign_in(&app, &client, "admin", PASSWORD).await;
    assert_eq!(
        response.status(),
        401,
        "locked even with the right password"
    );
    assert!(
        response
            .text()
            .await
            .unwrap_or_default()
            .contains("För många misslyckade försök")
    );
    assert_eq!(
        sign_in(&app, &client, "nobody", PASSWORD).await.status(),
        401
    );
}

#[tokio::test]
async fn an_unanswered_question_attached_to_an_article_is_answered_without_a_restart() {
    let app = spawn_app().await;
    add_user(&app, "erik", "editor");
    let question = "blorpfizz wumple";
    assert_eq!(app.say(None, question).await["decision"], "unknown");
    app.say(None, question).await;
    app.say(None, "<script>window.x=1</script> qwzx").await;

    let editor = browser();
    sign_in(&app, &editor, "erik", PASSWORD).await;
    let page = editor
        .get(app.url("/staff/review"))
        .send()
        .await
        .expect("review")
        .text()
        .await
        .expect("html");
    assert!(page.contains(question));
    assert!(
        page.contains("2 ×"),
        "the two alike questions are one group: {page}"
    );
    assert!(
        page.contains("&lt;script&gt;window.x"),
        "resident text is escaped"
    );
    assert!(
        !page.contains("<script>window.x=1"),
        "resident text never becomes markup"
    );

    let db = app.database().await;
    let group: i64 = sqlx::query("SELECT MAX(id) FROM unanswered WHERE text = $1")
        .bind(question)
        .fetch_one(&db)
        .await
        .expect("group")
        .get(0);
    let response = editor
        .post(app.url(&format!("/staff/review/{group}/attach")))
        .form(&[("csrf", hidden_csrf(&page).as_str()), ("topic", "library")])
        .send()
        .await
        .expect("attach");
    assert_eq!(response.status(), 200);
    let after = response.text().await.expect("html");
    assert!(!after.contains(question), "a fixed group leaves the queue");

    let reply = app.say(None, question).await;
    assert_eq!(reply["decision"], "answer");
    assert_eq!(reply["topic"], "library");

    let audit: Vec<(String, String)> =
        sqlx::query("SELECT action, subject FROM audit_log ORDER BY id")
            .fetch_all(&db)
            .await
            .expect("audit")
            .into_iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
    assert!(
        audit.contains(&("article.attach-phrasing".to_string(), "library".to_string())),
        "{audit:?}"
    );

    let dashboard = editor
        .get(app.url("/staff?lang=en"))
        .send()
        .await
        .expect("dashboard")
        .text()
        .await
        .expect("html");
    assert!(
        dashboard.contains("Answered without a person"),
        "{dashboard}"
    );
    assert!(dashboard.contains("<svg"), "a chart");
}

/// Signs in and returns the CSRF token of the inbox page.
async fn agent_session(app: &TestApp) -> (reqwest::Client, String) {
    add_user(app, "agneta", "agent");
    let agent = browser();
    sign_in(app, &agent, "agneta", PASSWORD).await;
    let inbox = agent
        .get(app.url("/staff/inbox"))
        .send()
        .await
        .expect("inbox")
        .text()
        .await
        .expect("html");
    (agent, inbox)
}

async fn post_action(
    app: &TestApp,
    agent: &reqwest::Client,
    conversation: &str,
    action: &str,
    form: &[(&str, &str)],
) -> String {
    let page = agent
        .get(app.url(&format!("/staff/inbox/{conversation}")))
        .send()
        .await
        .expect("conversation")
        .text()
        .await
        .expect("html");
    let csrf = hidden_csrf(&page);
    let mut fields: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    fields.extend_from_slice(form);
    let response = agent
        .post(app.url(&format!("/staff/inbox/{conversation}/{action}")))
        .form(&fields)
        .send()
        .await
        .expect("action");
    assert_eq!(response.status(), 200, "{action}");
    response.text().await.expect("html")
}

#[tokio::test]
async fn an_agent_answers_a_web_resident_in_the_residents_stream() {
    let app = spawn_app().await;
    let asked = app.say(None, "jag vill prata med en människa").await;
    assert_eq!(asked["decision"], "handoff");
    let conversation = asked["conversation_id"].as_str().expect("id").to_string();

    let (agent, inbox) = agent_session(&app).await;
    assert!(
        inbox.contains(&conversation),
        "the conversation waits in the inbox"
    );
    let mut stream = app
        .client
        .get(app.url(&format!(
            "/api/v1/conversations/{conversation}/events?after={}",
            asked["message_id"]
        )))
        .send()
        .await
        .expect("stream");

    post_action(&app, &agent, &conversation, "take", &[]).await;
    let held = app
        .say(Some(&conversation), "hallå, är det någon där?")
        .await;
    assert_eq!(
        held["decision"], "handoff",
        "the assistant stays quiet while an agent has it"
    );
    post_action(
        &app,
        &agent,
        &conversation,
        "reply",
        &[("text", "Hej! Jag heter Agneta. Vad gäller det?")],
    )
    .await;

    let mut received = String::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(30), async {
        while !received.contains("Jag heter Agneta") {
            match stream.chunk().await.expect("chunk") {
                Some(bytes) => received.push_str(&String::from_utf8_lossy(&bytes)),
                None => break,
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the agent's reply never reached the stream: {received}"
    );
    assert!(received.contains(r#""author":"staff""#), "{received}");

    post_action(&app, &agent, &conversation, "release", &[]).await;
    let answered = app.say(Some(&conversation), "när töms soporna?").await;
    assert_eq!(
        answered["topic"], "waste-collection",
        "handed back, the assistant answers again"
    );

    let db = app.database().await;
    let actions: Vec<String> =
        sqlx::query("SELECT action FROM audit_log WHERE subject = $1 ORDER BY id")
            .bind(&conversation)
            .fetch_all(&db)
            .await
            .expect("audit")
            .into_iter()
            .map(|row| row.get(0))
            .collect();
    for expected in [
        "conversation.view",
        "handoff.take",
        "handoff.reply",
        "handoff.release",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn an_agent_answers_a_telegram_resident_in_telegram() {
    let (emulator, api_url) = Emulator::start().await;
    let app = spawn_app_with(Some(
        civic_assistant::channels::telegram::TelegramSettings {
            token: "123:TEST".into(),
            api_url: Some(api_url),
            webhook: None,
        },
    ))
    .await;
    emulator.message(31, "/person", "sv");
    emulator.wait_until(|e| e.sent_to(31).len() == 1).await;
    let (agent, inbox) = agent_session(&app).await;
    let conversation = inbox
        .split("/staff/inbox/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .expect("a conversation in the inbox")
        .to_string();
    post_action(
        &app,
        &agent,
        &conversation,
        "reply",
        &[("text", "Hej från kontaktcentret <3")],
    )
    .await;
    emulator.wait_until(|e| e.sent_to(31).len() == 2).await;
    assert_eq!(
        emulator.sent_to(31)[1].text,
        "Hej från kontaktcentret &lt;3"
    );
}

#[tokio::test]
async fn an_editor_cannot_open_the_inbox() {
    let app = spawn_app().await;
    add_user(&app, "erik", "editor");
    let editor = browser();
    sign_in(&app, &editor, "erik", PASSWORD).await;
    assert_eq!(
        editor
            .get(app.url("/staff/inbox"))
            .send()
            .await
            .expect("inbox")
            .status(),
        403
    );
}

#[tokio::test]
async fn an_editor_edits_previews_publishes_and_restores_an_article() {
    let app = spawn_app().await;
    add_user(&app, "erik", "editor");
    let editor = browser();
    sign_in(&app, &editor, "erik", PASSWORD).await;
    let list = editor
        .get(app.url("/staff/articles?lang=en"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("html");
    assert!(list.contains("/staff/articles/library"), "{list}");
    assert!(
        list.contains("machine") && list.contains("reviewed"),
        "translation status per language"
    );

    let form = editor
        .get(app.url("/staff/articles/library?edit=en"))
        .send()
        .await
        .expect("edit")
        .text()
        .await
        .expect("html");
    let csrf = hidden_csrf(&form);
    let question = "zibbleflorp borrowing";
    assert_eq!(app.say(None, question).await["decision"], "unknown");
    let fields = |action: &'static str, title: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("status", "reviewed".to_string()),
            ("title", title.to_string()),
            (
                "body",
                "Borrow books at {{places.library.name}}.".to_string(),
            ),
            ("phrasings", format!("{question}\nhow do I borrow a book")),
            ("keywords", "library\nbooks".to_string()),
            ("links", "Library | {{links.library}}".to_string()),
            ("question", question.to_string()),
            ("action", action.to_string()),
        ]
    };
    let preview = editor
        .post(app.url("/staff/articles/library?edit=en"))
        .form(&fields("preview", "<b>The library</b>"))
        .send()
        .await
        .expect("preview")
        .text()
        .await
        .expect("html");
    assert!(
        preview.contains("Borrow books at Exempelby bibliotek."),
        "the preview renders the draft: {preview}"
    );
    assert!(
        !preview.contains("<b>The library</b>")
            && preview.contains("&lt;b&gt;The library&lt;/b&gt;"),
        "titles are text"
    );
    assert_eq!(
        app.say(None, question).await["decision"],
        "unknown",
        "a preview publishes nothing"
    );

    let bad = editor
        .post(app.url("/staff/articles/library?edit=en"))
        .form(&[
            ("csrf", csrf.clone()),
            ("status", "reviewed".into()),
            ("title", "Library".into()),
            ("body", "See {{links.no_such_link}}".into()),
            ("action", "publish".into()),
        ])
        .send()
        .await
        .expect("publish")
        .text()
        .await
        .expect("html");
    assert!(
        bad.contains("role=\"alert\""),
        "a draft naming an unknown fact is refused: {bad}"
    );

    let published = editor
        .post(app.url("/staff/articles/library?edit=en"))
        .form(&fields("publish", "The library"))
        .send()
        .await
        .expect("publish");
    assert_eq!(published.status(), 200);
    let reply = app.say(None, question).await;
    assert_eq!(
        (reply["decision"].as_str(), reply["topic"].as_str()),
        (Some("answer"), Some("library")),
        "answered at once"
    );
    assert_eq!(reply["text"], "Borrow books at Exempelby bibliotek.");

    let history = editor
        .get(app.url("/staff/articles/library/history"))
        .send()
        .await
        .expect("history")
        .text()
        .await
        .expect("html");
    assert!(
        history.contains(r#"<span class="added">+ body"#),
        "the diff shows the new body: {history}"
    );
    assert!(
        history.contains(r#"<span class="removed">- body"#),
        "and the old one: {history}"
    );
    let export = editor
        .get(app.url("/staff/articles/library/export"))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("toml");
    let exported = civic_assistant::knowledge::Article::parse("knowledge/library.toml", &export)
        .expect("the export is a valid article file");
    assert_eq!(
        exported.title(civic_assistant::language::Lang::En),
        "The library"
    );

    // Restore the shipped version: the first revision saved is the edit, so restore needs
    // an earlier one; publishing twice and restoring the first gives it.
    editor
        .post(app.url("/staff/articles/library?edit=en"))
        .form(&fields("publish", "The library, second"))
        .send()
        .await
        .expect("publish again");
    let db = app.database().await;
    let first: i64 = sqlx::query("SELECT MIN(id) FROM article_revisions WHERE topic = 'library'")
        .fetch_one(&db)
        .await
        .expect("revision")
        .get(0);
    let restored = editor
        .post(app.url(&format!("/staff/articles/library/restore/{first}")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("restore");
    assert_eq!(restored.status(), 200);
    let reply = app.say(None, "zibbleflorp borrowing").await;
    assert_eq!(reply["topic"], "library");
    let audit: i64 = sqlx::query(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('article.publish', 'article.restore')",
    )
    .fetch_one(&db)
    .await
    .expect("audit")
    .get(0);
    assert_eq!(audit, 3);
}

#[tokio::test]
async fn a_new_article_from_the_queue_and_an_imported_article_are_answered() {
    let app = spawn_app().await;
    add_user(&app, "erik", "editor");
    let editor = browser();
    sign_in(&app, &editor, "erik", PASSWORD).await;
    let question = "kanotuthyrning vid sjön";
    assert_eq!(app.say(None, question).await["decision"], "unknown");
    let queue = editor
        .get(app.url("/staff/review"))
        .send()
        .await
        .expect("review")
        .text()
        .await
        .expect("html");
    assert!(
        queue.contains("/staff/articles/new?"),
        "a group offers a new article"
    );
    let form = editor
        .get(app.url(&format!(
            "/staff/articles/new?edit=sv&question={}",
            "kanotuthyrning%20vid%20sj%C3%B6n"
        )))
        .send()
        .await
        .expect("new")
        .text()
        .await
        .expect("html");
    assert!(
        form.contains(question),
        "the question is the first phrasing"
    );
    let csrf = hidden_csrf(&form);
    let created = editor
        .post(app.url("/staff/articles/new?edit=sv"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("id", "canoe-rental"),
            ("status", "reviewed"),
            ("title", "Låna kanot"),
            (
                "body",
                "Kanoter lånas ut från badplatsen. Ring {{contact.phone}}.",
            ),
            ("phrasings", question),
            ("keywords", "kanot\npaddla"),
            ("links", ""),
            ("question", ""),
            ("action", "publish"),
        ])
        .send()
        .await
        .expect("create");
    assert_eq!(created.status(), 200);
    let reply = app.say(None, question).await;
    assert_eq!(
        (reply["decision"].as_str(), reply["topic"].as_str()),
        (Some("answer"), Some("canoe-rental"))
    );

    let file = r#"
id = "bee-keeping"
area = "local"

[sv]
status = "reviewed"
title = "Biodling"
body = "Anmäl bikupor till kommunen på {{contact.phone}}."
phrasings = ["får jag ha bikupor i trädgården"]

[en]
status = "reviewed"
title = "Bee keeping"
body = "Report beehives to the municipality on {{contact.phone}}."
phrasings = ["may I keep beehives in my garden"]
"#;
    let imported = editor
        .post(app.url("/staff/articles/import"))
        .form(&[("csrf", csrf.as_str()), ("file", file)])
        .send()
        .await
        .expect("import")
        .text()
        .await
        .expect("html");
    assert!(imported.contains("role=\"status\""), "{imported}");
    let reply = app.say(None, "may I keep beehives in my garden").await;
    assert_eq!(reply["topic"], "bee-keeping", "{reply}");
    let broken = editor
        .post(app.url("/staff/articles/import"))
        .form(&[("csrf", csrf.as_str()), ("file", "id = \"x\"\n[sv\n")])
        .send()
        .await
        .expect("import")
        .text()
        .await
        .expect("html");
    assert!(
        broken.contains("role=\"alert\""),
        "a broken file is refused with its reason"
    );
}
