//! Replies in Telegram's idiom: HTML-escaped text split at the 4,096-character limit on
//! paragraph boundaries, choices as callback buttons, links as URL buttons. Pure.

use serde::{Deserialize, Serialize};

use crate::conversation::ReplyRecord;
use crate::language::Lang;

/// Telegram's limit on the text of one message.
pub const MAX_MESSAGE_CHARS: usize = 4096;

/// One message to send: HTML text and its inline keyboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutgoingMessage {
    pub html: String,
    pub buttons: Vec<Vec<Button>>,
}

/// An inline keyboard button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Button {
    /// Sends `data` back as a callback query.
    Callback { label: String, data: String },
    /// Opens a link.
    Url { label: String, url: String },
}

/// Callback data of a choice button.
pub fn topic_callback(topic: &str) -> String {
    format!("topic:{topic}")
}

/// Callback data of a language button.
pub fn language_callback(lang: Lang) -> String {
    format!("lang:{}", lang.code())
}

/// The messages that carry `reply`: the text split into parts, the buttons on the last.
pub fn render(reply: &ReplyRecord) -> Vec<OutgoingMessage> {
    let mut buttons: Vec<Vec<Button>> = reply
        .choices
        .iter()
        .map(|choice| {
            vec![Button::Callback {
                label: choice.title.clone(),
                data: topic_callback(choice.topic.as_str()),
            }]
        })
        .collect();
    buttons.extend(
        reply
            .links
            .iter()
            .filter(|link| link.url.starts_with("https://") || link.url.starts_with("http://"))
            .map(|link| {
                vec![Button::Url {
                    label: link.label.clone(),
                    url: link.url.clone(),
                }]
            }),
    );
    with_buttons(&reply.text, buttons)
}

/// `text` split into messages, with `buttons` under the last one.
pub fn with_buttons(text: &str, buttons: Vec<Vec<Button>>) -> Vec<OutgoingMessage> {
    let mut parts: Vec<OutgoingMessage> = split(text)
        .into_iter()
        .map(|html| OutgoingMessage {
            html,
            buttons: Vec::new(),
        })
        .collect();
    if let Some(last) = parts.last_mut() {
        last.buttons = buttons;
    }
    parts
}

/// Escapes text for Telegram's HTML parse mode: only `<`, `>` and `&` are special.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            other => out.push(other),
        }
    }
    out
}

/// Splits text into escaped parts of at most `MAX_MESSAGE_CHARS` characters, preferring
/// paragraph boundaries, then spaces; an empty text is one "…".
pub fn split(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return vec!["…".to_string()];
    }
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for piece in pieces(text) {
        if current.is_empty() {
            current = piece;
        } else if escaped_len(&current) + 2 + escaped_len(&piece) <= MAX_MESSAGE_CHARS {
            current.push_str("\n\n");
            current.push_str(&piece);
        } else {
            parts.push(std::mem::replace(&mut current, piece));
        }
    }
    parts.push(current);
    parts.iter().map(|part| escape(part.trim())).collect()
}

/// Paragraphs, each cut at spaces if it alone is too long, and a word that alone is too long
/// (a pasted blob) cut by characters.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if escaped_len(paragraph) <= MAX_MESSAGE_CHARS {
            out.push(paragraph.to_string());
            continue;
        }
        let mut current = String::new();
        for word in paragraph.split_inclusive(' ') {
            if escaped_len(&current) + escaped_len(word) <= MAX_MESSAGE_CHARS {
                current.push_str(word);
                continue;
            }
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            for c in word.chars() {
                if escaped_len(&current) + escaped_len(c.encode_utf8(&mut [0; 4]))
                    > MAX_MESSAGE_CHARS
                {
                    out.push(std::mem::take(&mut current));
                }
                current.push(c);
            }
        }
        if !current.trim().is_empty() {
            out.push(current);
        }
    }
    out
}

fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '<' | '>' => 4,
            '&' => 5,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped_for_html_mode() {
        assert_eq!(
            escape("a < b & c > d _x_ *y*"),
            "a &lt; b &amp; c &gt; d _x_ *y*"
        );
        assert_eq!(split("<b>hej</b>"), ["&lt;b&gt;hej&lt;/b&gt;"]);
    }

    #[test]
    fn long_text_is_split_on_paragraphs_within_the_limit() {
        let paragraph = "Ord ".repeat(600).trim().to_string(); // 2,399 characters
        let text = format!("{paragraph}\n\n{paragraph}\n\n{paragraph}");
        let parts = split(&text);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_MESSAGE_CHARS));
        assert_eq!(parts[0], paragraph);

        let short = "Ett.\n\nTvå.";
        assert_eq!(split(short), ["Ett.\n\nTvå."]);
    }

    #[test]
    fn one_huge_paragraph_and_escapes_still_fit() {
        let text = "<".repeat(5000);
        let parts = split(&text);
        assert!(parts.len() >= 5);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_MESSAGE_CHARS));
        assert_eq!(parts.concat(), "&lt;".repeat(5000));
    }
}
