//! Each municipality signs its residents in through its own e-ID broker. Three municipalities
//! on one deployment: Exempelby (the default, its broker from the operator's settings),
//! Provby (its broker in its own `[e_id]`, the client secret in a file) and Norrby (no
//! `[e_id]`: no e-ID sign-in). A sign-in goes to the municipality's own broker and makes a
//! session that only that municipality accepts; a broker's callback delivered to another
//! municipality signs nobody in.

use reqwest::header::{COOKIE, HOST, SET_COOKIE};
use serde_json::json;

use crate::cli::configured_binary;
use crate::helpers::{
    Launch, TestApp, add_tenant, bind, fresh_database, spawn_instance, spawn_instance_with,
};
use crate::oidc::{Broker, CLIENT_ID, CLIENT_SECRET, settings, start_fake_broker};
use crate::tenants::{PROVBY_HOST, provby_config};

const NORRBY_HOST: &str = "assistent.norrby.localhost";

/// Norrby's municipality.toml: Provby's, renamed, without `[e_id]`.
fn norrby_config() -> String {
    provby_config()
        .replace("provby", "norrby")
        .replace("Provby", "Norrby")
}

/// Provby's `[e_id]` with its broker at `issuer`, the client secret named by `secret` (a
/// `client_secret_file` or `client_secret_env` line), the callback on Provby's host.
fn provby_e_id(issuer: &str, secret: &str, port: u16) -> String {
    format!(
        "\n[e_id]\nissuer_url = {issuer:?}\nclient_id = {CLIENT_ID:?}\n{secret}\n\
         redirect_url = \"http://{PROVBY_HOST}:{port}/mina-sidor/callback\"\n"
    )
}

struct Deployment {
    app: TestApp,
    exempelby_broker: Broker,
    provby_broker: Broker,
}

async fn deployment() -> Deployment {
    let exempelby_broker = start_fake_broker().await;
    let provby_broker = start_fake_broker().await;
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let database_url = fresh_database(data_dir.path()).await;
    let listener = bind().await;
    let service = listener.local_addr().expect("address");
    let secret_file = data_dir.path().join("provby-e-id-secret");
    std::fs::write(&secret_file, CLIENT_SECRET).expect("write the secret");
    let provby = data_dir.path().join("provby.toml");
    std::fs::write(
        &provby,
        provby_config()
            + &provby_e_id(
                &provby_broker.issuer,
                &format!(
                    "client_secret_file = {:?}",
                    secret_file.display().to_string()
                ),
                service.port(),
            ),
    )
    .expect("write Provby's configuration");
    add_tenant(&database_url, &provby, PROVBY_HOST);
    let norrby = data_dir.path().join("norrby.toml");
    std::fs::write(&norrby, norrby_config()).expect("write Norrby's configuration");
    add_tenant(&database_url, &norrby, NORRBY_HOST);
    let launch = Launch {
        residents: settings(&exempelby_broker.issuer, service),
        listener: Some(listener),
        ..Launch::default()
    };
    let app = spawn_instance_with(database_url, data_dir, launch).await;
    Deployment {
        app,
        exempelby_broker,
        provby_broker,
    }
}

/// A browser that keeps no cookies and follows no redirects: each step below says which
/// cookie it sends and to which municipality, so a cookie can be carried to another one.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

impl Deployment {
    /// GETs `path` on `host` (the default municipality when `None`) with `cookie`.
    async fn get(&self, host: Option<&str>, path: &str, cookie: &str) -> reqwest::Response {
        let mut request = browser().get(self.app.url(path)).header(COOKIE, cookie);
        if let Some(host) = host {
            request = request.header(HOST, host);
        }
        request.send().await.expect("request")
    }

    /// Begins a sign-in on `host`: where the browser is sent, and its sign-in cookie.
    async fn begin(&self, host: Option<&str>) -> (String, String) {
        let response = self
            .get(host, "/mina-sidor/logga-in?return=%2Fmina-sidor", "")
            .await;
        assert!(response.status().is_redirection(), "{}", response.status());
        let cookie = cookie(&response, "mina_login").expect("the sign-in cookie");
        (location(&response), cookie)
    }

    /// Delivers the broker's redirect `callback` to `host` with `login_cookie`: the status
    /// and the session cookie, if one was made.
    async fn callback(
        &self,
        host: Option<&str>,
        callback: &str,
        login_cookie: &str,
    ) -> (u16, Option<String>) {
        let url = reqwest::Url::parse(callback).expect("the callback is a URL");
        let path = format!("{}?{}", url.path(), url.query().unwrap_or_default());
        let response = self.get(host, &path, login_cookie).await;
        (
            response.status().as_u16(),
            cookie(&response, "mina_session"),
        )
    }

