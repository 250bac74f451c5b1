//! Settings of a running service, and the municipality's facts.
//!
//! Settings come from the command line and the environment (`CIVIC_ASSISTANT_*`,
//! `DATABASE_URL`); the municipality's facts come from `municipality.toml` in the content
//! directory. The facts are kept whole as a TOML value because articles render any of them
//! through handlebars; the few the code itself needs are read into typed fields.

use std::path::PathBuf;

use ipnet::IpNet;
use serde::Deserialize;

use crate::language::Lang;

/// How the service is run: where it listens, where it keeps data, where its content is.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on, `127.0.0.1:8080` by default.
    pub addr: String,
    /// Directory for the embedded database; `./data` by default.
    pub data_dir: PathBuf,
    /// Database URL; by default an SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// A municipality's own content directory (knowledge/, intents/, locales/,
    /// municipality.toml); the content compiled into the binary when absent.
    pub content_dir: Option<PathBuf>,
    /// The Telegram bot, when a token is configured.
    pub telegram: Option<crate::channels::telegram::TelegramSettings>,
    /// Loads example data (volunteer needs, demo residents and their cases) into an empty
    /// municipality, for trying it out.
    pub demo: bool,
    /// The operator's overrides of the municipality file's limits, proxies and retention.
    pub overrides: Overrides,
    /// How residents sign in to Mina sidor (the e-ID broker) and the secret their
    /// personnummer is hashed under.
    pub residents: crate::residents::ResidentSettings,
}

impl Settings {
    /// The database URL to use: the configured one, or an SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        database_url(&self.data_dir, self.database_url.as_deref())
    }
}

/// `configured`, or by default an SQLite file in `data_dir`.
pub fn database_url(data_dir: &std::path::Path, configured: Option<&str>) -> String {
    match configured {
        Some(url) => url.to_string(),
        None => format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("civic-assistant.db").display()
        ),
    }
}

/// The municipality's facts: typed where the code needs them, whole for the templates.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// Stable key of the municipality in the database (`exempelby`).
    pub id: String,
    /// Its name as residents know it (`Exempelby kommun`).
    pub name: String,
    /// Languages offered to residents; the first is not special, `default_language` is.
    pub languages: Vec<Lang>,
    /// The language used when nothing says otherwise.
    pub default_language: Lang,
    /// Whether the contact centre books interpreters (said in fallbacks).
    pub interpreter_available: bool,
    /// Web origins allowed to embed the widget and call the API from a browser.
    pub allowed_origins: Vec<String>,
    /// When the contact centre answers; `None` when the file does not say.
    pub opening_hours: Option<crate::opening_hours::OpeningHours>,
    /// The widget's colour and logo.
    pub branding: Branding,
    /// The municipality's own Telegram bot, for a tenant; the default municipality's bot is
    /// configured on the command line.
    pub telegram: Option<BotConfig>,
    /// The municipality's own e-ID broker for Mina sidor (`[e_id]`); for the default
    /// municipality the operator's flags win over it.
    pub e_id: Option<EIdConfig>,
    /// The districts volunteers can choose from, as the municipality names them.
    pub districts: Vec<crate::volunteers::Area>,
    /// Limits, proxies, TLS and retention as the file sets them (before the operator's
    /// overrides: the running service uses `App::safeguards`).
    pub safeguards: Safeguards,
    /// Every fact, as written, for handlebars.
    pub facts: toml::Table,
}

/// How one instance protects itself and residents' data: request limits, which proxies to
/// believe, whether it is served over HTTPS, how long conversations are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Safeguards {
    pub limits: crate::limits::Limits,
    /// Days a conversation is kept after its last message, and a review record after it
    /// was made (`[privacy] retention_days`).
    pub retention_days: u32,
    /// The service is reached only over HTTPS (TLS ends at a proxy in front of it): pages
    /// then carry Strict-Transport-Security (`[web] behind_tls`).
    pub behind_tls: bool,
    /// Proxies whose `X-Forwarded-For` is believed (`[web] trusted_proxies`: addresses or
    /// networks). Without them the client is the connection's peer address.
    pub trusted_proxies: Vec<IpNet>,
}

