//! `config check`: reads the configuration as `serve` does — options, environment, the
//! content and its `municipality.toml` — and reports what it found, or every problem at once.
//! It binds no address, starts no bot and neither creates nor writes the database: it can run
//! before the first start, on a host where the service is already running, or in CI.
//!
//! Each municipality's e-ID broker is checked too: the default municipality's (the flags, or
//! its own `[e_id]`) and, when the database already exists, every stored tenant's, read
//! without writing.
//!
//! Secrets (the bot token, the webhook secret, the e-ID client secrets, a database password)
//! are never printed.

use std::fmt;
use std::net::ToSocketAddrs;

use crate::chat::Assistant;
use crate::config::{Municipality, Settings};
use crate::content::Content;
use crate::store::{Backend, Store, sqlite_file};

/// What the check found: one line per part of the configuration, and what is wrong.
#[derive(Debug, Default)]
pub struct Report {
    /// `(part, what it is)`, in the order `serve` would use them.
    pub found: Vec<(&'static str, String)>,
    /// Each problem in words; the configuration is usable when there are none.
    pub problems: Vec<String>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn part(&mut self, part: &'static str, result: Result<String, String>) {
        match result {
            Ok(found) => self.found.push((part, found)),
            Err(problem) => self.problems.push(format!("{part}: {problem}")),
        }
    }
}

/// Checks `settings` and the content they name.
pub fn check(settings: &Settings) -> Report {
    let mut report = Report::default();
    report.part("listen", listen_address(&settings.addr));
    report.part("database", database(settings));
    report.part("content", content(settings));
    match &settings.telegram {
        None => report.found.push(("telegram", "off (no bot token)".into())),
        Some(telegram) => {
            let problems = telegram.problems();
            if problems.is_empty() {
                let mode = match &telegram.webhook {
                    Some(webhook) => format!("webhook at {}", webhook.url),
                    None => "long polling".to_string(),
                };
                report.found.push(("telegram", mode));
            }
            report
                .problems
                .extend(problems.into_iter().map(|p| format!("telegram: {p}")));
        }
    }
    // A municipality file that does not parse is reported under "content" already.
    if let Some(municipality) = Content::configured(settings.content_dir.as_deref())
        .ok()
        .and_then(|content| {
            Municipality::parse(&content.municipality.path, &content.municipality.text).ok()
        })
    {
        report.part(
            "e-id",
            e_id(&municipality, settings.residents.oidc.as_ref()),
        );
    }
    match stored_tenants(settings) {
        Ok(tenants) => {
            for (id, config) in tenants {
                let checked = Municipality::parse(&format!("tenant {id}"), &config)
                    .map_err(|error| error.to_string())
                    .and_then(|municipality| e_id(&municipality, None));
                report.part("e-id", checked);
            }
        }
        Err(reason) => report
            .found
            .push(("tenants", format!("not checked: {reason}"))),
    }
    report
}

/// The e-ID broker `municipality` would sign residents in with, or what is wrong with it.
fn e_id(
    municipality: &Municipality,
    flags: Option<&crate::residents::oidc::OidcSettings>,
) -> Result<String, String> {
    let id = &municipality.id;
    let settings = crate::residents::e_id_settings(municipality, flags)
        .map_err(|problem| format!("{id}: {problem}"))?;
    let Some(settings) = settings else {
        return Ok(format!("{id}: off (no e-ID broker)"));
    };
    let problems = settings.problems();
    if problems.is_empty() {
        Ok(format!("{id}: broker {}", settings.issuer_url))
    } else {
        Err(format!("{id}: {}", problems.join("; ")))
    }
}

/// The configurations of the tenants stored in the database, as `(id, municipality.toml)`:
/// none when the database does not exist yet. Read only: an SQLite file is opened read-only,
/// and nothing is migrated. A database that cannot be read is not a problem of the
/// configuration (it may not be reachable from where the check runs): the caller says so.
fn stored_tenants(settings: &Settings) -> Result<Vec<(String, String)>, String> {
    let url = settings.database_url();
    let url = match Store::options(&url) {
        // An unsupported URL is reported under "database".
        Err(_) => return Ok(Vec::new()),
        Ok((Backend::Postgres, _)) => url,
        Ok((Backend::Sqlite, _)) => match sqlite_file(&url) {
            Some(file) if file.is_file() => format!("sqlite://{}?mode=ro", file.display()),
            _ => return Ok(Vec::new()),
        },
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("starting the runtime: {error}"))?;
    runtime.block_on(async {
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect(&url)
            .await
            .map_err(|error| redact(&error.to_string()))?;
        let rows = sqlx::query_as(
            "SELECT id, config FROM municipalities WHERE config IS NOT NULL ORDER BY id",
        )
        .fetch_all(&pool)
        .await
        .map_err(|error| redact(&error.to_string()));
        pool.close().await;
        rows
    })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_ok() {
            writeln!(f, "configuration ok")?;
            for (part, found) in &self.found {
                writeln!(f, "  {part:<9} {found}")?;
            }
        } else {
            let count = self.problems.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            writeln!(f, "configuration has {count} {noun}:")?;
            for problem in &self.problems {
                writeln!(f, "  - {problem}")?;
            }
        }
        Ok(())
    }
}

