//! The command line: `serve`, `ask`, `check`, `config check`, `staff`, `eval`.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::channels::telegram::{TelegramSettings, Webhook};
use crate::chat::{Assistant, Context, Turn};
use crate::config::{Overrides, Settings};
use crate::content::Content;

#[derive(Debug, Parser)]
#[command(
    name = "civic-assistant",
    version,
    about = "A municipality's assistant for its residents"
)]
pub struct Cli {
    /// How log lines are written to standard error: `text` for people, `json` (one object a
    /// line) for a log collector.
    #[arg(
        long,
        global = true,
        env = "CIVIC_ASSISTANT_LOG_FORMAT",
        value_enum,
        default_value_t = LogFormat::Text
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

// The command line is parsed once at start-up: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API and the demo page.
    Serve(ServeArgs),
    /// Answer TEXT, or each line of standard input, without a server or database.
    Ask(AskArgs),
    /// Validate knowledge/, intents/, locales/ and municipality.toml.
    Check(ContentArgs),
    /// The service's configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Manage staff accounts.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Run a question set against the current content and show what got worse since the
    /// last run (the answer-quality loop).
    Eval(EvalArgs),
    /// Copy an installation to another database (SQLite to PostgreSQL) and verify the copy
    /// table by table with counts and checksums. The target must be empty.
    MigrateStore(MigrateStoreArgs),
    /// Manage the municipalities served by this deployment.
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Delete conversations and review records older than the retention period.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Keys of the case systems that call the integration API.
    #[command(subcommand)]
    Integration(IntegrationCommand),
    /// Import cases from a case system's export (CSV or JSON lines); a file with any bad row
    /// is rejected whole.
    ImportCases(ImportCasesArgs),
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Run the retention job once (as `serve` does hourly) and print what it deleted.
    Run(RetentionArgs),
}

#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// Days to keep; `[privacy] retention_days` of municipality.toml (90) when absent.
    #[arg(long, env = "CIVIC_ASSISTANT_RETENTION_DAYS")]
    pub retention_days: Option<u32>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub content: ContentArgs,
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Add a municipality (or update one) from its municipality.toml, served on the given
    /// host names; prints its widget key.
    Add(TenantAddArgs),
    /// List the municipalities with their hosts and widget keys.
    List(TenantListArgs),
}

#[derive(Debug, Args)]
pub struct TenantAddArgs {
    /// The municipality's municipality.toml (its name, languages, facts, branding, origins).
    #[arg(long)]
    pub config: PathBuf,
    /// A host name the municipality is served on; repeat for several.
    #[arg(long = "host")]
    pub hosts: Vec<String>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub content: ContentArgs,
}

#[derive(Debug, Subcommand)]
pub enum IntegrationCommand {
    /// Create an API key for a case system and print it (once: only its hash is kept).
    AddKey(AddKeyArgs),
}

#[derive(Debug, Args)]
pub struct AddKeyArgs {
    /// The system's name as it appears in the API path (lowercase, digits, hyphens).
    #[arg(long)]
    pub system: String,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub content: ContentArgs,
}

#[derive(Debug, Args)]
pub struct ImportCasesArgs {
    /// The file: `.csv` with a header row, or JSON lines.
    pub file: PathBuf,
    /// The case system the file comes from (its cases' ids are its own).
    #[arg(long)]
    pub system: String,
    /// The secret personnummer are hashed under; the data directory's when absent.
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_RESIDENT_KEY_SECRET",
        hide_env_values = true
    )]
    pub resident_key_secret: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub content: ContentArgs,
}

#[derive(Debug, Args)]
pub struct TenantListArgs {
    #[command(flatten)]
    pub store: StoreArgs,
}

/// `tenant add`: checks the configuration against the shared content, stores it, and tells
/// running instances (on PostgreSQL) to start serving it.
pub fn tenant_add(args: &TenantAddArgs) -> anyhow::Result<()> {
    let config = std::fs::read_to_string(&args.config)
        .with_context(|| format!("reading {}", args.config.display()))?;
    let shared = args.content.content()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let store = args.store.open().await?;
        let tenant = crate::tenants::add(&store, &shared, &config, &args.hosts).await?;
        let mut connection = store.pool.acquire().await?;
        crate::content_sync::announce(&store, &mut connection, &tenant.id).await?;
        println!("{} ({})", tenant.id, tenant.name);
        println!("hosts: {}", tenant.hosts.join(", "));
        println!("widget key: {}", tenant.widget_key.unwrap_or_default());
        if store.backend == crate::store::Backend::Sqlite {
            println!("restart the service to serve it");
        }
        anyhow::Ok(())
    })
}

