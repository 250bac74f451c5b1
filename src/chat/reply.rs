//! Composing replies: article templates rendered with the municipality's facts, interface
//! strings from the locales, in the turn's language or with a notice saying why not.

use std::collections::HashMap;

use handlebars::Handlebars;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Assistant, Context, Decision, Reply};
use crate::config::Municipality;
use crate::intents::Intent;
use crate::knowledge::{Article, Aspect, Knowledge, Link, TopicId};
use crate::language::Lang;

/// A topic offered to pick from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Choice {
    pub topic: TopicId,
    pub title: String,
}

/// The article templates, rendered with the municipality's facts once per content version:
/// the facts do not change between turns, so a turn only looks its text up.
#[derive(Debug)]
pub struct Replies {
    rendered: HashMap<String, String>,
    facts: HashMap<Lang, serde_json::Value>,
}

/// An article template that does not render with the municipality's facts.
#[derive(Debug, thiserror::Error)]
#[error("knowledge/{topic}.toml: [{lang}] {part}: {message}")]
pub struct RenderError {
    pub topic: String,
    pub lang: Lang,
    pub part: String,
    pub message: String,
}

impl Replies {
    /// Renders every body, aspect and link of `knowledge` in strict mode, so a template
    /// naming a fact the municipality has not set fails start-up.
    pub fn compile(
        knowledge: &Knowledge,
        municipality: &Municipality,
    ) -> Result<Replies, RenderError> {
        let mut templates = Handlebars::new();
        templates.set_strict_mode(true);
        // Replies are plain text; each channel escapes for its own format.
        templates.register_escape_fn(handlebars::no_escape);
        let mut rendered = HashMap::new();
        let facts: HashMap<Lang, serde_json::Value> = Lang::ALL
            .into_iter()
            .map(|lang| (lang, municipality.facts_for(lang)))
            .collect();
        for article in knowledge.articles() {
            for (lang, text) in &article.texts {
                let mut parts: Vec<(String, &str)> = Vec::new();
                if let Some(body) = &text.body {
                    parts.push(("body".into(), body));
                }
                for (aspect, aspect_text) in &text.aspects {
                    parts.push((format!("aspect/{aspect:?}"), aspect_text));
                }
                for (position, link) in text.links.iter().enumerate() {
                    parts.push((format!("link/{position}"), &link.url));
                }
                for (part, source) in parts {
                    let error = |message: String| RenderError {
                        topic: article.id.to_string(),
                        lang: *lang,
                        part: part.clone(),
                        message,
                    };
                    let text = templates
                        .render_template(source, &facts[lang])
                        .map_err(|e| error(e.to_string()))?;
                    rendered.insert(template_name(&article.id, *lang, &part), text);
                }
            }
        }
        Ok(Replies { rendered, facts })
    }

    /// The answer of `article` (or one aspect of it) in `lang`, or in English or Swedish with
    /// a notice when `lang` has no translation yet.
    pub fn answer(
        &self,
        assistant: &Assistant,
        article: &Article,
        aspect: Option<Aspect>,
        lang: Lang,
        mut next: Context,
    ) -> Reply {
        let found = [lang, Lang::En, Lang::Sv]
            .into_iter()
            .find_map(|l| article.answer_in(l).map(|text| (l, text)))
            .or_else(|| {
                article
                    .texts
                    .iter()
                    .find(|(_, t)| t.body.is_some())
                    .map(|(l, t)| (*l, t))
            });
        // Shipped articles always have a body; a staff edit without any is saved as no answer.
        let Some((answer_lang, text)) = found else {
            return self.unknown(assistant, lang, next);
        };
        let part = aspect
            .filter(|aspect| text.aspects.contains_key(aspect))
            .map(|aspect| format!("aspect/{aspect:?}"))
            .unwrap_or_else(|| "body".into());
        let mut body = self.render(&article.id, answer_lang, &part);
        if answer_lang != lang {
            let locales = &assistant.locales;
            let language_name = locales.text(answer_lang, "language-name", &[]);
            let notice = locales.text(lang, "untranslated-notice", &[("language", &language_name)]);
            let mut help = String::new();
            if assistant.municipality.interpreter_available {
                help = format!(
                    "\n\n{}",
                    locales.text(
                        lang,
                        "interpreter-offer",
                        &self.contact_args(assistant, lang)
                    )
                );
            }
            body = format!("{notice}\n\n{body}{help}");
        }
        let links = text
            .links
            .iter()
            .enumerate()
            .map(|(position, link)| Link {
                label: link.label.clone(),
                url: self.render(&article.id, answer_lang, &format!("link/{position}")),
            })
            .collect();
        next.last_topic = Some(article.id.clone());
        Reply {
            text: body,
            language: lang,
            decision: Decision::Answer,
            topic: Some(article.id.clone()),
            intent: None,
            choices: Vec::new(),
            links,
            confidence: 0.0,
            runner_up: 0.0,
            needs_review: false,
            context: next,
        }
    }

