//! The volunteer conversation in the chat: "jag vill hjälpa till" → a few questions (skipping
//! them when the volunteer already has a profile) → three matches with their reasons → "I'm
//! interested", which records the interest for the coordinator. The questions and answers
//! are `volunteers::dialog` (pure); this module stores what it decides and words the replies.
//!
//! The conversation layer hands every turn here with the assistant's own reply to it. That
//! reply is kept when the turn is not about volunteering, and it wins over the dialog for an
//! emergency and for a clear question about something else, so a resident is never stuck in
//! the questions.

use chrono::NaiveDateTime;

use super::profiles::StoredProfile;
use super::{VolunteeringError, interests, needs, profiles};
use crate::chat::{Assistant, Choice, Context, Decision, Reply, Turn};
use crate::conversation::{Channel, ConversationId};
use crate::intents::Intent;
use crate::knowledge::TopicId;
use crate::language::Lang;
use crate::store::Store;
use crate::volunteers::dialog::{self, CHOICE_PREFIX, Dialog, Input, Question, Step};
use crate::volunteers::{Match, Need, Organiser, Topic, matches_for, render};

/// How many needs one reply offers.
const PAGE: usize = 3;

/// One conversation turn as the flow sees it.
pub struct FlowTurn<'a> {
    pub store: &'a Store,
    pub assistant: &'a Assistant,
    pub conversation: ConversationId,
    pub channel: Channel,
    pub turn: &'a Turn,
    pub context: &'a Context,
}

/// The reply to a turn: the dialog's, or the assistant's own `reply` when the turn is not
/// (or no longer) about volunteering.
pub async fn take_turn(flow: FlowTurn<'_>, reply: Reply) -> Result<Reply, VolunteeringError> {
    if reply.intent == Some(Intent::Emergency) {
        return Ok(leave(reply));
    }
    let choice = flow
        .turn
        .choice
        .as_ref()
        .and_then(|topic| topic.as_str().strip_prefix(CHOICE_PREFIX));
    let (mut dialog, input) = match (flow.context.volunteering.clone(), choice) {
        (Some(dialog), Some(choice)) => (dialog, Input::Choice(choice)),
        (Some(dialog), None) => (dialog, Input::Text(&flow.turn.text)),
        // A button from an earlier reply, pressed after the dialog ended.
        (None, Some(choice)) => {
            let profile = flow.profile().await?;
            (
                Dialog::start(profile.as_ref().map(|stored| &stored.profile)),
                Input::Choice(choice),
            )
        }
        (None, None) if reply.intent == Some(Intent::VolunteerSignup) => {
            return flow.open(reply).await;
        }
        (None, None) => return Ok(reply),
    };
    let step = dialog.answer(input, &flow.assistant.volunteer_words);
    flow.step(dialog, step, reply).await
}