fn listen_address(addr: &str) -> Result<String, String> {
    match addr.to_socket_addrs().map(|mut addresses| addresses.next()) {
        Ok(Some(_)) => Ok(addr.to_string()),
        Ok(None) => Err(format!("{addr:?} names no address")),
        Err(error) => Err(format!(
            "{addr:?} is not a host:port to listen on ({error})"
        )),
    }
}

fn database(settings: &Settings) -> Result<String, String> {
    let url = settings.database_url();
    let (backend, _) = Store::options(&url).map_err(|error| redact(&error.to_string()))?;
    match backend {
        Backend::Postgres => Ok(format!("PostgreSQL at {}", redact(&url))),
        Backend::Sqlite => match sqlite_file(&url) {
            None => Ok("SQLite in memory (nothing is kept)".to_string()),
            Some(file) if file.is_file() => Ok(format!("SQLite file {}", file.display())),
            Some(file) if file.exists() => {
                Err(format!("{} exists and is not a file", file.display()))
            }
            Some(file) => {
                // `serve` creates the file and its directory; only a file in the way stops it.
                let blocked = file
                    .ancestors()
                    .skip(1)
                    .find(|dir| dir.exists())
                    .filter(|dir| !dir.is_dir());
                match blocked {
                    Some(path) => Err(format!(
                        "cannot create {}: {} is not a directory",
                        file.display(),
                        path.display()
                    )),
                    None => Ok(format!(
                        "SQLite file {} (created on the first start)",
                        file.display()
                    )),
                }
            }
        },
    }
}

fn content(settings: &Settings) -> Result<String, String> {
    let content = Content::configured(settings.content_dir.as_deref())
        .map_err(|error| format!("reading the content directory: {error}"))?;
    let assistant = Assistant::load(&content).map_err(|error| error.to_string())?;
    let municipality = &assistant.municipality;
    let languages: Vec<&str> = municipality.languages.iter().map(|l| l.code()).collect();
    let source = match &settings.content_dir {
        Some(dir) => format!("from {}", dir.display()),
        None => "compiled in".to_string(),
    };
    Ok(format!(
        "{} ({}): {} articles, languages {} ({source})",
        municipality.name,
        municipality.id,
        assistant.knowledge.articles().len(),
        languages.join(", ")
    ))
}

