//! `spawn_app`: the real service on a free port with its own data directory.

use std::net::SocketAddr;

use civic_assistant::channels::telegram::TelegramSettings;
use civic_assistant::config::{Overrides, Settings};
use civic_assistant::residents::ResidentSettings;
use serde_json::{Value, json};
use sqlx::any::AnyPoolOptions;
use tempfile::TempDir;

/// Set to a PostgreSQL server URL (`postgres://user@host/postgres`) to run the suite against
/// PostgreSQL: each test then gets a database of its own on that server. SQLite otherwise.
pub const TEST_DATABASE_ENV: &str = "CIVIC_ASSISTANT_TEST_POSTGRES";

/// Set to a file path to keep the logs of every in-process instance as JSON lines, at debug
/// level: `scripts/check-logs` then fails the run if a personal identity number is in them.
pub const TEST_LOGS_ENV: &str = "CIVIC_ASSISTANT_TEST_LOGS";

/// Sends this test binary's logs to the file `TEST_LOGS_ENV` names, once; nowhere otherwise.
fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let Some(path) = std::env::var_os(TEST_LOGS_ENV).filter(|path| !path.is_empty()) else {
            return;
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .expect("the test log file");
        // Everything the service says, but not the libraries' wire chatter.
        let filter = tracing_subscriber::EnvFilter::new(
            "debug,tantivy=warn,sqlx=info,hyper=info,hyper_util=info,h2=info,reqwest=info,handlebars=info,\
             cookie_store=info,tower=info,tower_http=debug",
        );
        // Another subscriber set first (none is today) would keep the logs; that is fine.
        let _ = tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_env_filter(filter)
            .with_writer(std::sync::Mutex::new(file))
            .try_init();
    });
}

pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    /// Kept so the directory lives as long as the test.
    pub _data_dir: TempDir,
    pub database_url: String,
}

/// A fresh database for one test: a new PostgreSQL database when the suite runs against a
/// server, else an SQLite file in `data_dir`.
pub async fn fresh_database(data_dir: &std::path::Path) -> String {
    match std::env::var(TEST_DATABASE_ENV) {
        Ok(server) if !server.is_empty() => {
            sqlx::any::install_default_drivers();
            let name = format!("civic_test_{}", uuid::Uuid::new_v4().simple());
            let admin = AnyPoolOptions::new()
                .max_connections(1)
                .connect(&server)
                .await
                .expect("connect to the PostgreSQL test server");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("create a test database");
            admin.close().await;
            let (base, _) = server
                .rsplit_once('/')
                .expect("a server URL ending in /database");
            format!("{base}/{name}")
        }
        _ => format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("civic-assistant.db").display()
        ),
    }
}

/// Starts the service as `serve` does, on 127.0.0.1:0 with a fresh data directory.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(None).await
}

/// `spawn_app` with a Telegram bot.
pub async fn spawn_app_with(telegram: Option<TelegramSettings>) -> TestApp {
    spawn_app_configured(telegram, Overrides::default()).await
}

/// `spawn_app` with a Telegram bot and the operator's overrides (limits, proxies, TLS).
pub async fn spawn_app_configured(
    telegram: Option<TelegramSettings>,
    overrides: Overrides,
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let database_url = fresh_database(data_dir.path()).await;
    let launch = Launch {
        telegram,
        overrides,
        ..Launch::default()
    };
    spawn_instance_with(database_url, data_dir, launch).await
}

/// A listener on a free port of 127.0.0.1, for a service whose address must be known before
/// it starts (the e-ID broker needs its callback URL).
pub async fn bind() -> tokio::net::TcpListener {
    tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
}

/// The service on `listener`, with a Telegram bot and resident sign-in as given. Demo mode
/// is on, as in every test: the demo residents are the test residents.
pub async fn spawn_app_on(
    listener: tokio::net::TcpListener,
    telegram: Option<TelegramSettings>,
    residents: ResidentSettings,
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let database_url = fresh_database(data_dir.path()).await;
    let launch = Launch {
        telegram,
        residents,
        listener: Some(listener),
        ..Launch::default()
    };
    spawn_instance_with(database_url, data_dir, launch).await
}

/// Starts one more instance of the service on `database_url` (several instances share one
/// PostgreSQL database), with its own data directory.
pub async fn spawn_instance(
    database_url: String,
    data_dir: TempDir,
    telegram: Option<TelegramSettings>,
) -> TestApp {
    let launch = Launch {
        telegram,
        ..Launch::default()
    };
    spawn_instance_with(database_url, data_dir, launch).await
}

/// How an instance is started, beyond its database.
#[derive(Default)]
pub struct Launch {
    pub telegram: Option<TelegramSettings>,
    pub overrides: Overrides,
    pub residents: ResidentSettings,
    /// A listener bound beforehand; a free port when `None`.
    pub listener: Option<tokio::net::TcpListener>,
}

