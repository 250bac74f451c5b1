//! When a need happens and when a volunteer is free: time windows, weekly slots, one-off
//! dates, and the overlap between them. Times are local wall-clock times in the
//! municipality; nothing here knows time zones or reads a clock.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};

const MINUTES_PER_DAY: u16 = 24 * 60;

/// A stretch of one day, to the minute, with its end after its start ("17:00-19:00").
///
/// A window never crosses midnight: volunteering that does is written as two windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeWindow {
    /// Minutes after midnight.
    start: u16,
    /// Minutes after midnight; 1440 is midnight at the end of the day.
    end: u16,
}

impl TimeWindow {
    /// The window from `start` to `end` (seconds are ignored); `None` unless `end` is later.
    pub fn new(start: chrono::NaiveTime, end: chrono::NaiveTime) -> Option<TimeWindow> {
        let minute = |time: chrono::NaiveTime| (time.hour() * 60 + time.minute()) as u16;
        TimeWindow::from_minutes(minute(start), minute(end))
    }

    /// Minutes after midnight; `None` unless `start < end <= 1440`.
    pub fn from_minutes(start: u16, end: u16) -> Option<TimeWindow> {
        (start < end && end <= MINUTES_PER_DAY).then_some(TimeWindow { start, end })
    }

    /// Parses "17:00-19:00" (an en dash works too; "24:00" ends a window at midnight).
    pub fn parse(text: &str) -> Option<TimeWindow> {
        let (start, end) = text.split_once(['-', '–'])?;
        TimeWindow::from_minutes(parse_clock(start)?, parse_clock(end)?)
    }

    /// Minutes after midnight at which the window starts.
    pub fn start_minute(self) -> u16 {
        self.start
    }

    /// Minutes after midnight at which the window ends.
    pub fn end_minute(self) -> u16 {
        self.end
    }

    /// The part of both windows, if they share at least a minute.
    pub fn overlap(self, other: TimeWindow) -> Option<TimeWindow> {
        TimeWindow::from_minutes(self.start.max(other.start), self.end.min(other.end))
    }

    /// One window from the start of the earlier to the end of the later, if they overlap or
    /// touch.
    pub(super) fn joined(self, other: TimeWindow) -> Option<TimeWindow> {
        let touch = self.start <= other.end && other.start <= self.end;
        touch.then(|| TimeWindow {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        })
    }

    /// Whether all of `other` lies within this window.
    pub fn contains(self, other: TimeWindow) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Morning, afternoon or evening, by when the window starts.
    pub fn day_part(self) -> DayPart {
        match self.start {
            start if start < 12 * 60 => DayPart::Morning,
            start if start < 17 * 60 => DayPart::Afternoon,
            _ => DayPart::Evening,
        }
    }

    /// The hours the window touches, as bits 0..24: two windows that overlap always share one.
    pub(super) fn hour_bits(self) -> u32 {
        let first = u32::from(self.start / 60);
        let last = u32::from((self.end - 1) / 60);
        (u32::MAX >> (31 - last)) & (u32::MAX << first)
    }
}

fn parse_clock(text: &str) -> Option<u16> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = minutes.parse().ok()?;
    let valid = minutes < 60 && (hours < 24 || (hours == 24 && minutes == 0));
    valid.then_some(hours * 60 + minutes)
}

impl fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (start, end) = (self.start, self.end);
        write!(f, "{:02}:{:02}-", start / 60, start % 60)?;
        write!(f, "{:02}:{:02}", end / 60, end % 60)
    }
}

impl TryFrom<String> for TimeWindow {
    type Error = String;
    fn try_from(text: String) -> Result<TimeWindow, String> {
        TimeWindow::parse(&text)
            .ok_or_else(|| format!("{text:?} is not a time window such as \"17:00-19:00\""))
    }
}

impl From<TimeWindow> for String {
    fn from(window: TimeWindow) -> String {
        window.to_string()
    }
}

/// The part of the day a time falls in, as people say when they are free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    /// Before noon.
    Morning,
    /// Noon to five.
    Afternoon,
    /// Five o'clock and later.
    Evening,
}

/// A window on a day of the week: "Tuesdays 17:00-19:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeeklySlot {
    pub day: Weekday,
    pub window: TimeWindow,
}

impl WeeklySlot {
    /// Ordered by day of the week from Monday, then by window.
    fn sort_key(&self) -> (u32, TimeWindow) {
        (self.day.num_days_from_monday(), self.window)
    }
}

/// One dated time: "2025-03-11 17:00-19:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Occasion {
    pub date: NaiveDate,
    pub window: TimeWindow,
}

/// When a need takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// One-off dates, each with its time window.
    Dates(Vec<Occasion>),
    /// The same slots every week, until an optional last date (inclusive).
    Weekly {
        slots: Vec<WeeklySlot>,
        until: Option<NaiveDate>,
    },
}