impl Default for Safeguards {
    fn default() -> Safeguards {
        Safeguards {
            limits: crate::limits::Limits::default(),
            retention_days: 90,
            behind_tls: false,
            trusted_proxies: Vec::new(),
        }
    }
}

/// The operator's values from flags or the environment, each winning over the file's.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub requests_per_minute_per_ip: Option<u32>,
    pub messages_per_minute_per_conversation: Option<u32>,
    pub messages_per_minute_per_telegram_chat: Option<u32>,
    pub request_timeout_seconds: Option<u64>,
    pub retention_days: Option<u32>,
    pub behind_tls: Option<bool>,
    pub trusted_proxies: Option<Vec<IpNet>>,
}

impl Safeguards {
    /// These safeguards with the operator's overrides applied.
    pub fn overridden_by(&self, overrides: &Overrides) -> Safeguards {
        let limits = &self.limits;
        Safeguards {
            limits: crate::limits::Limits {
                requests_per_minute_per_ip: overrides
                    .requests_per_minute_per_ip
                    .unwrap_or(limits.requests_per_minute_per_ip),
                messages_per_minute_per_conversation: overrides
                    .messages_per_minute_per_conversation
                    .unwrap_or(limits.messages_per_minute_per_conversation),
                messages_per_minute_per_telegram_chat: overrides
                    .messages_per_minute_per_telegram_chat
                    .unwrap_or(limits.messages_per_minute_per_telegram_chat),
                request_timeout_seconds: overrides
                    .request_timeout_seconds
                    .unwrap_or(limits.request_timeout_seconds),
            },
            retention_days: overrides.retention_days.unwrap_or(self.retention_days),
            behind_tls: overrides.behind_tls.unwrap_or(self.behind_tls),
            trusted_proxies: overrides
                .trusted_proxies
                .clone()
                .unwrap_or_else(|| self.trusted_proxies.clone()),
        }
    }
}

/// A proxy address or network: `10.0.0.1` (one address) or `10.0.0.0/8`.
pub fn parse_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is not an IP address or network"))
}

#[derive(Deserialize)]
struct MunicipalityFile {
    municipality: MunicipalitySection,
    #[serde(default)]
    web: WebSection,
    #[serde(default)]
    volunteering: VolunteeringSection,
    #[serde(default)]
    branding: Branding,
    telegram: Option<BotConfig>,
    e_id: Option<EIdConfig>,
    #[serde(default)]
    limits: crate::limits::Limits,
    #[serde(default)]
    privacy: PrivacySection,
}

/// A tenant's Telegram bot. The token and webhook secret are read from environment variables
/// or a file named here (systemd credentials, a mounted secret), so secrets stay out of the
/// configuration and the database.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BotConfig {
    /// The environment variable that holds the bot token…
    pub token_env: Option<String>,
    /// …or the file that holds it.
    pub token_file: Option<std::path::PathBuf>,
    /// The Bot API's base URL; Telegram's own when absent.
    pub api_url: Option<String>,
    /// Webhook mode: the public URL (on the municipality's host name) Telegram posts to.
    pub webhook_url: Option<String>,
    /// The environment variable that holds the webhook secret (with `webhook_url`).
    pub webhook_secret_env: Option<String>,
}

impl BotConfig {
    /// The bot's settings with its secrets read from the environment.
    pub fn settings(&self) -> Result<crate::channels::telegram::TelegramSettings, String> {
        let webhook = match (&self.webhook_url, &self.webhook_secret_env) {
            (Some(url), Some(name)) => Some(crate::channels::telegram::Webhook {
                url: url.clone(),
                secret: read_secret("telegram", Some(name), None)?,
            }),
            (None, None) => None,
            _ => return Err("telegram: webhook_url and webhook_secret_env go together".into()),
        };
        let token = match (&self.token_env, &self.token_file) {
            (Some(_), None) | (None, Some(_)) => read_secret(
                "telegram",
                self.token_env.as_deref(),
                self.token_file.as_deref(),
            )?,
            _ => return Err("telegram: give one of token_env and token_file".into()),
        };
        Ok(crate::channels::telegram::TelegramSettings {
            token,
            api_url: self.api_url.clone(),
            webhook,
        })
    }
}

