//! The chat core: one turn in, one reply out. Pure: no I/O, no HTTP or Telegram types.
//!
//! A turn goes language → intents → knowledge search → decision → reply. The caller (a
//! channel, through `conversation`) persists the turn before and the reply after, and keeps
//! the `Context` between turns.

mod decision;
mod reply;

pub use decision::{Decision, Thresholds};
pub use reply::{Choice, RenderError, Replies};

use serde::{Deserialize, Serialize};

use crate::config::Municipality;
use crate::intents::{Intent, Intents};
use crate::knowledge::{Knowledge, Link, TopicId};
use crate::language::{self, Lang, LanguageHints};
use crate::locale::Locales;
use crate::volunteers::answers::Words;

/// Everything the assistant knows, loaded once per content version.
#[derive(Debug)]
pub struct Assistant {
    /// The municipality's facts and offered languages.
    pub municipality: Municipality,
    /// Articles and their search index.
    pub knowledge: Knowledge,
    /// How residents say the non-knowledge things.
    pub intents: Intents,
    /// Interface strings per language.
    pub locales: Locales,
    /// Article templates rendered with the municipality's facts.
    pub replies: Replies,
    /// Where the decision step draws its lines.
    pub thresholds: Thresholds,
    /// The words of each language in the content, for language detection.
    pub vocabulary: language::Vocabulary,
    /// How residents answer the volunteer questions, and the districts they can choose.
    pub volunteer_words: Words,
}

/// One resident message, as the core sees it.
#[derive(Debug, Clone, Default)]
pub struct Turn {
    pub text: String,
    /// The channel's language hint (Accept-Language, Telegram language_code) and any
    /// explicit choice made with this message.
    pub hints: LanguageHints,
    /// A topic the resident picked from offered choices.
    pub choice: Option<TopicId>,
    /// An intent the channel already knows (a Telegram command such as /start or /person).
    pub intent: Option<Intent>,
    /// When the message arrived (for opening hours); unknown in offline tools.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

/// What the core remembers of a conversation between turns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The language the conversation is held in.
    pub language: Option<Lang>,
    /// A language the resident asked for explicitly; wins over detection.
    pub chosen_language: Option<Lang>,
    /// The topic of the last answer, for follow-ups ("and what does it cost?").
    pub last_topic: Option<TopicId>,
    /// A volunteer conversation in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volunteering: Option<crate::volunteers::dialog::Dialog>,
}

/// The assistant's reply to one turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub text: String,
    pub language: Lang,
    pub decision: Decision,
    pub topic: Option<TopicId>,
    pub intent: Option<Intent>,
    pub choices: Vec<Choice>,
    pub links: Vec<Link>,
    /// The best knowledge score, 0 when the search was not reached.
    pub confidence: f32,
    /// The second best, for calibration and review.
    pub runner_up: f32,
    /// Whether staff should look at this turn (unknown or low confidence).
    pub needs_review: bool,
    /// The context to keep for the next turn.
    pub context: Context,
}

impl Reply {
    fn scored(mut self, confidence: f32, runner_up: f32) -> Reply {
        self.confidence = confidence;
        self.runner_up = runner_up;
        self
    }

    fn with_intent(mut self, intent: Intent) -> Reply {
        self.intent = Some(intent);
        self
    }
}

impl Assistant {
    /// The reply while an agent has the conversation: it is with the contact centre.
    pub fn handoff_notice(&self, turn: &Turn, context: &Context) -> Reply {
        let lang = turn
            .hints
            .chosen
            .or(context.chosen_language)
            .or(context.language)
            .unwrap_or(self.municipality.default_language);
        let next = Context {
            language: Some(lang),
            ..context.clone()
        };
        self.replies.handoff_notice(self, lang, next)
    }