    /// "Did you mean" with the given articles.
    pub fn choices(
        &self,
        assistant: &Assistant,
        articles: &[&Article],
        lang: Lang,
        next: Context,
    ) -> Reply {
        let choices: Vec<Choice> = articles
            .iter()
            .map(|article| Choice {
                topic: article.id.clone(),
                title: article.title(lang).to_string(),
            })
            .collect();
        // The choices travel as data; each channel shows them its own way (buttons).
        let text = assistant.locales.text(lang, "choices-intro", &[]);
        Reply {
            choices,
            needs_review: true,
            ..self.plain(text, lang, Decision::Choices, next)
        }
    }

    /// An honest "I don't know" with the way to a person.
    pub fn unknown(&self, assistant: &Assistant, lang: Lang, next: Context) -> Reply {
        let text =
            assistant
                .locales
                .text(lang, "unknown-reply", &self.contact_args(assistant, lang));
        Reply {
            needs_review: true,
            ..self.plain(text, lang, Decision::Unknown, next)
        }
    }

    /// The fixed reply of an intent.
    pub fn intent(
        &self,
        assistant: &Assistant,
        intent: Intent,
        lang: Lang,
        now: Option<chrono::DateTime<chrono::Utc>>,
        next: Context,
    ) -> Reply {
        let locales = &assistant.locales;
        let args = self.contact_args(assistant, lang);
        // Outside the contact centre's hours a resident asking for a person is told when it
        // opens, and that the message waits in the inbox until then.
        let opens = match (intent, now, &assistant.municipality.opening_hours) {
            (Intent::Human, Some(now), Some(hours)) => hours
                .next_opening(now)
                .map(|at| at.format("%Y-%m-%d %H:%M").to_string()),
            _ => None,
        };
        if let Some(opens) = opens {
            let text = locales.text(lang, "human-reply-closed", &[("opens", &opens), args[0]]);
            return Reply {
                intent: Some(intent),
                ..self.plain(text, lang, Decision::Handoff, next)
            };
        }
        let (key, decision) = match intent {
            Intent::Emergency => ("emergency-reply", Decision::Answer),
            Intent::Human => ("human-reply", Decision::Handoff),
            Intent::CaseStatus => ("case-status-reply", Decision::Answer),
            Intent::ChangeLanguage => ("change-language-reply", Decision::Answer),
            Intent::Greeting => ("greeting-reply", Decision::Answer),
            Intent::Thanks => ("thanks-reply", Decision::Answer),
            Intent::Goodbye => ("goodbye-reply", Decision::Answer),
            Intent::Help | Intent::VolunteerSignup => ("help-reply", Decision::Answer),
        };
        let mut text = locales.text(lang, key, &args);
        if intent == Intent::Human
            && assistant.municipality.interpreter_available
            && lang != assistant.municipality.default_language
        {
            text = format!(
                "{text} {}",
                locales.text(lang, "human-reply-interpreter", &args)
            );
        }
        Reply {
            intent: Some(intent),
            ..self.plain(text, lang, decision, next)
        }
    }

    /// "Your question is with the contact centre", while an agent has the conversation.
    pub fn handoff_notice(&self, assistant: &Assistant, lang: Lang, next: Context) -> Reply {
        let text = assistant.locales.text(lang, "handoff-waiting", &[]);
        self.plain(text, lang, Decision::Handoff, next)
    }

    /// "Choose a language", for a channel that shows the languages as buttons.
    pub fn language_menu(&self, assistant: &Assistant, lang: Lang, next: Context) -> Reply {
        let text = assistant.locales.text(lang, "language-menu", &[]);
        Reply {
            intent: Some(Intent::ChangeLanguage),
            ..self.plain(text, lang, Decision::Answer, next)
        }
    }

    fn plain(&self, text: String, lang: Lang, decision: Decision, next: Context) -> Reply {
        Reply {
            text,
            language: lang,
            decision,
            topic: None,
            intent: None,
            choices: Vec::new(),
            links: Vec::new(),
            confidence: 0.0,
            runner_up: 0.0,
            needs_review: false,
            context: next,
        }
    }

    fn render(&self, topic: &TopicId, lang: Lang, part: &str) -> String {
        // Every part was rendered at load; a missing one would be a bug, and the empty string
        // is the safe degradation.
        self.rendered
            .get(&template_name(topic, lang, part))
            .cloned()
            .unwrap_or_default()
    }

    fn contact_args<'a>(
        &'a self,
        assistant: &'a Assistant,
        lang: Lang,
    ) -> [(&'static str, &'a str); 3] {
        let facts = &self.facts[&lang];
        let fact = |path: &[&str]| -> &'a str {
            path.iter()
                .try_fold(facts, |value, key| value.get(key))
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
        };
        [
            ("phone", fact(&["contact", "phone"])),
            ("hours", fact(&["contact", "opening_hours"])),
            ("municipality", assistant.municipality.name.as_str()),
        ]
    }
}

fn template_name(topic: &TopicId, lang: Lang, part: &str) -> String {
    format!("{topic}/{lang}/{part}")
}
