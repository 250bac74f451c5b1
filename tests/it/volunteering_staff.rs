//! The coordinators' volunteering pages over HTTP: roles, CSRF, the need form with its
//! messages, the round trip from a new need to a closed one, the answer to a volunteer who
//! said "I'm interested" in the chat (told once, in their conversation), the CSV export, and
//! needs of another municipality staying out of reach.

use serde_json::{Value, json};
use sqlx::Row;

use crate::helpers::{TestApp, spawn_app};
use crate::staff::{PASSWORD, add_user, browser, hidden_csrf, sign_in};

/// A signed-in member of staff with `role`, and their CSRF token.
async fn session(app: &TestApp, username: &str, role: &str) -> (reqwest::Client, String) {
    add_user(app, username, role);
    let client = browser();
    sign_in(app, &client, username, PASSWORD).await;
    let page = get(app, &client, "/staff").await;
    assert_eq!(page.0, 200);
    let csrf = hidden_csrf(&page.1);
    assert!(!csrf.is_empty(), "a CSRF token on the dashboard");
    (client, csrf)
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = client
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// A complete need form with `changes` replacing or adding fields.
fn need_form<'a>(csrf: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("title-sv", "Snöskottning åt äldre"),
        (
            "description-sv",
            "Hjälp äldre i Norrby att skotta fram till dörren.",
        ),
        ("title-en", "Snow clearing for older people"),
        (
            "description-en",
            "Help older people in Norrby clear the path to their door.",
        ),
        ("organiser", "association"),
        ("association", "Norrby IF"),
        ("skills", "gardening"),
        ("topics", "elderly"),
        ("topics", "environment"),
        ("languages", "sv, fi"),
        ("place", "area:Norrby"),
        ("schedule", "weekly"),
        ("slots", "tisdag 17:00-19:00\nSat 10:00-12:00"),
        ("until", ""),
        ("dates", ""),
        ("minimum-age", "16"),
        ("capacity", "5"),
        ("contact", "Kalle Berg, 0123-45 67 89"),
        ("status", "open"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(field, _)| field == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let pool = app.database().await;
    sqlx::query(sql)
        .fetch_one(&pool)
        .await
        .expect("count")
        .get(0)
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let pool = app.database().await;
    sqlx::query("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&pool)
        .await
        .expect("audit")
        .iter()
        .map(|row| row.get::<String, _>(0))
        .collect()
}

/// The first demo need, once the service has stored them (it answers only after that).
async fn first_need(app: &TestApp) -> i64 {
    let ready = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    count(app, "SELECT MIN(id) FROM volunteer_needs").await
}

#[tokio::test]
async fn only_coordinators_and_admins_open_the_volunteering_pages() {
    let app = spawn_app().await;
    let need = first_need(&app).await;
    let pages = [
        "/staff/volunteering".to_string(),
        "/staff/volunteering/new".to_string(),
        format!("/staff/volunteering/{need}"),
        format!("/staff/volunteering/{need}/edit"),
        format!("/staff/volunteering/{need}/volunteers.csv"),
    ];
    let signed_out = browser();
    for path in &pages {
        let response = signed_out.get(app.url(path)).send().await.expect("GET");
        assert!(response.status().is_redirection(), "{path}");
        assert_eq!(response.headers()["location"], "/staff/login", "{path}");
    }
    let response = signed_out
        .post(app.url("/staff/volunteering"))
        .form(&[("csrf", "x")])
        .send()
        .await
        .expect("POST");
    assert!(response.status().is_redirection());

    let (editor, editor_csrf) = session(&app, "erik", "editor").await;
    for path in &pages {
        assert_eq!(get(&app, &editor, path).await.0, 403, "{path}");
    }
    let form = need_form(&editor_csrf, &[]);
    assert_eq!(
        post(&app, &editor, "/staff/volunteering", &form).await.0,
        403
    );
    let (_, dashboard) = get(&app, &editor, "/staff").await;
    assert!(!dashboard.contains("/staff/volunteering"), "no menu item");

    for (username, role) in [("cora", "coordinator"), ("ada", "admin")] {
        let (client, _) = session(&app, username, role).await;
        let (status, list) = get(&app, &client, "/staff/volunteering").await;
        assert_eq!(status, 200, "{role}");
        assert!(list.contains(r#"href="/staff/volunteering?lang=sv" aria-current="page""#));
        assert!(list.contains(">Volontärer</a>"), "{role}: {list}");
        for path in &pages {
            assert_eq!(get(&app, &client, path).await.0, 200, "{role} {path}");
        }
    }
    let created = "SELECT COUNT(*) FROM volunteer_needs WHERE created_by IS NOT NULL";
    assert_eq!(count(&app, created).await, 0, "the editor stored nothing");
}

#[tokio::test]
async fn every_coordinator_form_needs_the_csrf_token() {
    let app = spawn_app().await;
    let need = first_need(&app).await;
    let (coordinator, csrf) = session(&app, "cora", "coordinator").await;
    let paths = [
        "/staff/volunteering".to_string(),
        format!("/staff/volunteering/{need}"),
        format!("/staff/volunteering/{need}/close"),
        format!("/staff/volunteering/{need}/open"),
        format!("/staff/volunteering/{need}/interests/1/accept"),
        format!("/staff/volunteering/{need}/interests/1/decline"),
    ];
    for path in &paths {
        let missing: Vec<(&str, &str)> = need_form(&csrf, &[])
            .into_iter()
            .filter(|(name, _)| *name != "csrf")
            .collect();
        assert_eq!(
            post(&app, &coordinator, path, &missing).await.0,
            403,
            "{path} without a token"
        );
        let wrong = need_form("wrong", &[]);
        assert_eq!(
            post(&app, &coordinator, path, &wrong).await.0,
            403,
            "{path} with a wrong token"
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM volunteer_needs WHERE created_by IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM volunteer_needs WHERE status = 'closed'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_wrong_form_says_what_is_wrong_at_each_field_and_stores_nothing() {
    let app = spawn_app().await;
    let (coordinator, csrf) = session(&app, "cora", "coordinator").await;
    let before = count(&app, "SELECT COUNT(*) FROM volunteer_needs").await;
    let form = need_form(
        &csrf,
        &[
            ("title-sv", ""),
            ("languages", "sv, svenska"),
            ("slots", "tisdag 17:00-19:00\nsomeday 10-12"),
            ("capacity", "0"),
            ("place", "area:Atlantis"),
            ("contact", "Kalle <b>Berg</b>"),
        ],
    );
    let (status, page) = post(&app, &coordinator, "/staff/volunteering", &form).await;
    assert_eq!(status, 422, "{page}");
    for expected in [
        "Skriv en rubrik på högst 120 tecken.",
        "Det här är inte språkkoder: svenska.",
        "Rad 2 är inte en veckotid som &quot;tisdag 17:00-19:00&quot;: someday 10-12",
        "Skriv ett tal från 1 till 500.",
        "Välj en kommundel eller distans.",
        // Linked to its field, and summed up at the top with a link to it.
        r#"aria-describedby="title-sv-error""#,
        r#"<p class="error" id="title-sv-error">"#,
        r##"<a href="#capacity">"##,
        // What was entered is kept, escaped.
        "Kalle &lt;b&gt;Berg&lt;/b&gt;",
        "Snow clearing for older people",
        r#"value="elderly" checked"#,
    ] {
        assert!(page.contains(expected), "{expected:?} in {page}");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM volunteer_needs").await,
        before
    );

    // In English too.
    let (status, page) = post(&app, &coordinator, "/staff/volunteering?lang=en", &form).await;
    assert_eq!(status, 422);
    assert!(page.contains("Write a number from 1 to 500."), "{page}");
}

#[tokio::test]
async fn a_coordinator_creates_edits_closes_and_reopens_a_need() {
    let app = spawn_app().await;
    let (coordinator, csrf) = session(&app, "cora", "coordinator").await;
    let (status, page) = get(&app, &coordinator, "/staff/volunteering/new").await;
    assert_eq!(status, 200);
    for label in [
        r#"<label for="title-sv">"#,
        r#"<label for="contact">"#,
        "<legend>Färdigheter som hjälper</legend>",
        r#"<label for="skill-driving_licence">körkort</label>"#,
    ] {
        assert!(page.contains(label), "{label:?}");
    }

    let (status, list) = post(
        &app,
        &coordinator,
        "/staff/volunteering",
        &need_form(&csrf, &[]),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    assert!(list.contains("Uppdraget är sparat."), "{list}");
    assert!(list.contains("Snöskottning åt äldre"));
    assert!(list.contains("Norrby IF"));
    let id = count(&app, "SELECT MAX(id) FROM volunteer_needs").await;

    let (status, edit) = get(
        &app,
        &coordinator,
        &format!("/staff/volunteering/{id}/edit"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        edit.contains("tisdag 17:00-19:00\nlördag 10:00-12:00"),
        "{edit}"
    );
    assert!(
        edit.contains(r#"value="sv, fi""#) || edit.contains(r#"value="fi, sv""#),
        "{edit}"
    );
    let (_, edit_en) = get(
        &app,
        &coordinator,
        &format!("/staff/volunteering/{id}/edit?lang=en"),
    )
    .await;
    assert!(
        edit_en.contains("Tue 17:00-19:00\nSat 10:00-12:00"),
        "{edit_en}"
    );

    let changed = need_form(
        &csrf,
        &[
            ("title-sv", "Snöskottning i Norrby"),
            ("capacity", "8"),
            ("schedule", "dates"),
            ("dates", "2031-01-15 09:00-12:00"),
        ],
    );
    let (status, list) = post(
        &app,
        &coordinator,
        &format!("/staff/volunteering/{id}"),
        &changed,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    assert!(list.contains("Snöskottning i Norrby"));
    assert!(list.contains("0 / 8"), "{list}");

    let (status, shown) = get(
        &app,
        &coordinator,
        &format!("/staff/volunteering/{id}?lang=en"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        shown.contains("Snow clearing for older people"),
        "the English title"
    );
    assert!(shown.contains("2031-01-15 09:00-12:00"));

    let (status, list) = post(
        &app,
        &coordinator,
        &format!("/staff/volunteering/{id}/close"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 200);
    assert!(list.contains("Uppdraget är stängt"), "{list}");
    let closed =
        format!("SELECT COUNT(*) FROM volunteer_needs WHERE id = {id} AND status = 'closed'");
    assert_eq!(count(&app, &closed).await, 1);
    let (status, _) = post(
        &app,
        &coordinator,
        &format!("/staff/volunteering/{id}/open"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(count(&app, &closed).await, 0);

    let actions = audit_actions(&app).await;
    for action in [
        "volunteer-need.create",
        "volunteer-need.update",
        "volunteer-need.close",
        "volunteer-need.open",
        "volunteer-need.view",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn a_need_of_another_municipality_is_not_found() {
    let app = spawn_app().await;
    first_need(&app).await;
    let pool = app.database().await;
    let other: i64 = sqlx::query(
        "INSERT INTO volunteer_needs (municipality_id, need, status, contact, created_at, updated_at) \
         SELECT 'elsewhere', need, status, contact, created_at, updated_at FROM volunteer_needs \
         ORDER BY id LIMIT 1 RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .expect("a need elsewhere")
    .get(0);
    let (coordinator, csrf) = session(&app, "cora", "coordinator").await;
    for path in [
        format!("/staff/volunteering/{other}"),
        format!("/staff/volunteering/{other}/edit"),
        format!("/staff/volunteering/{other}/volunteers.csv"),
        "/staff/volunteering/999999".to_string(),
        "/staff/volunteering/not-a-number".to_string(),
    ] {
        assert_eq!(get(&app, &coordinator, &path).await.0, 404, "{path}");
    }
    for path in [
        format!("/staff/volunteering/{other}"),
        format!("/staff/volunteering/{other}/close"),
        format!("/staff/volunteering/{other}/interests/1/accept"),
    ] {
        let form = need_form(&csrf, &[]);
        assert_eq!(
            post(&app, &coordinator, &path, &form).await.0,
            404,
            "{path}"
        );
    }
    let (_, list) = get(&app, &coordinator, "/staff/volunteering").await;
    assert!(!list.contains(&format!("/staff/volunteering/{other}?")));
}

/// Picks the reply's choice whose id starts with `prefix` and sends it.
async fn choose(app: &TestApp, conversation: &str, reply: &Value, prefix: &str) -> Value {
    let topic = reply["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|choice| choice["topic"].as_str())
        .find(|topic| topic.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} choice in {reply}"))
        .to_string();
    pick(app, conversation, &topic).await
}

async fn pick(app: &TestApp, conversation: &str, topic: &str) -> Value {
    let (status, reply) = app
        .chat(json!({ "text": "", "topic": topic, "conversation_id": conversation }))
        .await;
    assert_eq!(status, 200, "{reply}");
    reply
}

/// A volunteer who answers the questions in the chat and says they are interested in the
/// first need offered (or in `need`); returns the conversation and the need.
async fn interested_volunteer(app: &TestApp, need: Option<i64>) -> (String, i64) {
    let reply = app.say(None, "jag vill hjälpa till").await;
    let conversation = reply["conversation_id"].as_str().expect("id").to_string();
    let mut reply = reply;
    for prefix in [
        "volunteer-topic-homework-help",
        "volunteer-languages-sv",
        "volunteer-when-any",
        "volunteer-where-anywhere",
        "volunteer-age-adult",
        "volunteer-yes",
        "volunteer-yes",
    ] {
        reply = choose(app, &conversation, &reply, prefix).await;
    }
    let need = match need {
        Some(need) => need,
        None => reply["choices"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|choice| choice["topic"].as_str()?.strip_prefix("volunteer-need-"))
            .find_map(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("no need offered: {reply}")),
    };
    let reply = pick(app, &conversation, &format!("volunteer-need-{need}")).await;
    assert_eq!(reply["intent"], "volunteer-signup", "{reply}");
    (conversation, need)
}

async fn transcript_texts(app: &TestApp, conversation: &str) -> Vec<String> {
    let transcript: Value = app
        .client
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
        .filter_map(|message| message["text"].as_str().map(str::to_string))
        .collect()
}

async fn interest_id(app: &TestApp, conversation: &str) -> i64 {
    count(
        app,
        &format!(
            "SELECT i.id FROM volunteer_interests i JOIN volunteer_profiles p ON p.id = i.volunteer_id \
             WHERE p.conversation_id = '{conversation}'"
        ),
    )
    .await
}

#[tokio::test]
async fn a_coordinators_answer_reaches_the_volunteer_once() {
    let app = spawn_app().await;
    let (first, need) = interested_volunteer(&app, None).await;
    let (second, _) = interested_volunteer(&app, Some(need)).await;
    let (coordinator, csrf) = session(&app, "cora", "coordinator").await;

    let (status, page) = get(&app, &coordinator, &format!("/staff/volunteering/{need}")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Intresserade volontärer"));
    let told: String = sqlx::query("SELECT reasons FROM volunteer_interests WHERE need_id = $1")
        .bind(need)
        .fetch_one(&app.database().await)
        .await
        .expect("reasons")
        .get(0);
    assert!(told.starts_with("du "), "{told}");
    assert!(page.contains(&told), "the reasons told: {page}");
    assert!(
        page.contains("måndag–söndag 08:00-21:00"),
        "availability: {page}"
    );
    let views = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer-need.view'",
    )
    .await;
    assert_eq!(views, 1, "looking at volunteers is audited");

    let contact: String = sqlx::query("SELECT contact FROM volunteer_needs WHERE id = $1")
        .bind(need)
        .fetch_one(&app.database().await)
        .await
        .expect("contact")
        .get(0);
    let accept = format!(
        "/staff/volunteering/{need}/interests/{}/accept",
        interest_id(&app, &first).await
    );
    let (status, page) = post(&app, &coordinator, &accept, &[("csrf", &csrf)]).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Antagen. Volontären får besked"), "{page}");
    let told = |texts: Vec<String>| {
        texts
            .iter()
            .filter(|text| text.contains("Samordnaren tackar ja") && text.contains(&contact))
            .count()
    };
    assert_eq!(told(transcript_texts(&app, &first).await), 1);

    // Answering again sends nothing more, whichever the answer.
    let (status, page) = post(&app, &coordinator, &accept, &[("csrf", &csrf)]).await;
    assert_eq!(status, 200);
    assert!(page.contains("redan besvarad"), "{page}");
    let decline_first = accept.replace("/accept", "/decline");
    post(&app, &coordinator, &decline_first, &[("csrf", &csrf)]).await;
    let texts = transcript_texts(&app, &first).await;
    assert_eq!(told(texts.clone()), 1, "{texts:?}");
    assert!(!texts.iter().any(|text| text.contains("inte plats för dig")));

    let decline = format!(
        "/staff/volunteering/{need}/interests/{}/decline",
        interest_id(&app, &second).await
    );
    let (status, _) = post(&app, &coordinator, &decline, &[("csrf", &csrf)]).await;
    assert_eq!(status, 200);
    let texts = transcript_texts(&app, &second).await;
    assert_eq!(
        texts
            .iter()
            .filter(|text| text.contains("inte plats för dig"))
            .count(),
        1,
        "{texts:?}"
    );
    let accepted = format!(
        "SELECT COUNT(*) FROM volunteer_interests WHERE need_id = {need} AND status = 'accepted'"
    );
    assert_eq!(count(&app, &accepted).await, 1);
    let actions = audit_actions(&app).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "volunteer-interest.accept")
            .count(),
        1
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "volunteer-interest.decline")
            .count(),
        1
    );

    // An interest id of another need is not this need's.
    let other_need = count(
        &app,
        &format!("SELECT MIN(id) FROM volunteer_needs WHERE id <> {need}"),
    )
    .await;
    let elsewhere = format!(
        "/staff/volunteering/{other_need}/interests/{}/accept",
        interest_id(&app, &second).await
    );
    assert_eq!(
        post(&app, &coordinator, &elsewhere, &[("csrf", &csrf)])
            .await
            .0,
        404
    );
}

/// Makes storing any message with `words` in it fail, as a full disk or a lost connection
/// would, until `allow_messages` lifts it.
async fn refuse_messages_with(app: &TestApp, words: &str) {
    let database = app.database().await;
    let statements = if app.database_url.starts_with("postgres") {
        vec![
            format!(
                "CREATE FUNCTION refuse_message() RETURNS trigger AS $$ BEGIN \
                 IF NEW.text LIKE '%{words}%' THEN RAISE EXCEPTION 'injected failure'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql"
            ),
            "CREATE TRIGGER refuse_message BEFORE INSERT ON messages FOR EACH ROW \
             EXECUTE FUNCTION refuse_message()"
                .to_string(),
        ]
    } else {
        vec![format!(
            "CREATE TRIGGER refuse_message BEFORE INSERT ON messages WHEN NEW.text LIKE '%{words}%' \
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )]
    };
    for statement in statements {
        sqlx::query(&statement)
            .execute(&database)
            .await
            .expect("the failing trigger");
    }
}

async fn allow_messages(app: &TestApp) {
    let statement = if app.database_url.starts_with("postgres") {
        "DROP TRIGGER refuse_message ON messages"
    } else {
        "DROP TRIGGER refuse_message"
    };
    sqlx::query(statement)
        .execute(&app.database().await)
        .await
        .expect("the trigger dropped");
}

#[tokio::test]
async fn an_answer_that_cannot_be_told_is_not_recorded_and_can_be_given_again() {
    let app = spawn_app().await;
    let (volunteer, need) = interested_volunteer(&app, None).await;
    let (coordinator, csrf) = session(&app, "cora", "coordinator").await;
    let accept = format!(
        "/staff/volunteering/{need}/interests/{}/accept",
        interest_id(&app, &volunteer).await
    );
    let pending = format!(
        "SELECT COUNT(*) FROM volunteer_interests WHERE need_id = {need} AND status = 'pending'"
    );

    refuse_messages_with(&app, "tackar ja").await;
    let (status, page) = post(&app, &coordinator, &accept, &[("csrf", &csrf)]).await;
    assert_eq!(status, 500, "{page}");
    assert!(
        !page.contains("injected failure"),
        "no internals shown: {page}"
    );
    assert_eq!(
        count(&app, &pending).await,
        1,
        "the answer is not recorded untold"
    );

    allow_messages(&app).await;
    let (status, page) = post(&app, &coordinator, &accept, &[("csrf", &csrf)]).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Antagen. Volontären får besked"), "{page}");
    let texts = transcript_texts(&app, &volunteer).await;
    assert_eq!(
        texts
            .iter()
            .filter(|text| text.contains("tackar ja"))
            .count(),
        1,
        "{texts:?}"
    );
    assert_eq!(count(&app, &pending).await, 0);
}

#[tokio::test]
async fn the_csv_export_lists_interested_volunteers_with_formulas_made_inert() {
    let app = spawn_app().await;
    let (conversation, need) = interested_volunteer(&app, None).await;
    let interest = interest_id(&app, &conversation).await;
    // Stored text that a spreadsheet would run as a formula.
    sqlx::query("UPDATE volunteer_interests SET reasons = $1 WHERE id = $2")
        .bind(r#"=HYPERLINK("http://evil.example","click")"#)
        .bind(interest)
        .execute(&app.database().await)
        .await
        .expect("update");
    let (coordinator, _) = session(&app, "cora", "coordinator").await;
    let response = coordinator
        .get(app.url(&format!("/staff/volunteering/{need}/volunteers.csv")))
        .send()
        .await
        .expect("CSV");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        response.headers()["content-disposition"],
        format!("attachment; filename=\"need-{need}-volunteers.csv\"").as_str()
    );
    let csv = response.text().await.expect("body");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "volunteer_id,status,languages,areas,age_band,reasons,expressed_at"
    );
    assert_eq!(
        lines.len(),
        3,
        "a header, one volunteer and the final line end: {csv:?}"
    );
    let volunteer = count(
        &app,
        &format!("SELECT volunteer_id FROM volunteer_interests WHERE id = {interest}"),
    )
    .await;
    let row = lines[1];
    assert!(
        row.starts_with(&format!("{volunteer},pending,sv,")),
        "{row}"
    );
    assert!(row.contains(",18+,"), "{row}");
    assert!(
        row.contains(r#","'=HYPERLINK(""http://evil.example"",""click"")","#),
        "the formula is inert: {row}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'volunteer-need.export'"
        )
        .await,
        1
    );
}
