//! Weekly times and dates as coordinators read and write them: "tisdag 17:00-19:00" or
//! "Tue 17:00-19:00" (Swedish and English day names, whole, plural or abbreviated),
//! "2026-12-05 10:00-14:00", one per line, and a volunteer's usual times summed up in one
//! line. Pure.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Weekday};

use crate::folding::fold;
use crate::language::Lang;
use crate::volunteers::{Occasion, TimeWindow, WeeklySlot};

/// The most weekly times or dates one need lists.
const MAX_LINES: usize = 60;

/// A weekday as the form writes it: "tisdag" in Swedish, "Tue" in English.
pub fn weekday_label(day: Weekday, lang: Lang) -> &'static str {
    let (_, swedish, english) = WEEKDAYS[day.num_days_from_monday() as usize];
    if lang == Lang::Sv {
        swedish
    } else {
        &english[..3]
    }
}

/// Weekdays with their Swedish and English names.
const WEEKDAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Mon, "måndag", "Monday"),
    (Weekday::Tue, "tisdag", "Tuesday"),
    (Weekday::Wed, "onsdag", "Wednesday"),
    (Weekday::Thu, "torsdag", "Thursday"),
    (Weekday::Fri, "fredag", "Friday"),
    (Weekday::Sat, "lördag", "Saturday"),
    (Weekday::Sun, "söndag", "Sunday"),
];

/// A weekday in Swedish or English, whole, in the plural ("tisdagar", "Tuesdays") or as the
/// first three letters or more ("tis", "Tue", "tors").
fn parse_weekday(text: &str) -> Option<Weekday> {
    let word = fold(text.trim().trim_end_matches([',', '.', ':']));
    let singular = word
        .strip_suffix("ar")
        .filter(|stem| stem.ends_with("dag"))
        .or_else(|| word.strip_suffix('s').filter(|stem| stem.ends_with("day")))
        .unwrap_or(&word);
    if singular.chars().count() < 3 {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(_, swedish, english)| {
            fold(swedish).starts_with(singular) || fold(english).starts_with(singular)
        })
        .map(|(day, _, _)| *day)
}

/// "2026-12-31".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// "tisdag 17:00-19:00".
fn parse_slot(line: &str) -> Option<WeeklySlot> {
    let (day, window) = line.trim().split_once(char::is_whitespace)?;
    Some(WeeklySlot {
        day: parse_weekday(day)?,
        window: TimeWindow::parse(window)?,
    })
}

/// "2026-12-05 10:00-14:00".
fn parse_occasion(line: &str) -> Option<Occasion> {
    let (date, window) = line.trim().split_once(char::is_whitespace)?;
    Some(Occasion {
        date: parse_date(date)?,
        window: TimeWindow::parse(window)?,
    })
}

/// What is wrong with a list of lines.
pub enum LinesProblem {
    Empty,
    TooMany,
    /// The first line that does not parse: its number from 1, and its text.
    Line(usize, String),
}

impl LinesProblem {
    /// The staff string saying what is wrong with the lines of `field` (`slots` or `dates`).
    pub fn key(&self, field: &str) -> &'static str {
        match (self, field) {
            (LinesProblem::Empty, "slots") => "staff-need-error-slots-empty",
            (LinesProblem::Empty, _) => "staff-need-error-dates-empty",
            (LinesProblem::TooMany, _) => "staff-need-error-lines",
            (LinesProblem::Line(..), "slots") => "staff-need-error-slot",
            (LinesProblem::Line(..), _) => "staff-need-error-date",
        }
    }

    /// The arguments of [`LinesProblem::key`]'s string.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            LinesProblem::Empty => vec![],
            LinesProblem::TooMany => vec![("max", MAX_LINES.to_string())],
            LinesProblem::Line(number, text) => {
                vec![("line", number.to_string()), ("text", text.clone())]
            }
        }
    }
}

/// Every non-empty line parsed, in order and without repeats.
fn parse_lines<T: PartialEq>(
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, LinesProblem> {
    let mut parsed = Vec::new();
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty());
    for (index, line) in lines {
        let item = parse(line).ok_or_else(|| LinesProblem::Line(index + 1, line.trim().into()))?;
        if !parsed.contains(&item) {
            parsed.push(item);
        }
        if parsed.len() > MAX_LINES {
            return Err(LinesProblem::TooMany);
        }
    }
    if parsed.is_empty() {
        return Err(LinesProblem::Empty);
    }
    Ok(parsed)
}

