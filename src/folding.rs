//! Text folding for matching: lowercase, no diacritics, one form for letters that residents
//! type in several ways (Arabic and Persian yeh and kaf, the zero-width non-joiner).
//!
//! Folding is only ever used to compare text, never to show it: "ansokan" typed on a phone
//! without å/ä/ö must find "ansökan", and the Persian "می‌خواهم" must equal "میخواهم".

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// The folded form of `text`, used on both sides of every comparison.
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            // Zero-width non-joiner and joiner, tatweel: spelling variants, not letters.
            '\u{200c}' | '\u{200d}' | '\u{0640}' => None,
            'ي' | 'ى' => Some('ی'),
            'ك' => Some('ک'),
            'ة' => Some('ه'),
            'ß' => Some('s'),
            'ø' => Some('o'),
            'æ' => Some('a'),
            'ł' => Some('l'),
            other => Some(other),
        })
        .collect()
}

/// Splits folded text into words: runs of letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// Text with handlebars expressions (`{{links.x}}`) removed: they are not words.
pub fn without_templates(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        match rest[start..].find("}}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
            }
        }
        out.push(' ');
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_without_diacritics_equals_with() {
        assert_eq!(
            fold("Ansökan om FÖRSKOLA på Åmål"),
            fold("ansokan om forskola pa amal")
        );
    }

    #[test]
    fn persian_and_arabic_spellings_fold_together() {
        assert_eq!(fold("می‌خواهم"), fold("میخواهم"));
        assert_eq!(fold("كيف"), fold("کیف"));
        // Arabic short vowels are not letters for matching.
        assert_eq!(fold("مَدْرَسَة"), fold("مدرسه"));
    }

    #[test]
    fn words_split_on_punctuation() {
        let folded = fold("Hej! Var är tippen?");
        assert_eq!(
            words(&folded).collect::<Vec<_>>(),
            ["hej", "var", "ar", "tippen"]
        );
    }
}