/// A municipality's e-ID broker (OpenID Connect) for Mina sidor. The client secret is read
/// from an environment variable or a file named here, never written in the configuration,
/// so it stays out of the file and the database (tenants' files are stored there).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EIdConfig {
    /// The broker's issuer URL; its `/.well-known/openid-configuration` is read.
    pub issuer_url: String,
    /// The client id the broker gave this municipality.
    pub client_id: String,
    /// The environment variable that holds the client secret…
    pub client_secret_env: Option<String>,
    /// …or the file that holds it.
    pub client_secret_file: Option<PathBuf>,
    /// The municipality's `https://<its host>/mina-sidor/callback`, as registered with the
    /// broker.
    pub redirect_url: String,
    /// The ID token claim with the personnummer.
    #[serde(default = "default_personal_number_claim")]
    pub personal_number_claim: String,
    /// The scopes asked for, `openid` among them.
    #[serde(default = "default_scopes")]
    pub scopes: String,
}

impl EIdConfig {
    /// The broker's settings with the client secret read from the environment or its file.
    pub fn settings(&self) -> Result<crate::residents::oidc::OidcSettings, String> {
        let secret = read_secret(
            "e_id",
            self.client_secret_env.as_deref(),
            self.client_secret_file.as_deref(),
        )?;
        Ok(self.with_secret(secret))
    }

    fn with_secret(&self, client_secret: String) -> crate::residents::oidc::OidcSettings {
        crate::residents::oidc::OidcSettings {
            issuer_url: self.issuer_url.clone(),
            client_id: self.client_id.clone(),
            client_secret,
            redirect_url: self.redirect_url.clone(),
            personal_number_claim: self.personal_number_claim.clone(),
            scopes: self.scopes.clone(),
        }
    }

    /// What the file itself gets wrong. The secret is not read here: it may exist only on
    /// the host that serves the municipality, not where `tenant add` runs.
    fn check(&self) -> Result<(), String> {
        if self.client_secret_env.is_some() == self.client_secret_file.is_some() {
            return Err("e_id: give one of client_secret_env and client_secret_file".into());
        }
        let problems = self.with_secret(String::new()).problems();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("e_id: {}", problems.join("; ")))
        }
    }
}

fn default_personal_number_claim() -> String {
    crate::residents::oidc::DEFAULT_PERSONAL_NUMBER_CLAIM.to_string()
}

fn default_scopes() -> String {
    crate::residents::oidc::DEFAULT_SCOPES.to_string()
}

/// A secret of section `section`, from the environment variable `env` or the file `file`
/// (whichever is given), trimmed; an error names the variable or file, never the value.
fn read_secret(
    section: &str,
    env: Option<&str>,
    file: Option<&std::path::Path>,
) -> Result<String, String> {
    let value = match (env, file) {
        (Some(name), _) => std::env::var(name)
            .map_err(|_| format!("{section}: the environment variable {name} is not set"))?,
        (None, Some(path)) => std::fs::read_to_string(path)
            .map_err(|e| format!("{section}: reading {}: {e}", path.display()))?,
        (None, None) => return Err(format!("{section}: no secret is named")),
    };
    let value = value.trim();
    if value.is_empty() {
        let source = env.map_or_else(
            || {
                file.map(|path| path.display().to_string())
                    .unwrap_or_default()
            },
            str::to_string,
        );
        return Err(format!("{section}: {source} is empty"));
    }
    Ok(value.to_string())
}