impl FlowTurn<'_> {
    fn municipality(&self) -> &str {
        &self.assistant.municipality.id
    }

    fn now(&self) -> NaiveDateTime {
        self.turn.now.unwrap_or_else(chrono::Utc::now).naive_utc()
    }

    fn text(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        self.assistant.locales.text(lang, key, args)
    }

    async fn profile(&self) -> Result<Option<StoredProfile>, VolunteeringError> {
        profiles::of_conversation(self.store, self.municipality(), self.conversation).await
    }

    /// "I want to help": the matches for a known volunteer, else the first question.
    async fn open(&self, reply: Reply) -> Result<Reply, VolunteeringError> {
        let lang = reply.language;
        match self.profile().await? {
            Some(stored) => {
                let mut dialog = Dialog::start(Some(&stored.profile));
                let heading = self.text(lang, "volunteer-welcome-back", &[]);
                self.matches(&mut dialog, &stored, heading, reply).await
            }
            None => {
                let dialog = Dialog::start(None);
                let intro = self.text(lang, "volunteer-intro", &[]);
                Ok(self.ask(dialog, Question::Interests, Some(intro), reply))
            }
        }
    }

    async fn step(
        &self,
        mut dialog: Dialog,
        step: Step,
        reply: Reply,
    ) -> Result<Reply, VolunteeringError> {
        let lang = reply.language;
        match step {
            Step::Ask(question) => Ok(self.ask(dialog, question, None, reply)),
            Step::NotUnderstood(question) => {
                if answers_something_else(&reply) {
                    return Ok(leave(reply));
                }
                let sorry = self.text(lang, "volunteer-not-understood", &[]);
                Ok(self.ask(dialog, question, Some(sorry), reply))
            }
            Step::Complete => {
                let Some(profile) = dialog.profile(self.now()) else {
                    // Unreachable by the dialog's own rules; start over rather than guess.
                    return Ok(self.ask(Dialog::start(None), Question::Interests, None, reply));
                };
                profiles::save(
                    self.store,
                    self.municipality(),
                    self.conversation,
                    self.channel.as_str(),
                    lang,
                    &profile,
                )
                .await?;
                let stored = self.profile().await?.ok_or(VolunteeringError::NotFound)?;
                let heading = self.text(lang, "volunteer-matches", &[]);
                self.matches(&mut dialog, &stored, heading, reply).await
            }
            Step::More => match self.profile().await? {
                Some(stored) => {
                    let heading = self.text(lang, "volunteer-more-matches", &[]);
                    self.matches(&mut dialog, &stored, heading, reply).await
                }
                None => self.open(reply).await,
            },
            Step::Interested(need) => self.interested(dialog, need, reply).await,
            Step::Delete => {
                profiles::delete(self.store, self.municipality(), self.conversation).await?;
                Ok(self.end("volunteer-deleted", &[], reply))
            }
            Step::TooYoung => Ok(self.end("volunteer-too-young", &[], reply)),
            Step::NoConsent => {
                let link = self
                    .assistant
                    .municipality
                    .fact("links.volunteering", lang)
                    .unwrap_or_else(|| self.assistant.municipality.name.clone());
                Ok(self.end("volunteer-no-consent", &[("link", &link)], reply))
            }
            Step::Cancelled => Ok(self.end("volunteer-cancelled", &[], reply)),
            // "I want to help" again while browsing: start over from the matches.
            Step::Elsewhere if reply.intent == Some(Intent::VolunteerSignup) => {
                self.open(leave(reply)).await
            }
            Step::Elsewhere => Ok(leave(reply)),
        }
    }

    /// Records "I'm interested" in `need` if it is still open to this volunteer.
    async fn interested(
        &self,
        dialog: Dialog,
        need: crate::volunteers::NeedId,
        reply: Reply,
    ) -> Result<Reply, VolunteeringError> {
        let lang = reply.language;
        let Some(stored) = self.profile().await? else {
            return self.open(reply).await;
        };
        let found = match needs::get(self.store, self.municipality(), need).await {
            Ok(found) => Some(found),
            Err(VolunteeringError::NotFound) => None,
            Err(other) => return Err(other),
        };
        let offered = found.as_ref().and_then(|found| {
            crate::volunteers::explain(&stored.profile, &found.need, self.now())
                .ok()
                .map(|matched| (found, matched))
        });
        let Some((found, matched)) = offered else {
            let text = self.text(lang, "volunteer-need-gone", &[]);
            return Ok(self.say(dialog, text, self.browse_choices(lang, &[], true), reply));
        };
        interests::express(
            self.store,
            self.municipality(),
            need,
            stored.profile.id,
            &render(&matched.reasons, lang),
        )
        .await?;
        let title = title(&found.need, lang);
        let text = self.text(lang, "volunteer-interested", &[("need", &title)]);
        Ok(self.say(dialog, text, self.browse_choices(lang, &[], true), reply))
    }

    /// The next page of matches for a stored volunteer.
    async fn matches(
        &self,
        dialog: &mut Dialog,
        stored: &StoredProfile,
        heading: String,
        reply: Reply,
    ) -> Result<Reply, VolunteeringError> {
        let lang = reply.language;
        let open = needs::open(self.store, self.municipality()).await?;
        let taken = interests::needs_of(self.store, stored.profile.id).await?;
        let first_page = dialog.shown.is_empty();
        let page: Vec<Match> = matches_for(&stored.profile, &open, self.now(), open.len())
            .into_iter()
            .filter(|matched| {
                !dialog.shown.contains(&matched.need) && !taken.contains(&matched.need)
            })
            .take(PAGE)
            .collect();
        if page.is_empty() {
            let key = if first_page {
                "volunteer-no-matches"
            } else {
                "volunteer-no-more"
            };
            let text = self.text(lang, key, &[]);
            let choices = self.browse_choices(lang, &[], false);
            return Ok(self.say(dialog.clone(), text, choices, reply));
        }
        let mut lines = vec![heading];
        let mut offered = Vec::new();
        for (number, matched) in page.iter().enumerate() {
            let Some(need) = open.iter().find(|need| need.id == matched.need) else {
                continue;
            };
            let title = title(need, lang);
            let organiser = match &need.organiser {
                Organiser::Municipality => self.text(lang, "volunteer-organiser-municipality", &[]),
                Organiser::Association(name) => name.clone(),
            };
            let number = (number + 1).to_string();
            let reasons = render(&matched.reasons, lang);
            let line = if reasons.is_empty() {
                self.text(
                    lang,
                    "volunteer-match-plain",
                    &[
                        ("number", &number),
                        ("title", &title),
                        ("organiser", &organiser),
                    ],
                )
            } else {
                self.text(
                    lang,
                    "volunteer-match",
                    &[
                        ("number", &number),
                        ("title", &title),
                        ("organiser", &organiser),
                        ("reasons", &reasons),
                    ],
                )
            };
            lines.push(line);
            offered.push((need.id, title));
            dialog.shown.push(need.id);
        }
        lines.push(self.text(lang, "volunteer-choose", &[]));
        let choices = self.browse_choices(lang, &offered, true);
        Ok(self.say(dialog.clone(), lines.join("\n"), choices, reply))
    }

    /// "I'm interested" for each offered need, then the ways on ("show me other things"
    /// only while there may be more).
    fn browse_choices(
        &self,
        lang: Lang,
        offered: &[(crate::volunteers::NeedId, String)],
        more: bool,
    ) -> Vec<Choice> {
        let mut choices: Vec<(String, String)> = offered
            .iter()
            .map(|(need, title)| {
                (
                    format!("need-{}", need.0),
                    self.text(lang, "volunteer-choice-interested", &[("title", title)]),
                )
            })
            .collect();
        let ways = [
            ("more", "volunteer-choice-more"),
            ("change", "volunteer-choice-change"),
            ("delete", "volunteer-choice-delete"),
        ];
        for (id, key) in ways.into_iter().filter(|(id, _)| more || *id != "more") {
            choices.push((id.to_string(), self.text(lang, key, &[])));
        }
        to_choices(choices)
    }

    /// Asks `question`, after `before` if given.
    fn ask(
        &self,
        dialog: Dialog,
        question: Question,
        before: Option<String>,
        reply: Reply,
    ) -> Reply {
        let lang = reply.language;
        let (key, options): (&str, Vec<(String, String)>) = match question {
            Question::Interests => (
                "volunteer-ask-interests",
                Topic::ALL
                    .into_iter()
                    .map(|topic| {
                        let id = dialog::topic_choice(topic);
                        let label = self.text(lang, &format!("volunteer-topic-{id}"), &[]);
                        (format!("topic-{id}"), label)
                    })
                    .chain([(
                        "anything".to_string(),
                        self.text(lang, "volunteer-choice-anything", &[]),
                    )])
                    .collect(),
            ),
            Question::Languages => ("volunteer-ask-languages", self.language_options(lang)),
            Question::When => (
                "volunteer-ask-when",
                dialog::WHEN_CHOICES
                    .iter()
                    .map(|id| {
                        (
                            format!("when-{id}"),
                            self.text(lang, &format!("volunteer-when-{id}"), &[]),
                        )
                    })
                    .collect(),
            ),
            Question::Where => (
                "volunteer-ask-where",
                self.assistant
                    .volunteer_words
                    .districts()
                    .enumerate()
                    .map(|(n, area)| (format!("where-{n}"), area.name().to_string()))
                    .chain(["online", "anywhere"].map(|id| {
                        (
                            format!("where-{id}"),
                            self.text(lang, &format!("volunteer-where-{id}"), &[]),
                        )
                    }))
                    .collect(),
            ),
            Question::Age => (
                "volunteer-ask-age",
                ["adult", "16", "under"]
                    .map(|id| {
                        (
                            format!("age-{id}"),
                            self.text(lang, &format!("volunteer-age-{id}"), &[]),
                        )
                    })
                    .into(),
            ),
            Question::RecordExtract | Question::Consent => (
                if question == Question::Consent {
                    "volunteer-ask-consent"
                } else {
                    "volunteer-ask-record-extract"
                },
                ["yes", "no"]
                    .map(|id| {
                        (
                            id.to_string(),
                            self.text(lang, &format!("volunteer-{id}"), &[]),
                        )
                    })
                    .into(),
            ),
        };
        let question_text = self.text(lang, key, &[]);
        let text = match before {
            Some(before) => format!("{before}\n\n{question_text}"),
            None => question_text,
        };
        self.say(dialog, text, to_choices(options), reply)
    }

    /// The language buttons: Swedish alone, and Swedish with English or with the
    /// conversation's language, labelled with each language's own name.
    fn language_options(&self, lang: Lang) -> Vec<(String, String)> {
        let name = |lang: Lang| self.text(lang, "language-name", &[]);
        let mut sets = vec![vec![Lang::Sv], vec![Lang::Sv, Lang::En]];
        if !matches!(lang, Lang::Sv | Lang::En) {
            sets.push(vec![Lang::Sv, lang]);
        }
        sets.into_iter()
            .map(|set| {
                let codes: Vec<&str> = set.iter().map(|lang| lang.code()).collect();
                let names: Vec<String> = set.iter().map(|lang| name(*lang)).collect();
                (format!("languages-{}", codes.join("-")), names.join(" + "))
            })
            .collect()
    }

    /// A dialog reply that keeps the conversation in `dialog`.
    fn say(&self, dialog: Dialog, text: String, choices: Vec<Choice>, reply: Reply) -> Reply {
        let mut context = reply.context.clone();
        context.volunteering = Some(dialog);
        dialog_reply(text, choices, context, reply)
    }

    /// A dialog reply that ends the volunteer conversation.
    fn end(&self, key: &str, args: &[(&str, &str)], reply: Reply) -> Reply {
        let text = self.text(reply.language, key, args);
        let mut context = reply.context.clone();
        context.volunteering = None;
        dialog_reply(text, Vec::new(), context, reply)
    }
}