/// `tenant list`: one line per municipality.
pub fn tenant_list(args: &TenantListArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let store = args.store.open().await?;
        for tenant in crate::tenants::list(&store).await? {
            let kind = if tenant.config.is_some() {
                "tenant"
            } else {
                "default"
            };
            println!(
                "{}\t{}\t{}\t{}\t{}",
                tenant.id,
                tenant.name,
                kind,
                tenant.hosts.join(","),
                tenant.widget_key.unwrap_or_default()
            );
        }
        anyhow::Ok(())
    })
}

#[derive(Debug, Args)]
pub struct MigrateStoreArgs {
    /// The database to copy from (sqlite://… or postgres://…).
    #[arg(long)]
    pub from: String,
    /// The empty database to copy to; its migrations are applied first.
    #[arg(long)]
    pub to: String,
}

/// Runs one database step of a command again while SQLite reports the database locked: a
/// command run beside the service can meet one of its writes at the wrong moment, and each
/// step here either happened whole or not at all, so trying it again is safe.
async fn when_unlocked<T, F, Fut>(mut step: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<T>>,
{
    let mut attempt: u64 = 0;
    loop {
        match step().await {
            Err(error) if attempt < 3 && format!("{error:#}").contains("database is locked") => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100 * attempt)).await;
            }
            outcome => return outcome,
        }
    }
}

/// `migrate-store`: copies, verifies and prints one line per table.
pub fn migrate_store(args: &MigrateStoreArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let source = crate::store::Store::open(&args.from)
            .await
            .context("opening the source database")?;
        let target = crate::store::Store::open(&args.to)
            .await
            .context("opening the target database")?;
        println!("{:<24} {:>10}  sha256", "table", "rows");
        let reports = crate::store::transfer::transfer(&source, &target, |report| {
            println!(
                "{:<24} {:>10}  {}",
                report.table, report.rows, report.checksum
            );
        })
        .await?;
        let rows: u64 = reports.iter().map(|report| report.rows).sum();
        println!("copied and verified {} tables, {rows} rows", reports.len());
        anyhow::Ok(())
    })
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Questions, one JSON object a line: {"q", "lang", "topic"} (topic: an id, "none" or "intent:ID").
    pub questions: PathBuf,
    /// Where the last run is kept, to compare the next one with.
    #[arg(long, default_value = "data/eval-last.json")]
    pub state: PathBuf,
    #[command(flatten)]
    pub content: ContentArgs,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Read the configuration as `serve` does (options, environment, the content and its
    /// municipality.toml) and report what it found or what is wrong (exit code 2), without
    /// serving or writing to the database.
    Check(ServeArgs),
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff account; the password is read from standard input (one line).
    AddUser(AddUserArgs),
}

#[derive(Debug, Args)]
pub struct AddUserArgs {
    #[arg(long)]
    pub username: String,
    /// The name shown in the pages; the username when absent.
    #[arg(long)]
    pub name: Option<String>,
    /// editor, agent, coordinator or admin; repeat for several.
    #[arg(long = "role", required = true)]
    pub roles: Vec<String>,
    /// The municipality (a tenant's id) the account belongs to; the content's when absent.
    #[arg(long)]
    pub municipality: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub content: ContentArgs,
}

/// Where the database is.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Directory for the embedded database.
    #[arg(long, env = "CIVIC_ASSISTANT_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Database URL (sqlite://… or postgres://…); an SQLite file in the data directory when absent.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
}

impl StoreArgs {
    /// The configured database, or the SQLite file in the data directory.
    pub async fn open(&self) -> anyhow::Result<crate::store::Store> {
        Ok(crate::store::Store::open(&self.database_url()).await?)
    }
}

#[derive(Debug, Args)]
pub struct ContentArgs {
    /// A municipality's own content directory (knowledge/, intents/, locales/,
    /// municipality.toml); the content compiled into the binary when absent.
    #[arg(long, env = "CIVIC_ASSISTANT_CONTENT_DIR")]
    pub content_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CIVIC_ASSISTANT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub content: ContentArgs,
    #[command(flatten)]
    pub telegram: TelegramArgs,
    /// Load example volunteer needs into a municipality that has none, and offer fictional
    /// demo residents on Mina sidor, to try the portal.
    #[arg(long, env = "CIVIC_ASSISTANT_DEMO")]
    pub demo: bool,
    #[command(flatten)]
    pub safeguards: SafeguardArgs,
    #[command(flatten)]
    pub residents: ResidentArgs,
}

