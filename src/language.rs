//! The languages the assistant speaks, and which one a message is written in.
//!
//! Detection is pure: script first (Arabic, Cyrillic, Ethiopic letters decide most of it), then
//! for Latin text the function words of each language together with whatlang's trigram model
//! restricted to our languages. Short or uncertain messages defer to what the conversation has
//! already established, so "ok" or "tack" never flips the language. Nothing here does I/O.

use serde::{Deserialize, Serialize};
use std::fmt;
use utoipa::ToSchema;

use crate::folding::fold;

/// One of the nine languages the product supports; a municipality offers a subset.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Sv,
    En,
    Ar,
    Fi,
    So,
    Fa,
    Uk,
    Pl,
    Ti,
}

impl Lang {
    pub const ALL: [Lang; 9] = [
        Lang::Sv,
        Lang::En,
        Lang::Ar,
        Lang::Fi,
        Lang::So,
        Lang::Fa,
        Lang::Uk,
        Lang::Pl,
        Lang::Ti,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
            Lang::Ar => "ar",
            Lang::Fi => "fi",
            Lang::So => "so",
            Lang::Fa => "fa",
            Lang::Uk => "uk",
            Lang::Pl => "pl",
            Lang::Ti => "ti",
        }
    }

    /// Parses a code or a locale tag such as `sv-SE` or `en_GB`; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    /// Whether text in this language runs right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar | Lang::Fa)
    }

    /// The value of an HTML `dir` attribute for this language.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What else is known about the language of a turn besides its text.
#[derive(Debug, Clone, Default)]
pub struct LanguageHints {
    /// The language the resident picked from a menu or asked for; it wins over detection.
    pub chosen: Option<Lang>,
    /// The language the conversation has been held in so far.
    pub conversation: Option<Lang>,
    /// The channel's guess: the browser's Accept-Language, Telegram's language_code.
    pub channel: Option<Lang>,
}

/// Which words each language uses, learnt from the content (articles and interface
/// strings): it recognises "bin collection day" as English where function words cannot.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    words: std::collections::HashMap<String, Vec<Lang>>,
}