    /// The status of `/api/v1/me/cases` on `host` with `session`.
    async fn my_cases(&self, host: Option<&str>, session: &str) -> u16 {
        self.get(host, "/api/v1/me/cases", session)
            .await
            .status()
            .as_u16()
    }

    /// Mina sidor on `host` with `session`.
    async fn page(&self, host: Option<&str>, session: &str) -> String {
        self.get(host, "/mina-sidor", session)
            .await
            .text()
            .await
            .expect("html")
    }
}

/// The broker answers the authorization at once (the resident "signs in"): the callback
/// it sends the browser to.
async fn at_broker(authorize: &str) -> String {
    let response = browser().get(authorize).send().await.expect("authorize");
    location(&response)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string()
}

/// `name=value` of the cookie `name` the response sets, if it sets one with a value.
fn cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| {
            pair.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('='))
                .is_some_and(|value| !value.is_empty())
        })
        .map(str::to_string)
}

#[tokio::test]
async fn each_municipality_signs_in_through_its_own_broker_and_its_sessions_stay_there() {
    let deployment = deployment().await;
    let port = deployment.app.address.port();

    // Each sign-in goes to the municipality's own broker, to come back to its own host.
    let (authorize, _) = deployment.begin(None).await;
    assert!(
        authorize.starts_with(&format!(
            "{}/authorize?",
            deployment.exempelby_broker.issuer
        )),
        "{authorize}"
    );
    let (authorize, login) = deployment.begin(Some(PROVBY_HOST)).await;
    assert!(
        authorize.starts_with(&format!("{}/authorize?", deployment.provby_broker.issuer)),
        "{authorize}"
    );
    let callback = at_broker(&authorize).await;
    assert!(
        callback.starts_with(&format!("http://{PROVBY_HOST}:{port}/mina-sidor/callback?")),
        "{callback}"
    );
    let (status, session) = deployment
        .callback(Some(PROVBY_HOST), &callback, &login)
        .await;
    assert_eq!(status, 303, "signed in on Provby");
    let session = session.expect("a session cookie");

    // Provby knows the resident; Exempelby and Norrby do not, with the very same cookie.
    assert_eq!(deployment.my_cases(Some(PROVBY_HOST), &session).await, 200);
    assert_eq!(deployment.my_cases(None, &session).await, 401);
    assert_eq!(deployment.my_cases(Some(NORRBY_HOST), &session).await, 401);
    assert!(
        deployment
            .page(Some(PROVBY_HOST), &session)
            .await
            .contains("Logga ut")
    );
    for host in [None, Some(NORRBY_HOST)] {
        let html = deployment.page(host, &session).await;
        assert!(!html.contains("Logga ut"), "{host:?} is signed out: {html}");
    }
    // Signing out on another municipality's host does not end Provby's session.
    let signed_out_elsewhere = browser()
        .post(deployment.app.url("/mina-sidor/logga-ut"))
        .header(COOKIE, &session)
        .form(&[("csrf", "none")])
        .send()
        .await
        .expect("sign out");
    assert!(signed_out_elsewhere.status().is_redirection());
    assert_eq!(deployment.my_cases(Some(PROVBY_HOST), &session).await, 200);

    // The session and the sign-in are Provby's in the database.
    let database = deployment.app.database().await;
    let municipalities: Vec<String> =
        sqlx::query_scalar("SELECT municipality_id FROM resident_sessions")
            .fetch_all(&database)
            .await
            .expect("sessions");
    assert_eq!(municipalities, ["provby"]);

    // The chat sends a resident who asks about their case to their own municipality's
    // sign-in, at the origin of its callback.
    for (host, origin) in [
        (None, format!("http://127.0.0.1:{port}")),
        (Some(PROVBY_HOST), format!("http://{PROVBY_HOST}:{port}")),
    ] {
        let mut request = browser()
            .post(deployment.app.url("/api/v1/chat"))
            .json(&json!({ "text": "hur går det med min ansökan?" }));
        if let Some(host) = host {
            request = request.header(HOST, host);
        }
        let reply: serde_json::Value = request
            .send()
            .await
            .expect("chat")
            .json()
            .await
            .expect("json");
        let link = reply["links"][0]["url"].as_str().unwrap_or_default();
        assert_eq!(
            link,
            format!("{origin}/mina-sidor/logga-in?return=%2Fmina-sidor"),
            "{reply}"
        );
    }
}