/// Overrides of `[limits]`, `[privacy]` and `[web]` in municipality.toml.
#[derive(Debug, Args)]
pub struct SafeguardArgs {
    /// Requests to the API per minute from one client address (0: no limit).
    #[arg(long, env = "CIVIC_ASSISTANT_REQUESTS_PER_MINUTE_PER_IP")]
    pub requests_per_minute_per_ip: Option<u32>,
    /// Chat messages per minute in one conversation (0: no limit).
    #[arg(long, env = "CIVIC_ASSISTANT_MESSAGES_PER_MINUTE_PER_CONVERSATION")]
    pub messages_per_minute_per_conversation: Option<u32>,
    /// Messages per minute from one Telegram chat (0: no limit).
    #[arg(long, env = "CIVIC_ASSISTANT_MESSAGES_PER_MINUTE_PER_TELEGRAM_CHAT")]
    pub messages_per_minute_per_telegram_chat: Option<u32>,
    /// Seconds an HTTP request may take (0: no limit); the conversation stream has none.
    #[arg(long, env = "CIVIC_ASSISTANT_REQUEST_TIMEOUT_SECONDS")]
    pub request_timeout_seconds: Option<u64>,
    /// Days conversations and review records are kept.
    #[arg(long, env = "CIVIC_ASSISTANT_RETENTION_DAYS")]
    pub retention_days: Option<u32>,
    /// The service is reached only over HTTPS: send Strict-Transport-Security.
    #[arg(long, env = "CIVIC_ASSISTANT_BEHIND_TLS")]
    pub behind_tls: Option<bool>,
    /// Proxies whose X-Forwarded-For is believed: addresses or networks, comma-separated.
    #[arg(long, env = "CIVIC_ASSISTANT_TRUSTED_PROXIES", value_delimiter = ',', value_parser = crate::config::parse_proxy)]
    pub trusted_proxies: Option<Vec<ipnet::IpNet>>,
}

impl SafeguardArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            requests_per_minute_per_ip: self.requests_per_minute_per_ip,
            messages_per_minute_per_conversation: self.messages_per_minute_per_conversation,
            messages_per_minute_per_telegram_chat: self.messages_per_minute_per_telegram_chat,
            request_timeout_seconds: self.request_timeout_seconds,
            retention_days: self.retention_days,
            behind_tls: self.behind_tls,
            trusted_proxies: self.trusted_proxies.clone(),
        }
    }
}

/// Resident sign-in to Mina sidor through an e-ID broker (OpenID Connect): the default
/// municipality's broker (other municipalities name theirs in their `[e_id]`).
#[derive(Debug, Args)]
pub struct ResidentArgs {
    /// The broker's issuer URL (its /.well-known/openid-configuration is read).
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_OIDC_ISSUER_URL",
        requires_all = ["oidc_client_id", "oidc_client_secret", "oidc_redirect_url"]
    )]
    pub oidc_issuer_url: Option<String>,
    /// The client id the broker gave this service.
    #[arg(long, env = "CIVIC_ASSISTANT_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,
    /// The client secret the broker gave this service.
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_OIDC_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oidc_client_secret: Option<String>,
    /// This service's https://…/mina-sidor/callback, as registered with the broker.
    #[arg(long, env = "CIVIC_ASSISTANT_OIDC_REDIRECT_URL")]
    pub oidc_redirect_url: Option<String>,
    /// The ID token claim holding the personnummer.
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_OIDC_PERSONAL_NUMBER_CLAIM",
        default_value = crate::residents::oidc::DEFAULT_PERSONAL_NUMBER_CLAIM
    )]
    pub oidc_personal_number_claim: String,
    /// The scopes to ask for.
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_OIDC_SCOPES",
        default_value = crate::residents::oidc::DEFAULT_SCOPES
    )]
    pub oidc_scopes: String,
    /// The secret personnummer are hashed under (HMAC-SHA256, at least 32 characters); one
    /// is made and kept in the data directory when absent.
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_RESIDENT_KEY_SECRET",
        hide_env_values = true
    )]
    pub resident_key_secret: Option<String>,
}