    /// Answers one turn given what the conversation remembers.
    pub fn respond(&self, turn: &Turn, context: &Context) -> Reply {
        let chosen = turn.hints.chosen.or(context.chosen_language);
        let offered = &self.municipality.languages;
        // The text is read in the language it is written in; the reply is written in the
        // language the resident chose, if they chose one.
        let text_hints = LanguageHints {
            chosen: None,
            conversation: context.language,
            channel: turn.hints.channel,
        };
        let text_lang = language::detect_with(
            &turn.text,
            &text_hints,
            offered,
            self.municipality.default_language,
            &self.vocabulary,
        );
        // A command (/start) or a picked choice carries no language of its own: the hints
        // (the conversation's language first) decide.
        let text_lang = match turn.intent.is_some() || turn.choice.is_some() {
            true => text_hints
                .conversation
                .or(text_hints.channel)
                .filter(|l| offered.contains(l))
                .unwrap_or(self.municipality.default_language),
            false => text_lang,
        };
        let lang = chosen.filter(|l| offered.contains(l)).unwrap_or(text_lang);
        let mut next = Context {
            language: Some(lang),
            chosen_language: chosen,
            last_topic: context.last_topic.clone(),
            volunteering: context.volunteering.clone(),
        };

        if let Some(intent) = turn.intent {
            if intent == Intent::ChangeLanguage && turn.hints.chosen.is_none() {
                // Asked for the list of languages (a menu command), not for one of them.
                return self.replies.language_menu(self, lang, next);
            }
            return self.intent_reply(intent, turn.hints.chosen, lang, turn.now, next);
        }

        if let Some(topic) = turn
            .choice
            .as_ref()
            .and_then(|topic| self.knowledge.article(topic))
        {
            return self
                .replies
                .answer(self, topic, None, lang, next)
                .scored(1.0, 0.0);
        }

        let intent = self.intents.classify(&turn.text, text_lang);
        if let Some(found) = &intent {
            // "Which number does the contact centre have?" names a person to talk to but asks
            // a question the knowledge answers; "talk to a person" alone asks for nothing else.
            let answer_to_rest = found
                .intent
                .yields_to_knowledge()
                .then(|| self.knowledge.search(&found.rest, text_lang))
                .filter(|hits| self.thresholds.decide(hits) == Decision::Answer);
            let Some(hits) = answer_to_rest else {
                return self.intent_reply(
                    found.intent,
                    found.target_language,
                    lang,
                    turn.now,
                    next,
                );
            };
            let (article, hit) = &hits[0];
            let runner_up = hits.get(1).map(|(_, hit)| hit.score).unwrap_or(0.0);
            let reply = self
                .replies
                .answer(self, article, None, lang, next)
                .scored(hit.score, runner_up);
            return match found.intent {
                Intent::Human => reply.with_intent(Intent::Human),
                _ => reply,
            };
        }

        let hits = self.knowledge.search(&turn.text, text_lang);
        let best = hits.first().map(|(_, hit)| hit.score).unwrap_or(0.0);
        let runner_up = hits.get(1).map(|(_, hit)| hit.score).unwrap_or(0.0);

        if let Some(previous) = context
            .last_topic
            .as_ref()
            .and_then(|topic| self.knowledge.article(topic))
        {
            // "And what does it cost?": an aspect of the previous topic, unless the rest of
            // the message names a topic of its own ("what does the library cost?").
            if let Some((aspect, rest)) = self.intents.aspect(&turn.text, text_lang) {
                let names_a_topic = self.knowledge.search(&rest, text_lang).first().is_some_and(
                    |(article, hit)| {
                        article.id != previous.id && hit.score >= self.thresholds.choices
                    },
                );
                if !names_a_topic {
                    return self
                        .replies
                        .answer(self, previous, Some(aspect), lang, next)
                        .scored(best, runner_up);
                }
            }
        }

        match self.thresholds.decide(&hits) {
            Decision::Answer => {
                let (article, hit) = &hits[0];
                self.replies
                    .answer(self, article, None, lang, next)
                    .scored(hit.score, runner_up)
            }
            Decision::Choices => {
                let choices: Vec<&crate::knowledge::Article> = hits
                    .iter()
                    .take(3)
                    .filter(|(_, hit)| hit.score >= self.thresholds.choice_floor(best))
                    .map(|(article, _)| *article)
                    .collect();
                next.last_topic = None;
                self.replies
                    .choices(self, &choices, lang, next)
                    .scored(best, runner_up)
            }
            _ => {
                next.last_topic = None;
                self.replies
                    .unknown(self, lang, next)
                    .scored(best, runner_up)
            }
        }
    }