/// `spawn_instance` as `launch` says.
pub async fn spawn_instance_with(
    database_url: String,
    data_dir: TempDir,
    launch: Launch,
) -> TestApp {
    capture_logs();
    let settings = Settings {
        addr: "127.0.0.1:0".into(),
        data_dir: data_dir.path().to_path_buf(),
        database_url: Some(database_url.clone()),
        content_dir: None,
        telegram: launch.telegram,
        demo: true,
        overrides: launch.overrides,
        residents: launch.residents,
    };
    let listener = match launch.listener {
        Some(listener) => listener,
        None => bind().await,
    };
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        if let Err(error) = civic_assistant::run(settings, listener, std::future::pending()).await {
            panic!("service failed: {error:#}");
        }
    });
    let app = TestApp {
        address,
        client: reqwest::Client::new(),
        _data_dir: data_dir,
        database_url,
    };
    // Its start-up (migrations, demo data) is done before a test touches the database too.
    app.ready().await;
    app
}

/// Adds the municipality configured in `config` to the deployment on `database_url`, served
/// on `host`, as an operator does (`civic-assistant tenant add`); returns its widget key.
pub fn add_tenant(database_url: &str, config: &std::path::Path, host: &str) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
        .args([
            "tenant",
            "add",
            "--host",
            host,
            "--database-url",
            database_url,
        ])
        .arg("--config")
        .arg(config)
        .output()
        .expect("tenant add");
    let printed = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    printed
        .lines()
        .find_map(|line| line.strip_prefix("widget key: "))
        .expect("the widget key is printed")
        .to_string()
}

/// The application value as `run` builds it (a fresh database, the shipped content), for
/// tests that drive the router directly; the directory holds the database.
pub async fn app_value(overrides: Overrides) -> (civic_assistant::App, TempDir) {
    let data_dir = tempfile::tempdir().expect("temporary directory");
    let store = civic_assistant::store::Store::open(&fresh_database(data_dir.path()).await)
        .await
        .expect("the store");
    let content = civic_assistant::content::Content::embedded();
    let assistant = civic_assistant::chat::Assistant::load(&content).expect("the content loads");
    store
        .ensure_municipality(&assistant.municipality.id, &assistant.municipality.name)
        .await
        .expect("the municipality");
    let safeguards = assistant.municipality.safeguards.overridden_by(&overrides);
    let residents = civic_assistant::residents::Residents {
        keyring: civic_assistant::residents::Keyring::load(
            Some("a test secret that is long enough for the hmac"),
            data_dir.path(),
        )
        .expect("the key secret"),
        demo: false,
    };
    (
        civic_assistant::App::new(store, assistant, content, safeguards, residents, None),
        data_dir,
    )
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// The HTML page at `path` as `client` (with its cookies) gets it, and the CSRF token of
    /// its forms.
    pub async fn page_and_csrf(&self, client: &reqwest::Client, path: &str) -> (String, String) {
        let page = client
            .get(self.url(path))
            .send()
            .await
            .expect("the page")
            .text()
            .await
            .expect("html");
        let csrf = crate::staff::hidden_csrf(&page);
        (page, csrf)
    }

    /// POSTs a chat message and returns the status and the JSON body.
    pub async fn chat(&self, body: Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.url("/api/v1/chat"))
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Sends `text` in `conversation` (a new one when `None`) and returns the reply.
    pub async fn say(&self, conversation: Option<&str>, text: &str) -> Value {
        let mut body = json!({ "text": text });
        if let Some(id) = conversation {
            body["conversation_id"] = json!(id);
        }
        let (status, reply) = self.chat(body).await;
        assert_eq!(status, 200, "{reply}");
        reply
    }

    /// Waits until the service has started (its start-up work, such as loading demo data,
    /// is done once it answers).
    pub async fn ready(&self) {
        for _ in 0..600 {
            let response = self.client.get(self.url("/readyz")).send().await;
            if response.is_ok_and(|response| response.status() == 200) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the service never became ready");
    }

    /// A browser of its own (a cookie jar), signed in as demo resident `index` (0 is
    /// "Tolvan", 1 is "Anna"), on Mina sidor.
    pub async fn demo_resident(&self, index: usize) -> reqwest::Client {
        let browser = browser();
        let response = browser
            .post(self.url("/mina-sidor/demo"))
            .form(&[("resident", index.to_string())])
            .send()
            .await
            .expect("demo sign-in");
        assert_eq!(response.status(), 200, "signed in and back on the page");
        browser
    }

    /// The service's own database, read directly.
    pub async fn database(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        AnyPoolOptions::new()
            .max_connections(2)
            .connect(&self.database_url)
            .await
            .expect("open the service's database")
    }
}

/// One line per reply: decision, topic or intent, language.
pub fn summary(reply: &Value) -> String {
    let field = |name: &str| reply[name].as_str().unwrap_or("-").to_string();
    format!(
        "{} {} {} {}",
        field("decision"),
        field("topic"),
        field("intent"),
        field("language")
    )
}

/// A client with a cookie jar, like a browser.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client")
}

/// POSTs a chat message from `client` and returns the status and the JSON body.
pub async fn chat_as(client: &reqwest::Client, app: &TestApp, body: Value) -> (u16, Value) {
    let response = client
        .post(app.url("/api/v1/chat"))
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}