/// `url` with the password of its `user:password@` part, if any, replaced by `***`.
fn redact(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_string();
    };
    let authority_start = scheme_end + 3;
    let authority_end = text[authority_start..]
        .find(['/', '?', '#', ' ', '"'])
        .map_or(text.len(), |i| authority_start + i);
    let authority = &text[authority_start..authority_end];
    match authority.rfind('@') {
        Some(at) => match authority[..at].split_once(':') {
            Some((user, _password)) => format!(
                "{}{user}:***{}{}",
                &text[..authority_start],
                &authority[at..],
                &text[authority_end..]
            ),
            None => text.to_string(),
        },
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            addr: "127.0.0.1:8080".into(),
            data_dir: "data".into(),
            database_url: Some("sqlite::memory:".into()),
            content_dir: None,
            telegram: None,
            demo: false,
            overrides: crate::config::Overrides::default(),
            residents: crate::residents::ResidentSettings::default(),
        }
    }

    #[test]
    fn the_shipped_defaults_are_ok() {
        let report = check(&settings());
        assert!(report.is_ok(), "{report}");
        let text = report.to_string();
        assert!(text.starts_with("configuration ok"), "{text}");
        assert!(text.contains("33 articles"), "{text}");
        assert!(text.contains("telegram  off"), "{text}");
        assert!(text.contains("e-id      exempelby: off"), "{text}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let report = check(&Settings {
            addr: "nowhere".into(),
            database_url: Some("mysql://app:hunter2@db/civic".into()),
            content_dir: Some("/no/such/content".into()),
            ..settings()
        });
        let text = report.to_string();
        assert_eq!(report.problems.len(), 3, "{text}");
        assert!(text.starts_with("configuration has 3 problems"), "{text}");
        assert!(text.contains("listen: \"nowhere\""), "{text}");
        assert!(text.contains("unsupported database URL"), "{text}");
        assert!(text.contains("/no/such/content"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }

    #[test]
    fn a_municipality_s_e_id_broker_is_checked_without_showing_its_secret() {
        let example = include_str!("../config/municipality.toml");
        let dir = tempfile::tempdir().expect("directory");
        let with_secret = |secret: &str| {
            let text = format!(
                "{example}\n[e_id]\nissuer_url = \"https://eid.example\"\nclient_id = \"exempelby\"\n\
                 {secret}\nredirect_url = \"https://assistent.exempelby.example/mina-sidor/callback\"\n"
            );
            Municipality::parse("municipality.toml", &text).expect("parses")
        };

        let missing = with_secret(r#"client_secret_env = "CIVIC_ASSISTANT_TEST_UNSET_EID_SECRET""#);
        let problem = e_id(&missing, None).unwrap_err();
        assert!(
            problem.contains("exempelby: e_id: the environment variable CIVIC_ASSISTANT_TEST_UNSET_EID_SECRET is not set"),
            "{problem}"
        );

        let file = dir.path().join("secret");
        std::fs::write(&file, "eid-s3cret").expect("write the secret");
        let configured = with_secret(&format!(
            "client_secret_file = {:?}",
            file.display().to_string()
        ));
        assert_eq!(
            e_id(&configured, None).as_deref(),
            Ok("exempelby: broker https://eid.example")
        );

        // The operator's flags win for the default municipality, and are checked as strictly.
        let flags = crate::residents::oidc::OidcSettings {
            issuer_url: "eid.example".into(),
            client_id: "exempelby".into(),
            client_secret: "flag-s3cret".into(),
            redirect_url: "https://assistent.exempelby.example/mina-sidor/callback".into(),
            personal_number_claim: "personal_identity_number".into(),
            scopes: "openid".into(),
        };
        let problem = e_id(&configured, Some(&flags)).unwrap_err();
        assert!(problem.contains("issuer_url \"eid.example\""), "{problem}");
        assert!(!problem.contains("s3cret"), "{problem}");

        let plain = Municipality::parse("municipality.toml", example).expect("parses");
        assert_eq!(
            e_id(&plain, None).as_deref(),
            Ok("exempelby: off (no e-ID broker)")
        );
    }

    #[test]
    fn passwords_in_urls_are_hidden() {
        assert_eq!(
            redact("postgres://civic:s3cret@db.example:5432/civic?sslmode=require"),
            "postgres://civic:***@db.example:5432/civic?sslmode=require"
        );
        assert_eq!(
            redact("unsupported database URL \"mysql://a:b@h/d\": use …"),
            "unsupported database URL \"mysql://a:***@h/d\": use …"
        );
        assert_eq!(
            redact("postgres://civic@db/civic"),
            "postgres://civic@db/civic"
        );
        assert_eq!(
            redact("sqlite://data/x.db?mode=rwc"),
            "sqlite://data/x.db?mode=rwc"
        );
    }
}