/// How the chat looks on the municipality's pages.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct Branding {
    /// The colour of buttons and the resident's messages, `#rrggbb`; white text is written
    /// on it, so it must have a contrast of at least 4.5:1 with white (WCAG 2.1 AA).
    pub colour: Option<String>,
    /// The municipality's logo (an https URL).
    pub logo: Option<String>,
}

impl Branding {
    fn check(&self) -> Result<(), String> {
        if let Some(colour) = &self.colour {
            let ratio = contrast_with_white(colour)
                .ok_or_else(|| format!("branding.colour {colour:?} is not #rrggbb"))?;
            if ratio < 4.5 {
                return Err(format!(
                    "branding.colour {colour} has a contrast of {ratio:.2}:1 with white text; at least 4.5:1 is needed"
                ));
            }
        }
        if let Some(logo) = self
            .logo
            .as_ref()
            .filter(|logo| !logo.starts_with("https://"))
        {
            return Err(format!("branding.logo {logo:?} must be an https URL"));
        }
        Ok(())
    }
}

/// The WCAG contrast ratio of `#rrggbb` with white; `None` if it is not such a colour.
fn contrast_with_white(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|hex| hex.len() == 6)?;
    let channel = |index: usize| -> Option<f64> {
        let value = u8::from_str_radix(hex.get(index..index + 2)?, 16).ok()?;
        let srgb = f64::from(value) / 255.0;
        Some(if srgb <= 0.03928 {
            srgb / 12.92
        } else {
            ((srgb + 0.055) / 1.055).powf(2.4)
        })
    };
    let luminance = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (luminance + 0.05))
}

#[derive(Deserialize, Default)]
struct VolunteeringSection {
    #[serde(default)]
    districts: Vec<String>,
}