fn dialog_reply(text: String, choices: Vec<Choice>, context: Context, reply: Reply) -> Reply {
    Reply {
        text,
        decision: Decision::Flow,
        topic: None,
        intent: Some(Intent::VolunteerSignup),
        choices,
        links: Vec::new(),
        confidence: 0.0,
        runner_up: 0.0,
        needs_review: false,
        context,
        ..reply
    }
}

/// The assistant's own reply, leaving the volunteer conversation.
fn leave(mut reply: Reply) -> Reply {
    reply.context.volunteering = None;
    reply
}

/// Whether the assistant's reply to a message the dialog did not understand is a clear
/// answer to another question (an article, a person, a language), so the resident has moved
/// on rather than mistyped an answer.
fn answers_something_else(reply: &Reply) -> bool {
    match reply.decision {
        Decision::Answer => {
            reply.topic.is_some()
                || matches!(
                    reply.intent,
                    Some(Intent::Human | Intent::ChangeLanguage | Intent::CaseStatus)
                )
        }
        Decision::Handoff => true,
        Decision::Choices | Decision::Unknown | Decision::Flow => false,
    }
}

fn title(need: &Need, lang: Lang) -> String {
    need.text(lang)
        .map(|text| text.title.clone())
        .unwrap_or_else(|| need.id.to_string())
}

fn to_choices(options: Vec<(String, String)>) -> Vec<Choice> {
    options
        .into_iter()
        .filter_map(|(id, title)| {
            TopicId::parse(&format!("{CHOICE_PREFIX}{id}")).map(|topic| Choice { topic, title })
        })
        .collect()
}