impl ResidentArgs {
    pub fn settings(&self) -> crate::residents::ResidentSettings {
        let oidc = match (
            &self.oidc_issuer_url,
            &self.oidc_client_id,
            &self.oidc_client_secret,
            &self.oidc_redirect_url,
        ) {
            (Some(issuer), Some(client_id), Some(secret), Some(redirect)) => {
                Some(crate::residents::oidc::OidcSettings {
                    issuer_url: issuer.clone(),
                    client_id: client_id.clone(),
                    client_secret: secret.clone(),
                    redirect_url: redirect.clone(),
                    personal_number_claim: self.oidc_personal_number_claim.clone(),
                    scopes: self.oidc_scopes.clone(),
                })
            }
            _ => None,
        };
        crate::residents::ResidentSettings {
            oidc,
            key_secret: self.resident_key_secret.clone(),
        }
    }
}

/// The Telegram bot; it runs when a token is given.
#[derive(Debug, Args)]
pub struct TelegramArgs {
    /// The bot token from BotFather.
    #[arg(long, env = "CIVIC_ASSISTANT_TELEGRAM_TOKEN", hide_env_values = true)]
    pub telegram_token: Option<String>,
    /// The Bot API base URL (Telegram's own by default; a local emulator in tests).
    #[arg(long, env = "CIVIC_ASSISTANT_TELEGRAM_API_URL")]
    pub telegram_api_url: Option<String>,
    /// Webhook mode: the public HTTPS URL of /api/v1/telegram/webhook. Long polling when absent.
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_TELEGRAM_WEBHOOK_URL",
        requires = "telegram_webhook_secret"
    )]
    pub telegram_webhook_url: Option<String>,
    /// The secret Telegram sends with every webhook request (1–256 of A–Z, a–z, 0–9, _ and -).
    #[arg(
        long,
        env = "CIVIC_ASSISTANT_TELEGRAM_WEBHOOK_SECRET",
        hide_env_values = true
    )]
    pub telegram_webhook_secret: Option<String>,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// Print one JSON object per answer (language, decision, topic, intent, text, …).
    #[arg(long)]
    pub json: bool,
    /// With --json: add the best knowledge hits and their scores, for calibration.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub content: ContentArgs,
    /// The question; each line of standard input when absent.
    pub text: Vec<String>,
}

impl ServeArgs {
    pub fn settings(&self) -> Settings {
        Settings {
            addr: self.addr.clone(),
            data_dir: self.store.data_dir.clone(),
            database_url: self.store.database_url.clone(),
            content_dir: self.content.content_dir.clone(),
            telegram: self
                .telegram
                .telegram_token
                .clone()
                .map(|token| TelegramSettings {
                    token,
                    api_url: self.telegram.telegram_api_url.clone(),
                    webhook: self
                        .telegram
                        .telegram_webhook_url
                        .clone()
                        .zip(self.telegram.telegram_webhook_secret.clone())
                        .map(|(url, secret)| Webhook { url, secret }),
                }),
            demo: self.demo,
            overrides: self.safeguards.overrides(),
            residents: self.residents.settings(),
        }
    }
}

impl StoreArgs {
    /// The database URL to use: the given one, or an SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        crate::config::database_url(&self.data_dir, self.database_url.as_deref())
    }
}

impl ContentArgs {
    pub fn load(&self) -> anyhow::Result<Assistant> {
        Ok(Assistant::load(&self.content()?)?)
    }

    /// The content files: the directory's, or the ones compiled in.
    pub fn content(&self) -> anyhow::Result<Content> {
        Content::configured(self.content_dir.as_deref()).context("reading the content directory")
    }
}

#[derive(Serialize)]
struct AskAnswer<'a> {
    language: &'a str,
    decision: &'a str,
    topic: Option<String>,
    intent: Option<&'a str>,
    confidence: f32,
    choices: Vec<String>,
    text: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hits: Vec<(String, f32, f32, f32)>,
}