impl Schedule {
    /// The weekly times of this schedule that still start after `now`, distinct and ordered
    /// by day and window. Empty when the schedule is over: a time that has begun is too late
    /// to sign up for.
    pub fn upcoming(&self, now: NaiveDateTime) -> Vec<WeeklySlot> {
        let mut times: Vec<WeeklySlot> = match self {
            Schedule::Dates(occasions) => occasions
                .iter()
                .filter(|occasion| starts_after(occasion.date, occasion.window, now))
                .map(|occasion| WeeklySlot {
                    day: occasion.date.weekday(),
                    window: occasion.window,
                })
                .collect(),
            Schedule::Weekly { slots, until } => slots
                .iter()
                .filter(|slot| weekly_slot_ahead(slot, *until, now))
                .copied()
                .collect(),
        };
        times.sort_by_key(WeeklySlot::sort_key);
        times.dedup();
        times
    }
}

fn starts_after(date: NaiveDate, window: TimeWindow, now: NaiveDateTime) -> bool {
    let today = now.date();
    let now_seconds = now.time().num_seconds_from_midnight();
    date > today || (date == today && u32::from(window.start) * 60 > now_seconds)
}

/// Whether a weekly slot still has a time ahead: one of today and the seven days after it
/// falls on its weekday, on or before `until`, and has not yet begun. Eight days, not
/// seven: when today's time has begun, the same weekday next week is still ahead.
fn weekly_slot_ahead(slot: &WeeklySlot, until: Option<NaiveDate>, now: NaiveDateTime) -> bool {
    (0..=7u64)
        .filter_map(|offset| now.date().checked_add_days(Days::new(offset)))
        .filter(|date| until.is_none_or(|last| *date <= last))
        .any(|date| date.weekday() == slot.day && starts_after(date, slot.window, now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::volunteers::fixtures::{at, date, slot, window};

    #[test]
    fn a_weekly_time_begun_today_is_still_ahead_next_week() {
        let friday_mornings = Schedule::Weekly {
            slots: vec![slot(Weekday::Fri, "10:00-12:00")],
            until: None,
        };
        // 2026-11-27 is a Friday.
        for now in ["2026-11-27 09:00", "2026-11-27 10:30", "2026-11-27 23:59"] {
            assert_eq!(
                friday_mornings.upcoming(at(now)),
                [slot(Weekday::Fri, "10:00-12:00")],
                "{now}"
            );
        }
        let ending_today = Schedule::Weekly {
            slots: vec![slot(Weekday::Fri, "10:00-12:00")],
            until: Some(date("2026-11-27")),
        };
        assert_eq!(ending_today.upcoming(at("2026-11-27 10:30")), []);
    }

    #[test]
    fn windows_parse_and_print() {
        let cases = [
            ("17:00-19:00", Some("17:00-19:00")),
            ("9:30 – 11:00", Some("09:30-11:00")),
            ("22:00-24:00", Some("22:00-24:00")),
            ("19:00-17:00", None),
            ("17:00-17:00", None),
            ("17:60-19:00", None),
            ("24:30-25:00", None),
            ("17-19", None),
        ];
        for (text, expected) in cases {
            let printed = TimeWindow::parse(text).map(|window| window.to_string());
            assert_eq!(printed.as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn overlap_and_day_parts() {
        let cases = [
            (
                "17:00-19:00",
                "18:00-20:00",
                Some("18:00-19:00"),
                DayPart::Evening,
            ),
            (
                "09:00-12:00",
                "11:30-13:00",
                Some("11:30-12:00"),
                DayPart::Morning,
            ),
            (
                "13:00-17:00",
                "12:00-21:00",
                Some("13:00-17:00"),
                DayPart::Afternoon,
            ),
            ("17:00-19:00", "19:00-21:00", None, DayPart::Evening),
            (
                "17:00-19:10",
                "19:05-21:00",
                Some("19:05-19:10"),
                DayPart::Evening,
            ),
        ];
        for (left, right, expected, part) in cases {
            let overlap = window(left).overlap(window(right));
            assert_eq!(overlap.map(|w| w.to_string()).as_deref(), expected);
            assert_eq!(window(left).day_part(), part, "{left}");
        }
    }

    #[test]
    fn upcoming_times_of_dates_and_weekly_series() {
        let tuesday = NaiveDate::from_ymd_opt(2025, 3, 11).expect("date");
        let dates = Schedule::Dates(vec![
            Occasion {
                date: tuesday,
                window: window("17:00-19:00"),
            },
            Occasion {
                date: tuesday + Days::new(7),
                window: window("17:00-19:00"),
            },
        ]);
        let weekly = |until| Schedule::Weekly {
            slots: vec![slot(Weekday::Tue, "17:00-19:00")],
            until,
        };
        let tuesday_evening = vec![slot(Weekday::Tue, "17:00-19:00")];
        let cases = [
            (&dates, "2025-03-11 16:59", tuesday_evening.clone()),
            (&dates, "2025-03-18 16:00", tuesday_evening.clone()),
            (&dates, "2025-03-18 17:00", vec![]),
            (&weekly(None), "2030-01-01 12:00", tuesday_evening.clone()),
            (
                &weekly(Some(tuesday)),
                "2025-03-11 12:00",
                tuesday_evening.clone(),
            ),
            (&weekly(Some(tuesday)), "2025-03-05 12:00", tuesday_evening),
            (&weekly(Some(tuesday)), "2025-03-11 17:30", vec![]),
            (&weekly(tuesday.pred_opt()), "2025-03-05 12:00", vec![]),
        ];
        for (schedule, now, expected) in cases {
            assert_eq!(
                schedule.upcoming(at(now)),
                expected,
                "{schedule:?} at {now}"
            );
        }
    }
}