#[derive(Deserialize, Default)]
struct WebSection {
    #[serde(default)]
    allowed_origins: Vec<String>,
    #[serde(default)]
    behind_tls: bool,
    #[serde(default)]
    trusted_proxies: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrivacySection {
    #[serde(default = "default_retention_days")]
    retention_days: u32,
}

impl Default for PrivacySection {
    fn default() -> PrivacySection {
        PrivacySection {
            retention_days: default_retention_days(),
        }
    }
}

fn default_retention_days() -> u32 {
    Safeguards::default().retention_days
}

#[derive(Deserialize)]
struct MunicipalitySection {
    id: String,
    name: String,
    languages: Vec<String>,
    default_language: String,
    #[serde(default)]
    interpreter_available: bool,
}

/// A municipality file that cannot be used, with the reason.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

impl Municipality {
    /// Parses `municipality.toml`; `path` names the file in errors.
    pub fn parse(path: &str, text: &str) -> Result<Municipality, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.to_string(),
            message,
        };
        let facts: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| error(e.to_string()))?;
        let file: MunicipalityFile =
            toml::from_str(text).map_err(|e: toml::de::Error| error(e.to_string()))?;
        let section = file.municipality;
        let languages = section
            .languages
            .iter()
            .map(|code| {
                Lang::from_code(code).ok_or_else(|| {
                    error(format!(
                        "unsupported language {code:?} in municipality.languages"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let default_language = Lang::from_code(&section.default_language)
            .filter(|lang| languages.contains(lang))
            .ok_or_else(|| {
                error(format!(
                    "default_language {:?} must be one of municipality.languages",
                    section.default_language
                ))
            })?;
        let contact = facts.get("contact").and_then(toml::Value::as_table);
        let opening_hours = match contact
            .and_then(|c| c.get("hours_weekdays"))
            .and_then(toml::Value::as_str)
        {
            Some(hours) => {
                let zone = contact
                    .and_then(|c| c.get("timezone"))
                    .and_then(toml::Value::as_str)
                    .unwrap_or("Europe/Stockholm");
                Some(
                    crate::opening_hours::OpeningHours::parse(hours, zone)
                        .map_err(|e| error(format!("contact: {e}")))?,
                )
            }
            None => None,
        };
        for key in ["contact"] {
            if !facts.contains_key(key) {
                return Err(error(format!("missing table [{key}]")));
            }
        }
        let districts = file
            .volunteering
            .districts
            .iter()
            .map(|name| {
                crate::volunteers::Area::parse(name).ok_or_else(|| {
                    error(format!(
                        "volunteering.districts: {name:?} is not a district name"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        file.branding.check().map_err(error)?;
        if let Some(e_id) = &file.e_id {
            e_id.check().map_err(error)?;
        }
        if file.privacy.retention_days == 0 {
            return Err(error(
                "privacy.retention_days must be at least 1".to_string(),
            ));
        }
        let trusted_proxies = file
            .web
            .trusted_proxies
            .iter()
            .map(|proxy| parse_proxy(proxy).map_err(|e| error(format!("web.trusted_proxies: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let safeguards = Safeguards {
            limits: file.limits,
            retention_days: file.privacy.retention_days,
            behind_tls: file.web.behind_tls,
            trusted_proxies,
        };
        // A browser's Origin header is compared byte for byte: a path or a trailing slash
        // would never match, and the widget would fail without saying why.
        if let Some(origin) = file
            .web
            .allowed_origins
            .iter()
            .find(|origin| !is_web_origin(origin))
        {
            return Err(error(format!(
                "web.allowed_origins: {origin:?} is not an origin like \"https://www.example.se\" \
                 (scheme and host, an optional port, no path or trailing slash)"
            )));
        }
        Ok(Municipality {
            id: section.id,
            name: section.name,
            languages,
            default_language,
            interpreter_available: section.interpreter_available,
            allowed_origins: file.web.allowed_origins,
            opening_hours,
            districts,
            branding: file.branding,
            telegram: file.telegram,
            e_id: file.e_id,
            safeguards,
            facts,
        })
    }

    /// A fact by dotted path (`contact.phone`), localised to `lang` where it is a table of
    /// languages; `None` when there is no such fact.
    pub fn fact(&self, path: &str, lang: Lang) -> Option<String> {
        let mut value = self.facts.get(path.split('.').next()?)?;
        for key in path.split('.').skip(1) {
            value = value.as_table()?.get(key)?;
        }
        let value = localise(value, lang);
        match value {
            toml::Value::String(text) => Some(text.clone()),
            toml::Value::Table(_) | toml::Value::Array(_) => None,
            other => Some(other.to_string()),
        }
    }

    /// All facts with localised values resolved for `lang`, as JSON for handlebars.
    pub fn facts_for(&self, lang: Lang) -> serde_json::Value {
        fn resolve(value: &toml::Value, lang: Lang) -> serde_json::Value {
            match localise(value, lang) {
                toml::Value::Table(table) => serde_json::Value::Object(
                    table
                        .iter()
                        .map(|(k, v)| (k.clone(), resolve(v, lang)))
                        .collect(),
                ),
                toml::Value::Array(items) => {
                    serde_json::Value::Array(items.iter().map(|v| resolve(v, lang)).collect())
                }
                toml::Value::String(text) => serde_json::Value::String(text.clone()),
                toml::Value::Integer(n) => serde_json::Value::from(*n),
                toml::Value::Float(n) => serde_json::Value::from(*n),
                toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
                toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
            }
        }
        resolve(&toml::Value::Table(self.facts.clone()), lang)
    }
}

/// Whether `text` is a web origin as browsers send it: `http` or `https`, `://`, a host and an
/// optional port, nothing after.
fn is_web_origin(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = match rest.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let port_ok = port.is_none_or(|port| {
        (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit())
    });
    host_ok && port_ok
}

/// A table whose keys are all language codes is one localised value: pick `lang`, else
/// English, else Swedish, else any.
fn localise(value: &toml::Value, lang: Lang) -> &toml::Value {
    let toml::Value::Table(table) = value else {
        return value;
    };
    if table.is_empty()
        || !table
            .keys()
            .all(|key| Lang::from_code(key).is_some() && key.len() == 2)
    {
        return value;
    }
    [lang.code(), "en", "sv"]
        .iter()
        .find_map(|code| table.get(*code))
        .or_else(|| table.values().next())
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../config/municipality.toml");

    #[test]
    fn a_brand_colour_needs_aa_contrast_with_white_text() {
        let cases = [
            ("#0a4d8c", true),
            ("#000000", true),
            ("#767676", true),
            ("#777777", false),
            ("#ffcc00", false),
            ("0a4d8c", false),
            ("#0a4d8", false),
            ("#zzzzzz", false),
        ];
        for (colour, accepted) in cases {
            let branding = Branding {
                colour: Some(colour.to_string()),
                logo: None,
            };
            assert_eq!(branding.check().is_ok(), accepted, "{colour}");
        }
    }

    #[test]
    fn the_shipped_example_parses_and_localises() {
        let municipality =
            Municipality::parse("municipality.toml", EXAMPLE).expect("example parses");
        assert_eq!(municipality.default_language, Lang::Sv);
        let hours_sv = municipality
            .fact("contact.opening_hours", Lang::Sv)
            .expect("hours");
        let hours_ar = municipality
            .fact("contact.opening_hours", Lang::Ar)
            .expect("hours");
        assert!(hours_sv.contains("måndag"));
        assert!(
            hours_ar.contains("Monday"),
            "falls back to English: {hours_ar}"
        );
        assert_eq!(municipality.fact("nothing.here", Lang::Sv), None);
    }

    #[test]
    fn safeguards_default_read_the_file_and_yield_to_overrides() {
        let example = Municipality::parse("municipality.toml", EXAMPLE).expect("example parses");
        assert_eq!(example.safeguards, Safeguards::default());
        let text = EXAMPLE
            .replace(
                "requests_per_minute_per_ip = 120",
                "requests_per_minute_per_ip = 10",
            )
            .replace("retention_days = 90", "retention_days = 30")
            .replace("behind_tls = false", "behind_tls = true")
            .replace(
                "trusted_proxies = []",
                "trusted_proxies = [\"10.0.0.0/8\", \"192.0.2.1\"]",
            );
        let file = Municipality::parse("municipality.toml", &text).expect("parses");
        let safeguards = &file.safeguards;
        assert_eq!(safeguards.limits.requests_per_minute_per_ip, 10);
        assert_eq!(safeguards.limits.messages_per_minute_per_conversation, 30);
        assert_eq!(safeguards.retention_days, 30);
        assert!(safeguards.behind_tls);
        assert_eq!(safeguards.trusted_proxies.len(), 2);
        let overridden = safeguards.overridden_by(&Overrides {
            requests_per_minute_per_ip: Some(0),
            retention_days: Some(7),
            ..Overrides::default()
        });
        assert_eq!(overridden.limits.requests_per_minute_per_ip, 0);
        assert_eq!(overridden.retention_days, 7);
        assert!(overridden.behind_tls);
        let bad = text.replace("\"192.0.2.1\"", "\"proxy.example\"");
        let error = Municipality::parse("municipality.toml", &bad).unwrap_err();
        assert!(error.to_string().contains("trusted_proxies"), "{error}");
    }

    #[test]
    fn only_exact_origins_are_allowed() {
        for origin in [
            "https://www.exempelby.example",
            "http://localhost:3000",
            "https://xn--hamar-qua.se",
        ] {
            assert!(is_web_origin(origin), "{origin}");
        }
        for not_origin in [
            "https://www.exempelby.example/",
            "https://www.exempelby.example/chat",
            "www.exempelby.example",
            "ftp://files.example",
            "https://",
            "http://localhost:",
            "http://localhost:80a",
            "*",
        ] {
            assert!(!is_web_origin(not_origin), "{not_origin}");
        }
        let trailing_slash = EXAMPLE.replace(
            "allowed_origins = [\"https://www.exempelby.example\"]",
            "allowed_origins = [\"https://www.exempelby.example/\"]",
        );
        let error = Municipality::parse("municipality.toml", &trailing_slash).unwrap_err();
        assert!(error.to_string().contains("web.allowed_origins"), "{error}");
    }

    /// The example with its commented `[e_id]` section switched on, secret by `secret`.
    fn with_e_id(secret: &str) -> String {
        let section = EXAMPLE
            .split_once("# [e_id]")
            .map(|(_, section)| section)
            .expect("the example documents [e_id]");
        let lines: Vec<&str> = section
            .lines()
            .map(|line| line.trim_start_matches("# "))
            .filter(|line| !line.starts_with("client_secret_env"))
            .collect();
        format!("{EXAMPLE}\n[e_id]\n{secret}\n{}\n", lines.join("\n"))
    }

    #[test]
    fn e_id_settings_read_their_secret_from_the_environment_or_a_file() {
        let dir = tempfile::tempdir().expect("directory");
        let file = dir.path().join("secret");
        std::fs::write(&file, "s3cret-from-file\n").expect("write the secret");
        let text = with_e_id(&format!(
            "client_secret_file = {:?}",
            file.display().to_string()
        ));
        let municipality = Municipality::parse("municipality.toml", &text).expect("parses");
        let e_id = municipality.e_id.expect("[e_id] is read");
        assert_eq!(e_id.issuer_url, "https://eid-broker.example");
        assert_eq!(e_id.personal_number_claim, "personal_identity_number");
        assert_eq!(e_id.scopes, "openid profile");
        let settings = e_id.settings().expect("the secret is read");
        assert_eq!(settings.client_secret, "s3cret-from-file");
        assert_eq!(settings.client_id, "exempelby-assistent");

        // A variable that is not set is named; the example has no [e_id] at all.
        let text = with_e_id(r#"client_secret_env = "CIVIC_ASSISTANT_TEST_NO_SUCH_VARIABLE""#);
        let municipality = Municipality::parse("municipality.toml", &text).expect("parses");
        let error = municipality
            .e_id
            .expect("[e_id] is read")
            .settings()
            .unwrap_err();
        assert!(
            error.contains("CIVIC_ASSISTANT_TEST_NO_SUCH_VARIABLE is not set"),
            "{error}"
        );
        let example = Municipality::parse("municipality.toml", EXAMPLE).expect("parses");
        assert!(example.e_id.is_none());
    }

    #[test]
    fn e_id_settings_that_cannot_work_are_refused_with_the_reason() {
        let env = r#"client_secret_env = "EXEMPELBY_EID_CLIENT_SECRET""#;
        let cases = [
            // The secret itself is never accepted in the file (nor stored with a tenant's).
            (with_e_id(r#"client_secret = "hunter2""#), "unknown field"),
            (
                with_e_id(""),
                "one of client_secret_env and client_secret_file",
            ),
            (
                with_e_id(&format!("{env}\nclient_secret_file = \"/run/x\"")),
                "one of client_secret_env and client_secret_file",
            ),
            (
                with_e_id(env).replace("https://eid-broker.example", "eid-broker.example"),
                "e_id: issuer_url",
            ),
            (
                with_e_id(env).replace("/mina-sidor/callback", "/callback"),
                "must end in /mina-sidor/callback",
            ),
            (
                with_e_id(env).replace(r#"scopes = "openid profile""#, r#"scopes = "profile""#),
                "must include openid",
            ),
        ];
        for (text, expected) in cases {
            let error = Municipality::parse("municipality.toml", &text)
                .expect_err(expected)
                .to_string();
            assert!(error.contains(expected), "{expected}: {error}");
        }
    }

    #[test]
    fn a_bad_file_names_itself_and_the_line() {
        let error =
            Municipality::parse("x/municipality.toml", "[municipality]\nid = \n").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("x/municipality.toml"), "{text}");
        assert!(text.contains("line 2"), "{text}");
    }
}
