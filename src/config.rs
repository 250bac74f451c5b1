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
    /// Loads example data (volunteer needs, demo residents and their cases) into an empty
    /// municipality, for trying it out.
    pub demo: bool,
    /// How residents sign in to Mina sidor (the e-ID broker) and the secret their
    /// personnummer is hashed under.
    pub residents: crate::residents::ResidentSettings,
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
    /// The districts volunteers can choose from, as the municipality names them.
    pub districts: Vec<crate::volunteers::Area>,
    /// Every fact, as written, for handlebars.
    pub facts: toml::Table,
}

#[derive(Deserialize)]
struct MunicipalityFile {
    municipality: MunicipalitySection,
    #[serde(default)]
    web: WebSection,
    #[serde(default)]
    volunteering: VolunteeringSection,
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
        Ok(Municipality {
            id: section.id,
            name: section.name,
            languages,
            default_language,
            interpreter_available: section.interpreter_available,
            allowed_origins: file.web.allowed_origins,
            opening_hours,
            districts,
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
    fn a_bad_file_names_itself_and_the_line() {
        let error =
            Municipality::parse("x/municipality.toml", "[municipality]\nid = \n").unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("x/municipality.toml"), "{text}");
        assert!(text.contains("line 2"), "{text}");
    }
}