/// `ask`: each question is its own conversation, answered by the core alone.
pub fn ask(args: &AskArgs) -> anyhow::Result<()> {
    let assistant = args.content.load()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut answer = |question: &str| -> anyhow::Result<()> {
        let turn = Turn {
            text: question.to_string(),
            ..Turn::default()
        };
        let reply = assistant.respond(&turn, &Context::default());
        if args.json {
            let line = AskAnswer {
                language: reply.language.code(),
                decision: reply.decision.as_str(),
                topic: reply.topic.as_ref().map(|t| t.to_string()),
                intent: reply.intent.map(|i| i.id()),
                confidence: (reply.confidence * 1000.0).round() / 1000.0,
                choices: reply.choices.iter().map(|c| c.topic.to_string()).collect(),
                text: &reply.text,
                hits: if args.explain {
                    assistant
                        .knowledge
                        .search(question, reply.language)
                        .into_iter()
                        .take(3)
                        .map(|(article, hit)| {
                            (
                                article.id.to_string(),
                                hit.score,
                                hit.coverage,
                                hit.phrasing,
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", reply.text)?;
            for choice in &reply.choices {
                writeln!(out, "  - {}", choice.title)?;
            }
            for link in &reply.links {
                writeln!(out, "  {}: {}", link.label, link.url)?;
            }
            writeln!(
                out,
                "  [{} · {}{}]\n",
                reply.decision.as_str(),
                reply.language,
                reply.topic.map(|t| format!(" · {t}")).unwrap_or_default()
            )?;
        }
        Ok(())
    };
    if args.text.is_empty() {
        for line in std::io::stdin().lock().lines() {
            answer(&line.context("reading standard input")?)?;
        }
    } else {
        answer(&args.text.join(" "))?;
    }
    out.flush()?;
    Ok(())
}

/// `check`: loads everything as `serve` would and reports what it found.
pub fn check(args: &ContentArgs) -> anyhow::Result<()> {
    let assistant = args.load()?;
    let articles = assistant.knowledge.articles();
    let translated: usize = articles
        .iter()
        .map(|a| a.texts.values().filter(|t| t.body.is_some()).count())
        .sum();
    println!(
        "ok: {} ({}): {} articles ({} translations with a body), languages {}",
        assistant.municipality.name,
        assistant.municipality.id,
        articles.len(),
        translated,
        assistant
            .municipality
            .languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

/// `config check`: what was found on standard output, or the problems on standard error;
/// false when there are problems.
pub fn config_check(args: &ServeArgs) -> bool {
    let report = crate::config_check::check(&args.settings());
    if report.is_ok() {
        print!("{report}");
    } else {
        eprint!("{report}");
    }
    report.is_ok()
}

/// `staff add-user`: creates the account in the service's database.
pub fn add_user(args: &AddUserArgs) -> anyhow::Result<()> {
    use crate::staff::accounts::{self, Role};
    let roles = args
        .roles
        .iter()
        .map(|role| {
            Role::parse(role).with_context(|| {
                format!("unknown role {role:?}: editor, agent, coordinator or admin")
            })
        })
        .collect::<anyhow::Result<Vec<Role>>>()?;
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .context("reading the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    let assistant = args.content.load()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let store = when_unlocked(|| args.store.open()).await?;
        let municipality = &assistant.municipality;
        when_unlocked(|| async {
            Ok(store
                .ensure_municipality(&municipality.id, &municipality.name)
                .await?)
        })
        .await?;
        let municipality_id = match &args.municipality {
            None => municipality.id.clone(),
            Some(id) => crate::tenants::list(&store)
                .await?
                .into_iter()
                .find(|tenant| &tenant.id == id)
                .map(|tenant| tenant.id)
                .with_context(|| format!("no municipality {id:?}: add it with `tenant add`"))?,
        };
        let name = args.name.clone().unwrap_or_else(|| args.username.clone());
        let id = when_unlocked(|| {
            accounts::add_user(
                &store,
                &municipality_id,
                &args.username,
                &name,
                password,
                &roles,
            )
        })
        .await?;
        when_unlocked(|| async {
            Ok(crate::staff::audit::record(
                &store,
                &municipality_id,
                None,
                "staff.add-user",
                &args.username,
                &args.roles.join(","),
            )
            .await?)
        })
        .await?;
        println!("created staff account {} (id {id})", args.username);
        anyhow::Ok(())
    })
}

/// `eval`: scores the set, compares with the previous run, saves this one.
pub fn eval(args: &EvalArgs) -> anyhow::Result<()> {
    use crate::quality;
    let assistant = args.content.load()?;
    let questions = quality::read_questions(&args.questions)?;
    let now = quality::run(&assistant, &questions);
    let correct = now.values().filter(|o| o.ok).count();
    println!("{correct} of {} questions answered as expected", now.len());
    let before: Option<quality::Run> = std::fs::read_to_string(&args.state)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    match &before {
        Some(before) => {
            let (worse, better) = quality::compare(before, &now);
            let before_correct = before.values().filter(|o| o.ok).count();
            println!("last run: {before_correct} of {}", before.len());
            for question in &worse {
                let outcome = &now[*question];
                println!(
                    "WORSE\t{question}\t{} {}",
                    outcome.decision,
                    outcome
                        .topic
                        .as_deref()
                        .or(outcome.intent.as_deref())
                        .unwrap_or("-")
                );
            }
            for question in &better {
                println!("BETTER\t{question}");
            }
            println!(
                "{} worse, {} better since the last run",
                worse.len(),
                better.len()
            );
        }
        None => println!("no earlier run to compare with; this one is saved as the baseline"),
    }
    if let Some(parent) = args.state.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(&args.state, serde_json::to_string_pretty(&now)?)
        .with_context(|| format!("writing {}", args.state.display()))?;
    Ok(())
}

/// `retention run`: the job once, with the count of deleted rows per table.
pub fn retention_run(args: &RetentionArgs) -> anyhow::Result<()> {
    use crate::retention;
    let assistant = args.content.load()?;
    let municipality = &assistant.municipality;
    let days = args
        .retention_days
        .unwrap_or(municipality.safeguards.retention_days);
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let store = crate::store::Store::open(&args.store.database_url()).await?;
        let cutoff = retention::cutoff(crate::store::now_millis(), days);
        match retention::run_once(&store, &municipality.id, cutoff)
            .await
            .context("running retention")?
        {
            Some(deleted) => {
                retention::report(&deleted);
                println!("deleted what is older than {days} days:");
                for (table, count) in deleted.by_table() {
                    println!("{table}\t{count}");
                }
            }
            None => println!("another instance is running retention now; nothing done"),
        }
        anyhow::Ok(())
    })
}

/// Opens the store of `store` for a command-line task, with the municipality recorded.
fn open_store(
    runtime: &tokio::runtime::Runtime,
    store: &StoreArgs,
    assistant: &Assistant,
) -> anyhow::Result<crate::store::Store> {
    runtime.block_on(async {
        let store = store.open().await?;
        let municipality = &assistant.municipality;
        store
            .ensure_municipality(&municipality.id, &municipality.name)
            .await?;
        anyhow::Ok(store)
    })
}

/// `integration add-key`: prints a new key for the system, once.
pub fn add_integration_key(args: &AddKeyArgs) -> anyhow::Result<()> {
    let assistant = args.content.load()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let store = open_store(&runtime, &args.store, &assistant)?;
    runtime.block_on(async {
        let municipality = &assistant.municipality.id;
        let key = crate::cases::integration::add_key(&store, municipality, &args.system).await?;
        crate::staff::audit::record(
            &store,
            municipality,
            None,
            "integration.add-key",
            &args.system,
            "",
        )
        .await?;
        println!("{key}");
        eprintln!(
            "This is the only time the key is shown. Give it to {} as: Authorization: Bearer <key>",
            args.system
        );
        anyhow::Ok(())
    })
}

/// `import-cases`: all rows or none; the rejected rows with their line numbers.
pub fn import_cases(args: &ImportCasesArgs) -> anyhow::Result<()> {
    use crate::cases::import::{self, ImportError};
    let assistant = args.content.load()?;
    let keyring =
        crate::residents::Keyring::load(args.resident_key_secret.as_deref(), &args.store.data_dir)?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let store = open_store(&runtime, &args.store, &assistant)?;
    let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let result = runtime.block_on(import::import(
        &store,
        &assistant,
        &keyring,
        &args.system,
        &args.file,
        progress,
    ));
    match result {
        Ok(summary) => {
            println!(
                "imported {} cases: {} new, {} with a new status, {} updated, {} unchanged; {} notifications",
                summary.created + summary.status_changed + summary.updated + summary.unchanged,
                summary.created,
                summary.status_changed,
                summary.updated,
                summary.unchanged,
                summary.notified
            );
            Ok(())
        }
        Err(ImportError::Rejected(rows)) => {
            for row in &rows {
                eprintln!("line {}: {}", row.line, row.reason);
            }
            anyhow::bail!(
                "{} rows are not valid; nothing was imported (fix them and import the file again)",
                rows.len()
            )
        }
        Err(ImportError::Other(error)) => Err(error),
    }
}
