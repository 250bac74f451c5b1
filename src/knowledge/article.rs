//! An article: one topic's answer in each of its languages, with the phrasings and keywords
//! residents use for it. Parsed from `knowledge/<topic>.toml`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::language::Lang;

/// A topic id from `topics.tsv`: lowercase ASCII words joined by hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", example = "waste-collection")]
pub struct TopicId(String);

impl TopicId {
    pub fn parse(text: &str) -> Option<TopicId> {
        let valid = !text.is_empty()
            && text.len() <= 64
            && text.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        valid.then(|| TopicId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TopicId {
    type Error = String;
    fn try_from(text: String) -> Result<TopicId, String> {
        TopicId::parse(&text)
            .ok_or_else(|| format!("{text:?} is not a topic id (lowercase words joined by '-')"))
    }
}

impl From<TopicId> for String {
    fn from(id: TopicId) -> String {
        id.0
    }
}

impl fmt::Display for TopicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a translation has been checked by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationStatus {
    Reviewed,
    Machine,
}

/// A follow-up aspect of a topic that an article may answer on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    /// What it costs.
    Cost,
    /// How to apply or sign up.
    Apply,
    /// When it is open.
    Hours,
}

/// A link shown with an answer; `url` may hold handlebars facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// One language's version of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleText {
    pub status: TranslationStatus,
    pub title: String,
    /// The answer; absent when the language only has phrasings so far.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub phrasings: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub aspects: BTreeMap<Aspect, String>,
}

/// A topic's article in all its languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: TopicId,
    pub area: String,
    pub related: Vec<TopicId>,
    pub texts: BTreeMap<Lang, ArticleText>,
}

impl Article {
    /// The text in `lang` if it has a body there.
    pub fn answer_in(&self, lang: Lang) -> Option<&ArticleText> {
        self.texts.get(&lang).filter(|text| text.body.is_some())
    }

    /// The title to show in `lang`: its own, else English, else Swedish.
    pub fn title(&self, lang: Lang) -> &str {
        [lang, Lang::En, Lang::Sv]
            .iter()
            .find_map(|l| self.texts.get(l))
            .or_else(|| self.texts.values().next())
            .map(|text| text.title.as_str())
            .unwrap_or(self.id.as_str())
    }
}

/// An article file that cannot be used: the file, the line where known, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(": line {l}")).unwrap_or_default())]
pub struct ArticleError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Article {
    /// Parses one article file; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Article, ArticleError> {
        let error = |line: Option<usize>, message: String| ArticleError {
            path: path.to_string(),
            line,
            message,
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            error(
                crate::content::error_line(text, &e),
                e.message().to_string(),
            )
        })?;
        let line_of_key = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key) && l.contains('='))
                .map(|i| i + 1)
        };
        let string_field = |key: &str| -> Result<String, ArticleError> {
            table
                .get(key)
                .and_then(toml::Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| error(line_of_key(key), format!("`{key}` must be a string")))
        };
        let id_text = string_field("id")?;
        let id = TopicId::parse(&id_text)
            .ok_or_else(|| error(line_of_key("id"), format!("{id_text:?} is not a topic id")))?;
        let expected = std::path::Path::new(path)
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned());
        if expected.as_deref().is_some_and(|stem| stem != id.as_str()) {
            return Err(error(
                line_of_key("id"),
                format!("id {:?} differs from the file name", id.as_str()),
            ));
        }
        let area = string_field("area")?;
        let related = match table.get("related") {
            None => Vec::new(),
            Some(value) => value
                .clone()
                .try_into::<Vec<TopicId>>()
                .map_err(|e| error(line_of_key("related"), e.message().to_string()))?,
        };
        let mut texts = BTreeMap::new();
        for (code, value) in &table {
            if matches!(code.as_str(), "id" | "area" | "related") {
                continue;
            }
            let (line, lang) = crate::content::language_table(text, code);
            let lang =
                lang.ok_or_else(|| error(line, format!("[{code}] is not a supported language")))?;
            let article_text: ArticleText = value
                .clone()
                .try_into()
                .map_err(|e| error(line, format!("[{code}]: {}", e.message())))?;
            if article_text.title.trim().is_empty() {
                return Err(error(line, format!("[{code}] has an empty title")));
            }
            if article_text
                .body
                .as_deref()
                .is_some_and(|body| body.trim().is_empty())
            {
                return Err(error(line, format!("[{code}] has an empty body")));
            }
            texts.insert(lang, article_text);
        }
        for required in [Lang::Sv, Lang::En] {
            if texts.get(&required).and_then(|t| t.body.as_ref()).is_none() {
                return Err(error(
                    None,
                    format!("the article needs a [{required}] table with a body"),
                ));
            }
        }
        Ok(Article {
            id,
            area,
            related,
            texts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
id = "library"
area = "leisure"

[sv]
status = "reviewed"
title = "Bibliotek"
body = "Text"

[en]
status = "reviewed"
title = "Library"
body = "Text"
"#;

    #[test]
    fn parses_a_minimal_article() {
        let article = Article::parse("knowledge/library.toml", MINIMAL).expect("parses");
        assert_eq!(article.id.as_str(), "library");
        assert_eq!(article.title(Lang::Ar), "Library");
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let broken = MINIMAL.replace("title = \"Library\"", "title = Library");
        let error = Article::parse("knowledge/library.toml", &broken)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("knowledge/library.toml: line 12"),
            "{error}"
        );

        let unknown = MINIMAL.replace("[en]", "[xx]");
        let error = Article::parse("knowledge/library.toml", &unknown)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("[xx] is not a supported language"),
            "{error}"
        );

        let renamed = Article::parse("knowledge/other.toml", MINIMAL)
            .unwrap_err()
            .to_string();
        assert!(renamed.contains("differs from the file name"), "{renamed}");
    }

    #[test]
    fn topic_ids_are_parsed_at_the_edge() {
        assert!(TopicId::parse("waste-collection").is_some());
        for bad in ["", "Waste", "a--b", "-a", "a b", "å"] {
            assert!(TopicId::parse(bad).is_none(), "{bad}");
        }
    }
}
