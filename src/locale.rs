//! Every string the assistant and the API show, per language, from `locales/<lang>/*.ftl`
//! (Fluent, so plural rules follow CLDR). Loaded once; `text` is pure.
//!
//! A key missing in one language falls back to English, then Swedish, so a resident always
//! gets words; `check` and the completeness test make sure that never happens in practice.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::content::ContentFile;
use crate::language::Lang;

/// The loaded strings of all languages that have a locale directory.
pub struct Locales {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    keys: HashMap<Lang, Vec<String>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales").field("keys", &self.keys).finish()
    }
}

/// A locale file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LocaleError {
    #[error("{path}: line {line}: {message}")]
    Syntax {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: the directory name {dir:?} is not a supported language code")]
    UnknownLanguage { path: String, dir: String },
    #[error("{path}: {message}")]
    Duplicate { path: String, message: String },
}

impl Locales {
    /// Parses the locale files, each with the language directory it sits in.
    pub fn load(files: &[(String, ContentFile)]) -> Result<Locales, LocaleError> {
        let mut bundles: HashMap<Lang, FluentBundle<FluentResource>> = HashMap::new();
        let mut keys: HashMap<Lang, Vec<String>> = HashMap::new();
        for (dir, file) in files {
            let lang = Lang::from_code(dir).ok_or_else(|| LocaleError::UnknownLanguage {
                path: file.path.clone(),
                dir: dir.clone(),
            })?;
            let resource = FluentResource::try_new(file.text.clone()).map_err(|(_, errors)| {
                let first = &errors[0];
                LocaleError::Syntax {
                    path: file.path.clone(),
                    line: file.text[..first.pos.start.min(file.text.len())]
                        .lines()
                        .count()
                        .max(1),
                    message: format!("{:?}", first.kind),
                }
            })?;
            let file_keys = resource.entries().filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
                _ => None,
            });
            keys.entry(lang).or_default().extend(file_keys);
            let bundle = bundles.entry(lang).or_insert_with(|| {
                let mut bundle = FluentBundle::new_concurrent(vec![
                    lang.code()
                        .parse()
                        .expect("language codes are valid identifiers"),
                ]);
                // Isolation marks keep a Latin phone number from reordering Arabic text; in
                // left-to-right languages they would only be invisible noise in the API.
                bundle.set_use_isolating(lang.is_rtl());
                bundle
            });
            bundle
                .add_resource(resource)
                .map_err(|errors| LocaleError::Duplicate {
                    path: file.path.clone(),
                    message: format!("{errors:?}"),
                })?;
        }
        Ok(Locales { bundles, keys })
    }

    /// No strings at all: every lookup returns its key.
    pub fn empty() -> Locales {
        Locales {
            bundles: HashMap::new(),
            keys: HashMap::new(),
        }
    }

    /// The string `key` in `lang` with `args` filled in.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        for candidate in [lang, Lang::En, Lang::Sv] {
            let Some(bundle) = self.bundles.get(&candidate) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
        key.to_string()
    }

    /// Whether `lang` has its own strings (not only the fallback).
    pub fn has(&self, lang: Lang) -> bool {
        self.bundles.contains_key(&lang)
    }

    /// The message ids defined in `lang`.
    pub fn keys(&self, lang: Lang) -> &[String] {
        self.keys.get(&lang).map(Vec::as_slice).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use std::collections::BTreeSet;

    fn shipped() -> Locales {
        Locales::load(&Content::embedded().locales).expect("shipped locales load")
    }

    #[test]
    fn every_language_has_every_key_with_the_same_placeables() {
        let locales = shipped();
        let content = Content::embedded();
        let placeables = |lang: Lang| -> BTreeSet<(String, String)> {
            content
                .locales
                .iter()
                .filter(|(dir, _)| dir == lang.code())
                .flat_map(|(_, file)| file.text.lines().map(str::to_string).collect::<Vec<_>>())
                .filter_map(|line| {
                    let (key, value) = line.split_once(" = ")?;
                    Some(
                        value
                            .split("{ $")
                            .skip(1)
                            .filter_map(|rest| {
                                rest.split_once(" }").map(|(name, _)| name.to_string())
                            })
                            .map(|name| (key.trim().to_string(), name))
                            .collect::<Vec<_>>(),
                    )
                })
                .flatten()
                .collect()
        };
        // Staff pages are in Swedish and English only; everything residents see is in all.
        let residents = |lang: Lang| -> BTreeSet<&String> {
            let keys = locales.keys(lang).iter();
            match lang {
                Lang::Sv | Lang::En => keys.collect(),
                _ => keys.filter(|key| !key.starts_with("staff-")).collect(),
            }
        };
        let english = residents(Lang::En);
        let english_for_residents: BTreeSet<&String> = english
            .iter()
            .copied()
            .filter(|key| !key.starts_with("staff-"))
            .collect();
        for lang in Lang::ALL.into_iter().filter(|lang| locales.has(*lang)) {
            let keys = residents(lang);
            let expected = if matches!(lang, Lang::Sv | Lang::En) {
                &english
            } else {
                &english_for_residents
            };
            assert_eq!(&keys, expected, "keys of {lang}");
            let for_residents = |set: BTreeSet<(String, String)>| -> BTreeSet<(String, String)> {
                set.into_iter()
                    .filter(|(key, _)| {
                        matches!(lang, Lang::Sv | Lang::En) || !key.starts_with("staff-")
                    })
                    .collect()
            };
            assert_eq!(
                for_residents(placeables(lang)),
                for_residents(placeables(Lang::En)),
                "placeables of {lang}"
            );
        }
        assert!(locales.has(Lang::Sv) && locales.has(Lang::En));
    }

    #[test]
    fn fills_arguments_and_falls_back() {
        let locales = shipped();
        let text = locales.text(
            Lang::Sv,
            "unknown-reply",
            &[("phone", "0123"), ("hours", "8–16")],
        );
        assert!(text.contains("0123"), "{text}");
        assert_eq!(locales.text(Lang::Sv, "no-such-key", &[]), "no-such-key");
    }

    #[test]
    fn a_syntax_error_names_file_and_line() {
        let file = ContentFile {
            path: "locales/sv/bad.ftl".into(),
            text: "ok = fine\n\nbroken = { $\n".into(),
        };
        let error = Locales::load(&[("sv".into(), file)])
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("locales/sv/bad.ftl: line 3"), "{error}");
    }
}