    fn intent_reply(
        &self,
        intent: Intent,
        target: Option<Lang>,
        lang: Lang,
        now: Option<chrono::DateTime<chrono::Utc>>,
        mut next: Context,
    ) -> Reply {
        match intent {
            Intent::VolunteerSignup => {
                if let Some(article) =
                    TopicId::parse("volunteering").and_then(|t| self.knowledge.article(&t))
                {
                    return self
                        .replies
                        .answer(self, article, None, lang, next)
                        .scored(1.0, 0.0)
                        .with_intent(intent);
                }
                self.replies.intent(self, intent, lang, now, next)
            }
            Intent::ChangeLanguage => {
                let target = target
                    .filter(|t| self.municipality.languages.contains(t))
                    .unwrap_or(lang);
                next.language = Some(target);
                next.chosen_language = Some(target);
                self.replies.intent(self, intent, target, now, next)
            }
            _ => self.replies.intent(self, intent, lang, now, next),
        }
    }
}

/// Content that cannot be loaded into an assistant; each names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Municipality(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Knowledge(#[from] crate::knowledge::KnowledgeError),
    #[error(transparent)]
    Intents(#[from] crate::intents::IntentError),
    #[error(transparent)]
    Locales(#[from] crate::locale::LocaleError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    VolunteerWords(#[from] crate::volunteers::answers::WordsError),
}

impl Assistant {
    /// Parses and checks all content, and builds the search index.
    pub fn load(content: &crate::content::Content) -> Result<Assistant, LoadError> {
        Assistant::load_with(content, Vec::new())
    }

    /// `load`, with staff edits of articles replacing the shipped ones.
    pub fn load_with(
        content: &crate::content::Content,
        overrides: Vec<crate::knowledge::Article>,
    ) -> Result<Assistant, LoadError> {
        let municipality =
            Municipality::parse(&content.municipality.path, &content.municipality.text)?;
        let knowledge = Knowledge::load_with(&content.knowledge, overrides)?;
        let intents = Intents::load(&content.intents)?;
        let locales = Locales::load(&content.locales)?;
        let volunteer_words = Words::parse(
            &content.volunteer_words.path,
            &content.volunteer_words.text,
            &municipality.districts,
        )?;
        let mut assistant = Assistant::from_parts(municipality, knowledge, intents, locales)?;
        assistant.volunteer_words = volunteer_words;
        Ok(assistant)
    }

    /// Assembles an assistant from loaded parts (staff edits and benchmarks replace the
    /// knowledge); compiles the reply templates against the municipality's facts.
    pub fn from_parts(
        municipality: Municipality,
        knowledge: Knowledge,
        intents: Intents,
        locales: Locales,
    ) -> Result<Assistant, LoadError> {
        let replies = Replies::compile(&knowledge, &municipality)?;
        let vocabulary = vocabulary_of(&knowledge);
        Ok(Assistant {
            vocabulary,
            municipality,
            knowledge,
            intents,
            locales,
            replies,
            thresholds: Thresholds::default(),
            volunteer_words: Words::default(),
        })
    }
}

/// The words of each language's article texts. Keywords count only for Swedish and English:
/// the other languages' keywords deliberately carry the Swedish official terms.
fn vocabulary_of(knowledge: &Knowledge) -> language::Vocabulary {
    let mut vocabulary = language::Vocabulary::default();
    for article in knowledge.articles() {
        for (lang, text) in &article.texts {
            vocabulary.add(*lang, &text.title);
            for phrasing in &text.phrasings {
                vocabulary.add(*lang, phrasing);
            }
            if let Some(body) = &text.body {
                vocabulary.add(*lang, body);
            }
            if matches!(lang, Lang::Sv | Lang::En) {
                for keyword in &text.keywords {
                    vocabulary.add(*lang, keyword);
                }
            }
        }
    }
    vocabulary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;

    fn at(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc))
    }

    #[test]
    fn asking_for_a_person_when_the_centre_is_closed_says_when_it_opens() {
        let assistant = Assistant::load(&Content::embedded()).expect("shipped content");
        let turn = |now| Turn {
            text: "jag vill prata med en människa".into(),
            now,
            ..Turn::default()
        };
        let saturday = assistant.respond(&turn(at("2026-11-28T12:00:00Z")), &Context::default());
        assert_eq!(saturday.decision, Decision::Handoff);
        assert!(
            saturday.text.contains("stängt just nu") && saturday.text.contains("2026-11-30 08:00"),
            "{}",
            saturday.text
        );
        let wednesday = assistant.respond(&turn(at("2026-11-25T09:00:00Z")), &Context::default());
        assert_eq!(wednesday.decision, Decision::Handoff);
        assert!(
            !wednesday.text.contains("stängt just nu"),
            "{}",
            wednesday.text
        );
    }
}