/// One weekly time per line.
pub fn parse_slots(text: &str) -> Result<Vec<WeeklySlot>, LinesProblem> {
    parse_lines(text, parse_slot)
}

/// One date with its time per line.
pub fn parse_dates(text: &str) -> Result<Vec<Occasion>, LinesProblem> {
    parse_lines(text, parse_occasion)
}

/// Weekly times written one per line, as [`parse_slots`] reads them.
pub fn write_slots(slots: &[WeeklySlot], lang: Lang) -> String {
    let lines: Vec<String> = slots
        .iter()
        .map(|slot| format!("{} {}", weekday_label(slot.day, lang), slot.window))
        .collect();
    lines.join("\n")
}

/// Dates written one per line, as [`parse_dates`] reads them.
pub fn write_dates(occasions: &[Occasion]) -> String {
    let lines: Vec<String> = occasions
        .iter()
        .map(|occasion| format!("{} {}", occasion.date, occasion.window))
        .collect();
    lines.join("\n")
}

/// Weekly times as a short line: days with the same window together, three or more days in
/// a row as a range ("måndag–fredag 08:00-17:00; lördag, söndag 08:00-21:00").
pub fn availability(slots: &[WeeklySlot], lang: Lang) -> String {
    let mut by_window: BTreeMap<TimeWindow, Vec<Weekday>> = BTreeMap::new();
    for slot in slots {
        by_window.entry(slot.window).or_default().push(slot.day);
    }
    let mut groups: Vec<(TimeWindow, Vec<Weekday>)> = by_window
        .into_iter()
        .map(|(window, mut days)| {
            days.sort_by_key(Weekday::num_days_from_monday);
            days.dedup();
            (window, days)
        })
        .collect();
    // In the order of the week: by each group's first day, then by time.
    groups.sort_by_key(|(window, days)| (days.first().map(Weekday::num_days_from_monday), *window));
    let parts: Vec<String> = groups
        .iter()
        .map(|(window, days)| format!("{} {window}", day_ranges(days, lang)))
        .collect();
    parts.join("; ")
}

fn day_ranges(days: &[Weekday], lang: Lang) -> String {
    let mut runs: Vec<Vec<Weekday>> = Vec::new();
    for day in days {
        match runs.last_mut() {
            Some(run) if run.last().map(|last| last.succ()) == Some(*day) => run.push(*day),
            _ => runs.push(vec![*day]),
        }
    }
    runs.iter()
        .map(|run| match run.as_slice() {
            [first, .., last] if run.len() >= 3 => format!(
                "{}–{}",
                weekday_label(*first, lang),
                weekday_label(*last, lang)
            ),
            _ => run
                .iter()
                .map(|day| weekday_label(*day, lang))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_in_swedish_and_english() {
        let cases = [
            ("tisdag", Some(Weekday::Tue)),
            ("Tisdagar", Some(Weekday::Tue)),
            ("tis", Some(Weekday::Tue)),
            ("Tue", Some(Weekday::Tue)),
            ("tuesdays", Some(Weekday::Tue)),
            ("tors", Some(Weekday::Thu)),
            ("Thu", Some(Weekday::Thu)),
            ("lördag", Some(Weekday::Sat)),
            ("lordag", Some(Weekday::Sat)),
            ("sön", Some(Weekday::Sun)),
            ("Sunday", Some(Weekday::Sun)),
            ("må", None),
            ("t", None),
            ("tomorrow", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_weekday(text), expected, "{text:?}");
        }
    }

    #[test]
    fn availability_groups_days_by_window() {
        let window = |text: &str| TimeWindow::parse(text).expect("window");
        let slot = |day, text: &str| WeeklySlot {
            day,
            window: window(text),
        };
        use Weekday::*;
        let mut slots: Vec<WeeklySlot> = [Mon, Tue, Wed, Thu, Fri]
            .into_iter()
            .map(|day| slot(day, "08:00-17:00"))
            .collect();
        slots.push(slot(Sat, "10:00-12:00"));
        slots.push(slot(Sun, "10:00-12:00"));
        assert_eq!(
            availability(&slots, Lang::Sv),
            "måndag–fredag 08:00-17:00; lördag, söndag 10:00-12:00"
        );
        let slots = [slot(Tue, "17:00-19:00"), slot(Thu, "17:00-19:00")];
        assert_eq!(availability(&slots, Lang::En), "Tue, Thu 17:00-19:00");
        assert_eq!(availability(&[], Lang::En), "");
    }
}
