//! Word-sequence patterns for intents, matched on folded words (see intents/README.md).

use crate::folding::{fold, words};

/// How many other words may stand between two words of a pattern.
const MAX_GAP: usize = 2;

/// A sequence of pattern words.
#[derive(Debug, Clone)]
pub struct Pattern {
    words: Vec<String>,
}

impl Pattern {
    pub fn parse(text: &str) -> Option<Pattern> {
        let words: Vec<String> = words(&fold(text)).map(str::to_string).collect();
        (!words.is_empty()).then_some(Pattern { words })
    }

    /// Whether the words of the pattern appear in `message` in order, with small gaps.
    pub fn matches(&self, message: &[&str]) -> bool {
        self.find(message).is_some()
    }

    /// The positions of the message words that the pattern matched, if it matched.
    pub fn find(&self, message: &[&str]) -> Option<Vec<usize>> {
        let mut positions = Vec::with_capacity(self.words.len());
        (0..message.len())
            .any(|start| self.find_from(message, start, 0, &mut positions))
            .then_some(positions)
    }

    fn find_from(
        &self,
        message: &[&str],
        position: usize,
        index: usize,
        found: &mut Vec<usize>,
    ) -> bool {
        if !word_matches(message[position], &self.words[index]) {
            return false;
        }
        found.push(position);
        if index + 1 == self.words.len() {
            return true;
        }
        let end = (position + 2 + MAX_GAP).min(message.len());
        if (position + 1..end).any(|next| self.find_from(message, next, index + 1, found)) {
            return true;
        }
        found.pop();
        false
    }
}

/// A message word matches a pattern word: equal when the pattern word is short, a prefix at
/// four letters, contained from five (so compounds and inflections match).
pub fn word_matches(word: &str, pattern: &str) -> bool {
    match pattern.chars().count() {
        0..=3 => word == pattern,
        4 => word.starts_with(pattern),
        _ => word.contains(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, message: &str) -> bool {
        let folded = fold(message);
        let message: Vec<&str> = words(&folded).collect();
        Pattern::parse(pattern).expect("pattern").matches(&message)
    }

    #[test]
    fn matches_words_in_order_with_small_gaps() {
        assert!(matches(
            "min ansökan",
            "hur går det med min bygglovsansökan"
        ));
        assert!(matches("andas inte", "han andas nästan inte"));
        assert!(!matches("andas inte", "inte andas"));
        assert!(!matches(
            "min ansökan",
            "min dotter har inte skickat någon ansökan"
        ));
        assert!(!matches("kniv", ""));
        assert!(matches("kniv", "han har en kniv"));
        assert!(!matches("is", "this"));
    }
}