impl Vocabulary {
    /// Adds the words of `text` as words of `lang`.
    pub fn add(&mut self, lang: Lang, text: &str) {
        let folded = fold(&crate::folding::without_templates(text));
        for word in crate::folding::words(&folded) {
            if word.chars().count() < 2 || word.chars().all(char::is_numeric) {
                continue;
            }
            let langs = self.words.entry(word.to_string()).or_default();
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
    }

    fn languages_of(&self, word: &str) -> &[Lang] {
        self.words.get(word).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Which language a message is in, within the languages the municipality offers.
pub fn detect(text: &str, hints: &LanguageHints, offered: &[Lang], default: Lang) -> Lang {
    detect_with(text, hints, offered, default, &Vocabulary::default())
}

/// `detect`, helped by the words of the content.
pub fn detect_with(
    text: &str,
    hints: &LanguageHints,
    offered: &[Lang],
    default: Lang,
    vocabulary: &Vocabulary,
) -> Lang {
    // A language the resident asked for is kept until they ask for another.
    if let Some(chosen) = hints.chosen.filter(|lang| offered.contains(lang)) {
        return chosen;
    }
    let fallback = hints
        .chosen
        .or(hints.conversation)
        .or(hints.channel)
        .filter(|lang| offered.contains(lang))
        .unwrap_or(default);
    match detect_text(text, offered, vocabulary) {
        Some(detection) if detection.confident => detection.lang,
        // A weak signal only decides when nothing else is known.
        Some(detection) if hints.chosen.is_none() && hints.conversation.is_none() => detection.lang,
        _ => fallback,
    }
}

/// The result of looking at the text alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub lang: Lang,
    /// False for one-word replies, numbers and close calls: context should then decide.
    pub confident: bool,
}

/// Looks at the text alone; `None` when it carries no language at all (digits, emoji).
pub fn detect_text(text: &str, offered: &[Lang], vocabulary: &Vocabulary) -> Option<Detection> {
    let scripts = ScriptCounts::of(text);
    if scripts.total() == 0 {
        return None;
    }
    let offers = |lang: Lang| offered.contains(&lang);
    let words = text.split_whitespace().count();
    let by_script = if scripts.ethiopic * 2 > scripts.total() && offers(Lang::Ti) {
        Some(Lang::Ti)
    } else if scripts.arabic * 2 > scripts.total() {
        Some(arabic_or_persian(text, offered))
    } else if scripts.cyrillic * 2 > scripts.total() && offers(Lang::Uk) {
        // Russian is not offered; a Cyrillic message is answered in Ukrainian.
        Some(Lang::Uk)
    } else {
        None
    };
    if let Some(lang) = by_script {
        return Some(Detection {
            lang,
            confident: scripts.total() >= 2
                || words >= 2
                || text.chars().filter(|c| c.is_alphabetic()).count() >= 4,
        });
    }
    latin(text, offered, vocabulary)
}

fn arabic_or_persian(text: &str, offered: &[Lang]) -> Lang {
    // Letters Persian has and Arabic does not, and a few frequent Persian-only words.
    let persian_letters = text
        .chars()
        .filter(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | '\u{200c}'))
        .count();
    let arabic_letters = text
        .chars()
        .filter(|c| matches!(c, 'ة' | 'ي' | 'ك' | 'ى' | 'ث' | 'ذ' | 'ض' | 'ظ'))
        .count();
    let persian = persian_letters > arabic_letters;
    match (
        persian,
        offered.contains(&Lang::Fa),
        offered.contains(&Lang::Ar),
    ) {
        (true, true, _) | (false, true, false) => Lang::Fa,
        _ => Lang::Ar,
    }
}

/// Latin-script text: function words per language, helped by whatlang on longer text.
fn latin(text: &str, offered: &[Lang], vocabulary: &Vocabulary) -> Option<Detection> {
    let folded = fold(text);
    let tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let mut scores: Vec<(Lang, f32)> = LATIN
        .iter()
        .filter(|(lang, _)| offered.contains(lang))
        .map(|(lang, words)| {
            let hits = tokens.iter().filter(|token| words.contains(token)).count() as f32;
            (*lang, hits)
        })
        .collect();
    // Content words: a word shared by several languages counts a share to each.
    for token in &tokens {
        let langs = vocabulary.languages_of(token);
        for (lang, score) in scores.iter_mut() {
            if langs.contains(lang) {
                *score += 0.8 / langs.len() as f32;
            }
        }
    }
    // Letters that only one of our Latin languages uses.
    for (lang, score) in scores.iter_mut() {
        let letters: &[char] = match lang {
            Lang::Sv => &['å'],
            Lang::Fi => &[],
            Lang::Pl => &['ą', 'ę', 'ł', 'ń', 'ś', 'ź', 'ż', 'ć'],
            _ => &[],
        };
        if lower.chars().any(|c| letters.contains(&c)) {
            *score += 1.5;
        }
    }
    // whatlang's trigram model costs more than all the rest; ask it only for a close call.
    let mut ranked: Vec<f32> = scores.iter().map(|(_, score)| *score).collect();
    ranked.sort_by(|a, b| b.total_cmp(a));
    let clear =
        ranked.first().copied().unwrap_or(0.0) >= ranked.get(1).copied().unwrap_or(0.0) + 1.5;
    if let Some(info) = (!clear).then(|| whatlang::detect(text)).flatten() {
        let lang = match info.lang() {
            whatlang::Lang::Swe => Some(Lang::Sv),
            whatlang::Lang::Eng => Some(Lang::En),
            whatlang::Lang::Fin => Some(Lang::Fi),
            whatlang::Lang::Pol => Some(Lang::Pl),
            _ => None,
        };
        if let Some(lang) = lang {
            let weight = if tokens.len() >= 4 { 1.0 } else { 0.4 } * info.confidence() as f32;
            if let Some(entry) = scores.iter_mut().find(|(l, _)| *l == lang) {
                entry.1 += weight;
            }
        }
    }
    // Highest score first; a tie goes to the order of LATIN, Swedish first.
    scores.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (best, best_score) = *scores.first()?;
    let second = scores.get(1).map(|s| s.1).unwrap_or(0.0);
    if best_score <= 0.0 {
        return None;
    }
    Some(Detection {
        lang: best,
        confident: tokens.len() >= 2 && best_score >= 1.0 && best_score > second + 0.5,
    })
}

/// Frequent short words of each Latin-script language, folded (no diacritics).
const LATIN: [(Lang, &[&str]); 5] = [
    (
        Lang::Sv,
        &[
            "jag", "och", "ar", "det", "hur", "vad", "nar", "min", "mitt", "mina", "kan", "inte",
            "pa", "for", "med", "om", "till", "far", "var", "vilken", "vilka", "ska", "har", "att",
            "ett", "vi", "ni", "man", "sig", "mig", "dig", "nagon", "nagot", "finns", "vill",
            "behover", "skulle", "eller", "fran", "sa", "hej", "tack", "ja", "nej", "du", "av",
            "som", "den", "inga", "ingen", "hos", "vem", "varfor", "gor", "mycket", "kommer",
            "efter", "innan", "utan", "hallo", "snalla", "ocksa", "bara", "nan", "nat",
        ],
    ),
    (
        Lang::En,
        &[
            "the", "is", "my", "how", "what", "when", "i", "can", "do", "to", "of", "for", "a",
            "in", "where", "and", "it", "was", "have", "are", "you", "me", "who", "does", "an",
            "with", "on", "your", "our", "we", "please", "want", "need", "get", "there", "this",
            "that", "which", "hello", "hi", "thanks", "yes", "no", "not", "from", "about", "would",
            "like", "should", "has", "at", "be", "or", "if", "any", "why", "much",
        ],
    ),
    (
        Lang::Fi,
        &[
            "mita",
            "miten",
            "missa",
            "milloin",
            "kun",
            "on",
            "ja",
            "en",
            "voin",
            "minun",
            "kuka",
            "onko",
            "mina",
            "se",
            "etta",
            "ei",
            "ole",
            "voi",
            "haluan",
            "tarvitsen",
            "saa",
            "kiitos",
            "hei",
            "moi",
            "kylla",
            "mista",
            "mihin",
            "jos",
            "tai",
            "olen",
            "meidan",
            "lapsen",
            "lapseni",
            "kanssa",
            "mitka",
            "paljonko",
            "kunnan",
        ],
    ),
    (
        Lang::Pl,
        &[
            "jak",
            "gdzie",
            "czy",
            "moge",
            "sie",
            "nie",
            "jest",
            "w",
            "na",
            "do",
            "moj",
            "moja",
            "co",
            "kiedy",
            "dla",
            "i",
            "z",
            "o",
            "to",
            "prosze",
            "dziekuje",
            "tak",
            "chce",
            "potrzebuje",
            "ile",
            "jaki",
            "jakie",
            "mam",
            "mojego",
            "mojej",
            "dziecka",
            "zeby",
        ],
    ),
    (
        Lang::So,
        &[
            "waxaan",
            "sidee",
            "iyo",
            "ma",
            "ku",
            "waa",
            "xagee",
            "xaggee",
            "aan",
            "ayaa",
            "ayuu",
            "maxaan",
            "si",
            "la",
            "u",
            "ka",
            "sameeyaa",
            "caawimaad",
            "mahadsanid",
            "haa",
            "maya",
            "waxaa",
            "ah",
            "kala",
            "waxay",
            "inaan",
            "heli",
            "karaa",
            "goorma",
            "halkee",
            "dadka",
            "qof",
            "rabaa",
            "codsi",
            "iga",
            "kuu",
            "wax",
        ],
    ),
];

/// How many letters of each script a text holds.
#[derive(Debug, Default)]
struct ScriptCounts {
    latin: usize,
    arabic: usize,
    cyrillic: usize,
    ethiopic: usize,
}

impl ScriptCounts {
    /// Counts words, not letters, by the script of their letters: in "كيف أحصل على
    /// försörjningsstöd" the one long Swedish term must not outvote three Arabic words.
    fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        for word in text.split(|c: char| !c.is_alphanumeric() && c != '\u{200c}') {
            let Some(c) = word.chars().find(|c| c.is_alphabetic()) else {
                continue;
            };
            match c as u32 {
                0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                    counts.arabic += 1
                }
                0x0400..=0x04FF => counts.cyrillic += 1,
                0x1200..=0x137F | 0x1380..=0x139F | 0x2D80..=0x2DDF => counts.ethiopic += 1,
                _ => counts.latin += 1,
            }
        }
        counts
    }

    fn total(&self) -> usize {
        self.latin + self.arabic + self.cyrillic + self.ethiopic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Lang {
        detect(s, &LanguageHints::default(), &Lang::ALL, Lang::Sv)
    }

    #[test]
    fn detects_by_script_and_words() {
        assert_eq!(text("när töms soporna på min gata"), Lang::Sv);
        assert_eq!(text("when is my bin emptied"), Lang::En);
        assert_eq!(text("متى يتم جمع القمامة"), Lang::Ar);
        assert_eq!(text("چطور می‌توانم برای پیش‌دبستانی ثبت‌نام کنم"), Lang::Fa);
        assert_eq!(text("Як записати дитину до садочка"), Lang::Uk);
        assert_eq!(text("ቆሻሻ መዓስ ይእከብ"), Lang::Ti);
        assert_eq!(text("Miten haen päivähoitopaikkaa"), Lang::Fi);
        assert_eq!(text("Jak zapisać dziecko do przedszkola"), Lang::Pl);
        assert_eq!(text("Sidee ayaan u codsadaa xanaanada carruurta"), Lang::So);
        // A Swedish official term inside another language's sentence does not decide.
        assert_eq!(text("كيف أحصل على försörjningsstöd؟"), Lang::Ar);
        assert_eq!(text("Як подати заяву на bygglov?"), Lang::Uk);
    }

    #[test]
    fn one_word_replies_keep_the_conversation_language() {
        let hints = LanguageHints {
            conversation: Some(Lang::En),
            ..LanguageHints::default()
        };
        for reply in ["ok", "tack", "ja", "42", "🙂"] {
            assert_eq!(
                detect(reply, &hints, &Lang::ALL, Lang::Sv),
                Lang::En,
                "{reply}"
            );
        }
    }

    #[test]
    fn template_expressions_are_not_words_of_a_language() {
        let mut vocabulary = Vocabulary::default();
        vocabulary.add(Lang::Sv, "Avgifter finns på {{links.childcare_fees}}.");
        assert_eq!(vocabulary.languages_of("avgifter"), [Lang::Sv]);
        assert!(vocabulary.languages_of("childcare").is_empty());
        let english = LanguageHints::default();
        let mut with_english = Vocabulary::default();
        with_english.add(Lang::En, "Fees for childcare");
        assert_eq!(
            detect_with(
                "childcare fees",
                &english,
                &Lang::ALL,
                Lang::Sv,
                &with_english
            ),
            Lang::En
        );
    }

    #[test]
    fn only_offered_languages_are_detected() {
        assert_eq!(
            detect(
                "when is my bin emptied",
                &LanguageHints::default(),
                &[Lang::Sv],
                Lang::Sv
            ),
            Lang::Sv
        );
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
    }
}