#[tokio::test]
async fn a_broker_s_callback_signs_nobody_in_at_another_municipality() {
    let deployment = deployment().await;

    // Provby's broker sends the browser back; the callback reaches Exempelby's or Norrby's
    // host instead (a forged or misrouted redirect): nobody is signed in there.
    let (authorize, login) = deployment.begin(Some(PROVBY_HOST)).await;
    let callback = at_broker(&authorize).await;
    assert_eq!(
        deployment.callback(None, &callback, &login).await,
        (400, None),
        "Exempelby refuses Provby's sign-in"
    );
    assert_eq!(
        deployment
            .callback(Some(NORRBY_HOST), &callback, &login)
            .await,
        (503, None),
        "Norrby has no e-ID sign-in"
    );
    // The refusals were about the municipality: Provby itself still finishes it.
    let (status, session) = deployment
        .callback(Some(PROVBY_HOST), &callback, &login)
        .await;
    assert_eq!(status, 303);
    assert!(session.is_some());

    // And the other way round: Exempelby's sign-in does not finish on Provby.
    let (authorize, login) = deployment.begin(None).await;
    let callback = at_broker(&authorize).await;
    assert_eq!(
        deployment
            .callback(Some(PROVBY_HOST), &callback, &login)
            .await,
        (400, None),
        "Provby refuses Exempelby's sign-in"
    );
    let (status, session) = deployment.callback(None, &callback, &login).await;
    assert_eq!(status, 303);
    let session = session.expect("a session on Exempelby");
    assert_eq!(deployment.my_cases(None, &session).await, 200);
    assert_eq!(deployment.my_cases(Some(PROVBY_HOST), &session).await, 401);
}

#[tokio::test]
async fn a_municipality_without_e_id_settings_offers_no_e_id_sign_in() {
    let deployment = deployment().await;
    let norrby = deployment.page(Some(NORRBY_HOST), "").await;
    assert!(!norrby.contains("/mina-sidor/logga-in"), "{norrby}");
    assert!(
        norrby.contains("Inloggning med e-legitimation är inte påslagen här."),
        "{norrby}"
    );
    let begin = deployment
        .get(Some(NORRBY_HOST), "/mina-sidor/logga-in", "")
        .await;
    assert_eq!(begin.status(), 503);
    let provby = deployment.page(Some(PROVBY_HOST), "").await;
    assert!(provby.contains(r#"href="/mina-sidor/logga-in"#), "{provby}");
}

#[tokio::test]
async fn a_tenant_s_missing_e_id_secret_is_named_by_config_check_and_stops_only_its_sign_in() {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let database_url = fresh_database(data_dir.path()).await;
    let config = data_dir.path().join("provby.toml");
    let e_id = provby_e_id(
        "https://eid.provby.example",
        r#"client_secret_env = "CIVIC_ASSISTANT_TEST_PROVBY_E_ID_SECRET""#,
        443,
    );
    std::fs::write(&config, provby_config() + &e_id).expect("write the configuration");
    // `tenant add` stores it: the secret may be set only where the service runs.
    add_tenant(&database_url, &config, PROVBY_HOST);
    let output = configured_binary(data_dir.path())
        .args(["config", "check", "--database-url", &database_url])
        .env_remove("CIVIC_ASSISTANT_TEST_PROVBY_E_ID_SECRET")
        .output()
        .expect("config check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "e-id: provby: e_id: the environment variable CIVIC_ASSISTANT_TEST_PROVBY_E_ID_SECRET is not set"
        ),
        "{stderr}"
    );

    // With the secret there, the check lists each municipality's broker.
    let output = configured_binary(data_dir.path())
        .args(["config", "check", "--database-url", &database_url])
        .env("CIVIC_ASSISTANT_TEST_PROVBY_E_ID_SECRET", "provby-s3cret")
        .output()
        .expect("config check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("e-id      exempelby: off"), "{stdout}");
    assert!(
        stdout.contains("e-id      provby: broker https://eid.provby.example"),
        "{stdout}"
    );
    assert!(!stdout.contains("provby-s3cret"), "{stdout}");

    // Served where the secret is missing, the other municipalities are served as ever and
    // Provby only goes without e-ID sign-in.
    let app = spawn_instance(database_url, data_dir, None).await;
    let provby = app
        .client
        .get(app.url("/mina-sidor"))
        .header(HOST, PROVBY_HOST)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        provby.contains("Provby")
            && provby.contains("Inloggning med e-legitimation är inte påslagen här."),
        "{provby}"
    );
    let (status, _) = app.chat(json!({ "text": "hej" })).await;
    assert_eq!(status, 200);
}
