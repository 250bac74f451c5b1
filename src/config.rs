//! Settings of a running service, and the municipality's facts.
//!
//! Settings come from the command line and the environment (`CIVIC_ASSISTANT_*`,
//! `DATABASE_URL`); the municipality's facts come from `municipality.toml` in the content
//! directory. The facts are kept whole as a TOML value because articles render any of them
//! through handlebars; the few the code itself needs are read into typed fields.

use std::path::PathBuf;

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
}

impl Settings {
    /// The database URL to use: the configured one, or an SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("civic-assistant.db").display()
            ),
        }
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
    /// Every fact, as written, for handlebars.
    pub facts: toml::Table,
}

#[derive(Deserialize)]
struct MunicipalityFile {
    municipality: MunicipalitySection,
    #[serde(default)]
    web: WebSection,
}

#[derive(Deserialize, Default)]
struct WebSection {
    #[serde(default)]
    allowed_origins: Vec<String>,
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

    #[test]
    fn a_bad_file_names_itself_and_the_line() {
        let error =
            Municipality::parse("x/municipality.toml", "[municipality]\nid = \n").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("x/municipality.toml"), "{text}");
        assert!(text.contains("line 2"), "{text}");
    }
}
