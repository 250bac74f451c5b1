//! Two municipalities on one deployment: Exempelby (the deployment's own content, the
//! default) and Provby (added with `tenant add`, served on its own host name and by its
//! widget key). Nothing of one is visible to the other on any endpoint, and an article Provby
//! overrides is Provby's own while Exempelby keeps the shared one.

use std::process::Command;

use reqwest::header::HOST;
use serde_json::{Value, json};
use sqlx::Row;

use civic_assistant::channels::telegram::TelegramSettings;

use crate::emulator::Emulator;
use crate::helpers::{TestApp, add_tenant, fresh_database, spawn_instance};
use crate::staff::{PASSWORD, add_account, browser, hidden_csrf};

pub(crate) const PROVBY_HOST: &str = "assistent.provby.localhost";

/// Provby's municipality.toml: the example's facts under another name, colour and origin.
pub(crate) fn provby_config() -> String {
    include_str!("../../config/municipality.toml")
        .replace(r#"id = "exempelby""#, r#"id = "provby""#)
        .replace("Exempelby kommun", "Provby kommun")
        .replace(r#"short_name = "Exempelby""#, r#"short_name = "Provby""#)
        .replace(
            "https://www.exempelby.example\"]",
            "https://www.provby.example\"]",
        )
        .replace(r##"colour = "#0a4d8c""##, r##"colour = "#7a1f3d""##)
}

struct Deployment {
    app: TestApp,
    widget_key: String,
}

/// A deployment with Provby added before it starts.
async fn deployment() -> Deployment {
    deployment_with(|_| String::new(), None).await
}

/// A deployment with Provby added before it starts, `extra` appended to Provby's
/// configuration (given the data directory), and the default municipality's bot.
async fn deployment_with(
    extra: impl FnOnce(&std::path::Path) -> String,
    telegram: Option<TelegramSettings>,
) -> Deployment {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let database_url = fresh_database(data_dir.path()).await;
    let config = data_dir.path().join("provby.toml");
    std::fs::write(&config, provby_config() + &extra(data_dir.path())).expect("write the config");
    let widget_key = add_tenant(&database_url, &config, PROVBY_HOST);
    for (username, municipality, role) in [
        ("erik", None, "editor"),
        ("petra", Some("provby"), "editor"),
        ("ada", None, "admin"),
        ("pia", Some("provby"), "admin"),
    ] {
        add_account(&database_url, username, &[role, "agent"], municipality);
    }
    let app = spawn_instance(database_url, data_dir, telegram).await;
    Deployment { app, widget_key }
}

/// Where a request goes: the default host, Provby's host, or the default host with
/// Provby's widget key.
#[derive(Clone, Copy, Debug)]
enum Via {
    Exempelby,
    ProvbyHost,
    ProvbyKey,
}

impl Deployment {
    fn request(
        &self,
        client: &reqwest::Client,
        method: reqwest::Method,
        path: &str,
        via: Via,
    ) -> reqwest::RequestBuilder {
        let request = client.request(method, self.app.url(path));
        match via {
            Via::Exempelby => request,
            Via::ProvbyHost => request.header(HOST, PROVBY_HOST),
            Via::ProvbyKey => request.header("x-civic-widget-key", &self.widget_key),
        }
    }

    async fn chat(&self, via: Via, body: Value) -> (u16, Value) {
        let response = self
            .request(&self.app.client, reqwest::Method::POST, "/api/v1/chat", via)
            .json(&body)
            .send()
            .await
            .expect("chat");
        (
            response.status().as_u16(),
            response.json().await.expect("json"),
        )
    }

    async fn status(&self, via: Via, path: &str) -> u16 {
        self.request(&self.app.client, reqwest::Method::GET, path, via)
            .send()
            .await
            .expect("get")
            .status()
            .as_u16()
    }
}

#[tokio::test]
async fn each_municipality_is_served_as_itself_by_host_and_by_widget_key() {
    let deployment = deployment().await;
    for (via, name, colour) in [
        (Via::Exempelby, "Exempelby kommun", "#0a4d8c"),
        (Via::ProvbyHost, "Provby kommun", "#7a1f3d"),
        (Via::ProvbyKey, "Provby kommun", "#7a1f3d"),
    ] {
        let config: Value = deployment
            .request(
                &deployment.app.client,
                reqwest::Method::GET,
                "/api/v1/widget/config?locale=sv",
                via,
            )
            .send()
            .await
            .expect("config")
            .json()
            .await
            .expect("json");
        assert_eq!(config["municipality"], name, "{via:?}");
        assert_eq!(config["brand_colour"], colour, "{via:?}");
    }
    // Each allows its own web pages to embed the chat, and not the other's.
    for (via, origin, allowed) in [
        (Via::Exempelby, "https://www.exempelby.example", true),
        (Via::Exempelby, "https://www.provby.example", false),
        (Via::ProvbyHost, "https://www.provby.example", true),
        (Via::ProvbyHost, "https://www.exempelby.example", false),
    ] {
        let response = deployment
            .request(
                &deployment.app.client,
                reqwest::Method::GET,
                "/api/v1/widget/config",
                via,
            )
            .header("origin", origin)
            .send()
            .await
            .expect("config");
        let allow = response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        assert_eq!(
            allow.as_deref() == Some(origin),
            allowed,
            "{via:?} {origin}"
        );
    }
    let listed = Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args([
            "tenant",
            "list",
            "--database-url",
            &deployment.app.database_url,
        ])
        .output()
        .expect("tenant list");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains("provby\tProvby kommun\ttenant"), "{listed}");
    assert!(
        listed.contains("exempelby\tExempelby kommun\tdefault"),
        "{listed}"
    );
}

#[tokio::test]
async fn conversations_are_invisible_across_municipalities() {
    let deployment = deployment().await;
    let cases = [
        (Via::Exempelby, Via::ProvbyHost),
        (Via::ProvbyHost, Via::Exempelby),
        (Via::ProvbyKey, Via::Exempelby),
    ];
    for (owner, other) in cases {
        let (status, reply) = deployment
            .chat(owner, json!({ "text": "när töms soporna?" }))
            .await;
        assert_eq!(status, 200, "{reply}");
        let id = reply["conversation_id"].as_str().expect("id").to_string();
        assert_eq!(
            deployment
                .status(owner, &format!("/api/v1/conversations/{id}"))
                .await,
            200
        );
        assert_eq!(
            deployment
                .status(other, &format!("/api/v1/conversations/{id}"))
                .await,
            404,
            "{owner:?} → {other:?}"
        );
        let (status, _) = deployment
            .chat(
                other,
                json!({ "conversation_id": id, "text": "och vad kostar det?" }),
            )
            .await;
        assert_eq!(
            status, 404,
            "{owner:?} → {other:?}: continuing another municipality's conversation"
        );
        assert_eq!(
            deployment
                .status(other, &format!("/api/v1/conversations/{id}/events"))
                .await,
            404,
            "{owner:?} → {other:?}: its live stream"
        );
    }
    // Rows carry their municipality.
    let database = deployment.app.database().await;
    let rows = sqlx::query(
        "SELECT municipality_id, COUNT(*) FROM conversations GROUP BY municipality_id ORDER BY 1",
    )
    .fetch_all(&database)
    .await
    .expect("count");
    let counts: Vec<(String, i64)> = rows.iter().map(|row| (row.get(0), row.get(1))).collect();
    assert_eq!(
        counts,
        vec![("exempelby".to_string(), 1), ("provby".to_string(), 2)]
    );
}

#[tokio::test]
async fn staff_and_articles_belong_to_their_municipality() {
    let deployment = deployment().await;
    // Each signs in to their own municipality only.
    assert!(sign_in(&deployment, Via::Exempelby, "erik").await.1);
    assert!(
        !sign_in(&deployment, Via::ProvbyHost, "erik").await.1,
        "Exempelby's editor at Provby"
    );
    assert!(
        !sign_in(&deployment, Via::Exempelby, "petra").await.1,
        "Provby's editor at Exempelby"
    );
    let (petra, signed_in) = sign_in(&deployment, Via::ProvbyHost, "petra").await;
    assert!(signed_in);
    // Petra's session is Provby's: at Exempelby it is no session at all.
    let at_exempelby = deployment
        .request(&petra, reqwest::Method::GET, "/staff", Via::Exempelby)
        .send()
        .await
        .expect("staff");
    assert!(
        at_exempelby.status().is_redirection(),
        "{}",
        at_exempelby.status()
    );

    // Petra publishes Provby's own version of the shared library article.
    let question = "zibbleflorp borrowing";
    let form = deployment
        .request(
            &petra,
            reqwest::Method::GET,
            "/staff/articles/library?edit=en",
            Via::ProvbyHost,
        )
        .send()
        .await
        .expect("edit")
        .text()
        .await
        .expect("html");
    let published = deployment
        .request(
            &petra,
            reqwest::Method::POST,
            "/staff/articles/library?edit=en",
            Via::ProvbyHost,
        )
        .form(&[
            ("csrf", hidden_csrf(&form)),
            ("status", "reviewed".to_string()),
            ("title", "The library".to_string()),
            (
                "body",
                "Borrow books at {{places.library.name}} in {{municipality.short_name}}."
                    .to_string(),
            ),
            ("phrasings", format!("{question}\nhow do I borrow a book")),
            ("keywords", "library\nbooks".to_string()),
            ("action", "publish".to_string()),
        ])
        .send()
        .await
        .expect("publish");
    assert_eq!(published.status(), 200);
    let (_, provby) = deployment
        .chat(Via::ProvbyHost, json!({ "text": question }))
        .await;
    assert_eq!(provby["topic"], "library", "{provby}");
    assert!(
        provby["text"]
            .as_str()
            .is_some_and(|text| text.ends_with("in Provby.")),
        "{provby}"
    );
    let (_, exempelby) = deployment
        .chat(Via::Exempelby, json!({ "text": question }))
        .await;
    assert_eq!(
        exempelby["decision"], "unknown",
        "Exempelby keeps the shared article: {exempelby}"
    );

    // Provby's staff see the article as local; Exempelby's editor does not.
    let (erik, _) = sign_in(&deployment, Via::Exempelby, "erik").await;
    let local_column = |html: &str| -> bool {
        html.split("/staff/articles/library?")
            .nth(1)
            .and_then(|row| row.split("</tr>").next())
            .is_some_and(|row| row.contains("<td>ja</td>") || row.contains("<td>yes</td>"))
    };
    assert!(local_column(
        &article_list(&deployment, &petra, Via::ProvbyHost).await
    ));
    assert!(!local_column(
        &article_list(&deployment, &erik, Via::Exempelby).await
    ));
}

/// Signs `username` in through `via`; the client and whether it worked.
async fn sign_in(deployment: &Deployment, via: Via, username: &str) -> (reqwest::Client, bool) {
    let client = browser();
    let form = deployment
        .request(&client, reqwest::Method::GET, "/staff/login", via)
        .send()
        .await
        .expect("login page")
        .text()
        .await
        .expect("html");
    let response = deployment
        .request(&client, reqwest::Method::POST, "/staff/login", via)
        .form(&[
            ("username", username),
            ("password", PASSWORD),
            ("csrf", &hidden_csrf(&form)),
        ])
        .send()
        .await
        .expect("sign in");
    (client, response.status().is_redirection())
}

async fn article_list(deployment: &Deployment, client: &reqwest::Client, via: Via) -> String {
    deployment
        .request(client, reqwest::Method::GET, "/staff/articles", via)
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("html")
}

#[tokio::test]
async fn each_municipality_talks_through_its_own_bot() {
    let (exempelby_bot, exempelby_api) = Emulator::start().await;
    let (provby_bot, provby_api) = Emulator::start_as("ProvbyBot").await;
    let deployment = deployment_with(
        |dir| {
            let token = dir.join("provby-telegram-token");
            std::fs::write(&token, "456:PROVBY\n").expect("write the token");
            format!(
                "\n[telegram]\ntoken_file = {:?}\napi_url = {provby_api:?}\n",
                token.display().to_string()
            )
        },
        Some(TelegramSettings {
            token: "123:TEST".into(),
            api_url: Some(exempelby_api),
            webhook: None,
        }),
    )
    .await;
    exempelby_bot.message(5, "/start", "sv");
    provby_bot.message(5, "/start", "sv");
    exempelby_bot.wait_until(|e| e.sent_to(5).len() == 1).await;
    provby_bot.wait_until(|e| e.sent_to(5).len() == 1).await;
    let greeting = |bot: &Emulator| bot.sent_to(5)[0].text.clone();
    assert!(
        greeting(&exempelby_bot).contains("Exempelby kommun"),
        "{}",
        greeting(&exempelby_bot)
    );
    assert!(
        greeting(&provby_bot).contains("Provby kommun"),
        "{}",
        greeting(&provby_bot)
    );
    // The same Telegram user is two residents, one in each municipality.
    let database = deployment.app.database().await;
    let rows =
        sqlx::query("SELECT municipality_id FROM telegram_chats WHERE chat_id = 5 ORDER BY 1")
            .fetch_all(&database)
            .await
            .expect("chats");
    let municipalities: Vec<String> = rows.iter().map(|row| row.get(0)).collect();
    assert_eq!(municipalities, vec!["exempelby", "provby"]);

    // "Connect Telegram" on Provby's Mina sidor sends the resident to Provby's bot.
    let resident = crate::staff::browser();
    let page =
        |path: &str| deployment.request(&resident, reqwest::Method::GET, path, Via::ProvbyHost);
    let signed_in = deployment
        .request(
            &resident,
            reqwest::Method::POST,
            "/mina-sidor/demo",
            Via::ProvbyHost,
        )
        .form(&[("resident", "0")])
        .send()
        .await
        .expect("demo sign-in");
    assert_eq!(
        signed_in.status(),
        303,
        "signed in and sent back to the page"
    );
    let html = page("/mina-sidor")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let csrf = crate::staff::hidden_csrf(&html);
    let connect = deployment
        .request(
            &resident,
            reqwest::Method::POST,
            "/mina-sidor/telegram",
            Via::ProvbyHost,
        )
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("connect")
        .text()
        .await
        .expect("html");
    assert!(
        connect.contains("https://t.me/ProvbyBot?start") && !connect.contains("ExempelbyBot"),
        "{connect}"
    );
}

#[tokio::test]
async fn the_deployment_administrator_adds_a_municipality_on_the_admin_page() {
    let deployment = deployment().await;
    let lillby = provby_config()
        .replace(r#"id = "provby""#, r#"id = "lillby""#)
        .replace("Provby kommun", "Lillby kommun");
    // Only an administrator of the deployment's own municipality may.
    for (via, username, allowed) in [
        (Via::Exempelby, "erik", false),
        (Via::ProvbyHost, "pia", false),
        (Via::Exempelby, "ada", true),
    ] {
        let (client, signed_in) = sign_in(&deployment, via, username).await;
        assert!(signed_in, "{username}");
        let page = deployment
            .request(&client, reqwest::Method::GET, "/staff/tenants?lang=en", via)
            .send()
            .await
            .expect("page");
        assert_eq!(
            page.status() == 200,
            allowed,
            "{username}: {}",
            page.status()
        );
    }
    let (ada, _) = sign_in(&deployment, Via::Exempelby, "ada").await;
    let page = deployment
        .request(
            &ada,
            reqwest::Method::GET,
            "/staff/tenants?lang=en",
            Via::Exempelby,
        )
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("Provby kommun") && page.contains(&deployment.widget_key),
        "{page}"
    );
    let csrf = hidden_csrf(&page);
    let post = |config: String, hosts: &'static str| {
        deployment
            .request(
                &ada,
                reqwest::Method::POST,
                "/staff/tenants?lang=en",
                Via::Exempelby,
            )
            .form(&[
                ("csrf", csrf.clone()),
                ("config", config),
                ("hosts", hosts.to_string()),
            ])
            .send()
    };
    let refused = post("[municipality]\nid = \"x\"\n".into(), "x.localhost")
        .await
        .expect("post")
        .text()
        .await
        .expect("html");
    assert!(
        refused.contains("role=\"alert\""),
        "a broken configuration is refused: {refused}"
    );
    let taken = post(lillby.clone(), PROVBY_HOST)
        .await
        .expect("post")
        .text()
        .await
        .expect("html");
    assert!(taken.contains("already served for provby"), "{taken}");
    let added = post(lillby, "assistent.lillby.localhost")
        .await
        .expect("post");
    assert_eq!(added.status(), 200);
    let config: Value = deployment
        .app
        .client
        .get(deployment.app.url("/api/v1/widget/config"))
        .header(HOST, "assistent.lillby.localhost")
        .send()
        .await
        .expect("config")
        .json()
        .await
        .expect("json");
    assert_eq!(config["municipality"], "Lillby kommun", "served at once");
}

#[tokio::test]
async fn volunteer_needs_and_volunteers_belong_to_their_municipality() {
    let deployment = deployment().await;
    let database = deployment.app.database().await;
    let needs_of = |municipality: &'static str| {
        let database = database.clone();
        async move {
            sqlx::query("SELECT id FROM volunteer_needs WHERE municipality_id = $1 ORDER BY id")
                .bind(municipality)
                .fetch_all(&database)
                .await
                .expect("needs")
                .iter()
                .map(|row| row.get::<i64, _>(0))
                .collect::<Vec<i64>>()
        }
    };
    let (exempelby, provby) = (needs_of("exempelby").await, needs_of("provby").await);
    assert!(
        !exempelby.is_empty() && !provby.is_empty(),
        "demo needs for each"
    );
    for (via, username, own, other) in [
        (Via::Exempelby, "ada", &exempelby, &provby),
        (Via::ProvbyHost, "pia", &provby, &exempelby),
    ] {
        let (coordinator, _) = sign_in(&deployment, via, username).await;
        let status = |path: String| {
            let request = deployment.request(&coordinator, reqwest::Method::GET, &path, via);
            async move { request.send().await.expect("page").status().as_u16() }
        };
        assert_eq!(
            status(format!("/staff/volunteering/{}", own[0])).await,
            200,
            "{username}"
        );
        assert_eq!(
            status(format!("/staff/volunteering/{}", other[0])).await,
            404,
            "{username}"
        );
        assert_eq!(
            status(format!("/staff/volunteering/{}/volunteers.csv", other[0])).await,
            404,
            "{username}"
        );
    }
    // A volunteer in Provby's chat is offered Provby's needs only.
    let (_, first) = deployment
        .chat(Via::ProvbyHost, json!({ "text": "jag vill hjälpa till" }))
        .await;
    let id = first["conversation_id"].as_str().expect("id").to_string();
    let mut last = first;
    for choice in [
        "volunteer-anything",
        "volunteer-languages-sv",
        "volunteer-when-any",
        "volunteer-where-anywhere",
        "volunteer-age-adult",
        "volunteer-yes",
        "volunteer-yes",
    ] {
        let (status, reply) = deployment
            .chat(
                Via::ProvbyHost,
                json!({ "conversation_id": id, "topic": choice, "text": "" }),
            )
            .await;
        assert_eq!(status, 200, "{reply}");
        last = reply;
    }
    let offered: Vec<i64> = last["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|choice| {
            choice["topic"]
                .as_str()?
                .strip_prefix("volunteer-need-")?
                .parse()
                .ok()
        })
        .collect();
    assert!(!offered.is_empty(), "{last}");
    assert!(
        offered.iter().all(|need| provby.contains(need)),
        "{offered:?} of {provby:?}"
    );
}
