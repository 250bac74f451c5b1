//! Text analysis shared by indexing and querying: words, stop words, stems, folding.
//!
//! One function turns text into search terms for both sides, so an article and a question
//! always meet on the same terms. Stemming uses the Snowball stemmers where one exists for
//! the language (sv, en, ar, fi); folding removes diacritics after stemming, because the
//! Finnish and Swedish stemmers need their own letters to find suffixes.

use rust_stemmers::{Algorithm, Stemmer};

use crate::folding::{fold, without_templates};
use crate::language::Lang;

/// Turns text into search terms for one language.
pub struct Analyzer {
    stemmers: Vec<(Lang, Stemmer)>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmers: vec![
                (Lang::Sv, Stemmer::create(Algorithm::Swedish)),
                (Lang::En, Stemmer::create(Algorithm::English)),
                (Lang::Ar, Stemmer::create(Algorithm::Arabic)),
                (Lang::Fi, Stemmer::create(Algorithm::Finnish)),
            ],
        }
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Analyzer {
    /// The search terms of `text` read as `lang`: no stop words, stemmed, folded.
    pub fn terms(&self, text: &str, lang: Lang) -> Vec<String> {
        let stemmer = self
            .stemmers
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, stemmer)| stemmer);
        let lower = without_templates(text).to_lowercase();
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .filter(|word| !is_stop_word(&fold(word), lang))
            .map(|word| {
                let stemmed = match stemmer {
                    Some(stemmer) => stemmer.stem(word).into_owned(),
                    None => word.to_string(),
                };
                fold(&stemmed)
            })
            .filter(|term| term.chars().count() >= 2 || term.chars().all(|c| c.is_numeric()))
            .collect()
    }
}

/// Words that carry no topic, folded. Question words stay out too: "när" and "how" are in
/// every phrasing and would only blur the scores.
fn is_stop_word(folded: &str, lang: Lang) -> bool {
    let list: &[&str] = match lang {
        Lang::Sv => SWEDISH,
        Lang::En => ENGLISH,
        Lang::Fi => &[
            "ja", "on", "se", "ne", "en", "ei", "mita", "miten", "missa", "kun", "etta", "voi",
            "voin", "minun", "mina", "olen", "onko", "kuinka", "mika", "hei", "kiitos",
        ],
        Lang::Pl => &[
            "i", "w", "na", "do", "z", "o", "sie", "nie", "jest", "czy", "jak", "gdzie", "co",
            "moge", "mam", "to", "dla", "moj", "moja", "prosze", "kiedy",
        ],
        Lang::So => &[
            "iyo", "ma", "ku", "waa", "aan", "ayaa", "ayuu", "si", "la", "u", "ka", "sidee",
            "waxaan", "xagee", "xaggee", "ah", "in", "inaan", "karaa",
        ],
        Lang::Ar => &[
            "في", "من", "على", "الی", "الى", "إلى", "عن", "كيف", "کیف", "ما", "ماذا", "متی", "متى",
            "هل", "اين", "أين", "انا", "أنا", "لي", "هو", "هی", "هي", "و", "او", "أو", "ان", "أن",
            "مع", "هذا", "التی", "الذی",
        ],
        Lang::Fa => &[
            "در",
            "به",
            "از",
            "که",
            "را",
            "با",
            "این",
            "آن",
            "برای",
            "چطور",
            "چگونه",
            "کجا",
            "چه",
            "آیا",
            "من",
            "است",
            "و",
            "یا",
            "می",
            "هم",
            "تا",
        ],
        Lang::Uk => &[
            "і",
            "й",
            "в",
            "у",
            "на",
            "до",
            "з",
            "із",
            "як",
            "де",
            "що",
            "чи",
            "мені",
            "я",
            "мій",
            "моя",
            "це",
            "для",
            "коли",
            "можна",
            "не",
        ],
        Lang::Ti => &["እንታይ", "ከመይ", "ኣበይ", "ናይ", "ኣብ", "እዩ", "እየ", "ምስ"],
    };
    list.contains(&folded)
}

const SWEDISH: &[&str] = &[
    "jag",
    "du",
    "han",
    "hon",
    "vi",
    "ni",
    "de",
    "man",
    "mig",
    "dig",
    "oss",
    "er",
    "dem",
    "sig",
    "min",
    "mitt",
    "mina",
    "din",
    "ditt",
    "dina",
    "var",
    "vart",
    "vara",
    "er",
    "ert",
    "era",
    "och",
    "eller",
    "men",
    "att",
    "som",
    "om",
    "for",
    "pa",
    "i",
    "av",
    "till",
    "med",
    "fran",
    "hos",
    "vid",
    "ur",
    "at",
    "en",
    "ett",
    "den",
    "det",
    "dessa",
    "denna",
    "detta",
    "ar",
    "blir",
    "vara",
    "har",
    "hade",
    "kan",
    "kunna",
    "ska",
    "skall",
    "skulle",
    "vill",
    "ville",
    "maste",
    "far",
    "fick",
    "gor",
    "gora",
    "hur",
    "vad",
    "nar",
    "var",
    "vem",
    "vilken",
    "vilket",
    "vilka",
    "varfor",
    "inte",
    "ej",
    "sa",
    "da",
    "nu",
    "bara",
    "ocksa",
    "just",
    "lite",
    "mycket",
    "nagon",
    "nagot",
    "nagra",
    "nan",
    "nat",
    "hej",
    "hallo",
    "tack",
    "snalla",
    "kanske",
    "finns",
    "behover",
    "undrar",
    "fraga",
    "ni",
    "era",
    "er",
    "ja",
    "nej",
    "alla",
    "allt",
    "annan",
    "annat",
    "sen",
    "sedan",
    "nagonstans",
    "ga",
    "gar",
    "hitta",
    "hittar",
    "veta",
    "vet",
];

const ENGLISH: &[&str] = &[
    "i", "me", "my", "mine", "you", "your", "we", "our", "us", "he", "she", "it", "its", "they",
    "them", "their", "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to",
    "for", "from", "by", "with", "about", "as", "into", "is", "are", "was", "were", "be", "been",
    "am", "do", "does", "did", "have", "has", "had", "can", "could", "will", "would", "should",
    "shall", "may", "might", "must", "how", "what", "when", "where", "who", "which", "why", "not",
    "no", "yes", "so", "then", "now", "just", "please", "hi", "hello", "thanks", "there", "this",
    "that", "these", "those", "any", "some", "get", "need", "want", "know", "find", "tell", "much",
    "many", "also", "up", "out", "here", "s", "t", "don", "im", "ive", "id",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_folds_and_drops_stop_words() {
        let analyzer = Analyzer::default();
        assert_eq!(
            analyzer.terms("När töms soporna?", Lang::Sv),
            analyzer.terms("nar toms soporna", Lang::Sv)
        );
        assert_eq!(
            analyzer.terms("How do I apply for preschool", Lang::En),
            ["appli", "preschool"]
        );
        assert_eq!(analyzer.terms("See {{links.waste}} now", Lang::En), ["see"]);
    }
}
