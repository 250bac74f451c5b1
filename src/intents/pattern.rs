//! Word-sequence patterns for intents, matched on folded words (see intents/README.md).
//!
//! All pattern words of all intents are found in a message in one pass (Aho-Corasick), so
//! classifying a message costs the same whether the intents hold a hundred patterns or a
//! thousand; only the patterns whose words all occur are then checked for order and gaps.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use crate::folding::{fold, words};

/// How many other words may stand between two words of a pattern.
const MAX_GAP: usize = 2;

/// A sequence of pattern words, by id in the `Lexicon`.
#[derive(Debug, Clone)]
pub struct Pattern {
    words: Vec<u32>,
}

/// The distinct words of all patterns, and the automaton that finds them.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: Vec<String>,
    ids: HashMap<String, u32>,
    automaton: Option<AhoCorasick>,
}

/// Where each pattern word occurs in one message: word id → message word positions.
#[derive(Debug, Default)]
pub struct Occurrences {
    positions: HashMap<u32, Vec<usize>>,
}

impl Lexicon {
    /// Parses a pattern, adding its words; `None` when it has no words.
    pub fn pattern(&mut self, text: &str) -> Option<Pattern> {
        let words: Vec<u32> = words(&fold(text))
            .map(|word| {
                let next = self.words.len() as u32;
                *self.ids.entry(word.to_string()).or_insert_with(|| {
                    self.words.push(word.to_string());
                    next
                })
            })
            .collect();
        (!words.is_empty()).then_some(Pattern { words })
    }

    /// Builds the automaton once every pattern is in.
    pub fn seal(&mut self) {
        self.automaton = AhoCorasick::new(&self.words).ok();
    }

    /// Finds every pattern word in `message` (folded words), under the matching rules.
    pub fn occurrences(&self, message: &[&str]) -> Occurrences {
        let mut occurrences = Occurrences::default();
        let Some(automaton) = &self.automaton else {
            return occurrences;
        };
        for (position, word) in message.iter().enumerate() {
            for found in automaton.find_overlapping_iter(*word) {
                let id = found.pattern().as_u32();
                let pattern_word = &self.words[id as usize];
                if word_matches_at(word, pattern_word, found.start(), found.end()) {
                    let positions = occurrences.positions.entry(id).or_default();
                    if positions.last() != Some(&position) {
                        positions.push(position);
                    }
                }
            }
        }
        occurrences
    }
}

impl Pattern {
    /// The message positions the pattern matched, in order with small gaps, if it matched.
    pub fn find(&self, occurrences: &Occurrences) -> Option<Vec<usize>> {
        let first = occurrences.positions.get(&self.words[0])?;
        let mut found = Vec::with_capacity(self.words.len());
        first
            .iter()
            .any(|start| self.find_from(occurrences, *start, 0, &mut found))
            .then_some(found)
    }

    fn find_from(
        &self,
        occurrences: &Occurrences,
        position: usize,
        index: usize,
        found: &mut Vec<usize>,
    ) -> bool {
        found.push(position);
        if index + 1 == self.words.len() {
            return true;
        }
        let next_positions = occurrences
            .positions
            .get(&self.words[index + 1])
            .map(Vec::as_slice)
            .unwrap_or_default();
        let reachable = next_positions
            .iter()
            .filter(|next| **next > position && **next <= position + 1 + MAX_GAP);
        for next in reachable {
            if self.find_from(occurrences, *next, index + 1, found) {
                return true;
            }
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

/// `word_matches` for an occurrence of `pattern` found at `start..end` in `word`.
fn word_matches_at(word: &str, pattern: &str, start: usize, end: usize) -> bool {
    match pattern.chars().count() {
        0..=3 => start == 0 && end == word.len(),
        4 => start == 0,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, message: &str) -> bool {
        let mut lexicon = Lexicon::default();
        let pattern = lexicon.pattern(pattern).expect("pattern");
        lexicon.seal();
        let folded = fold(message);
        let message: Vec<&str> = words(&folded).collect();
        pattern.find(&lexicon.occurrences(&message)).is_some()
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
        assert!(matches("kniv", "knivhugget"));
        assert!(!matches("is", "this"));
        assert!(!matches("hot", "ethot"));
    }

    #[test]
    fn repeated_words_match_at_every_place() {
        assert!(matches("ring ring", "ring ring"));
        assert!(matches("nu hjälp", "nu nu nu hjälp"));
    }
}
