//! A set of weekly times prepared for overlap tests: windows merged and sorted per day, and
//! an hour mask that rejects most pairs that cannot overlap without looking at windows. Used
//! by the rules and by the ranking loop, so both decide overlap the same way.

use super::schedule::{TimeWindow, WeeklySlot};

/// The hours of the week some windows touch, one bit per hour: windows that overlap always
/// share an hour, so masks without a common bit prove there is no overlap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HourMask([u32; 7]);

impl HourMask {
    pub(crate) fn of(slots: &[WeeklySlot]) -> HourMask {
        let mut mask = HourMask::default();
        for slot in slots {
            mask.0[slot.day.num_days_from_monday() as usize] |= slot.window.hour_bits();
        }
        mask
    }

    /// Whether no hour of any day is shared, which proves there is no overlap.
    pub(crate) fn apart(&self, other: &HourMask) -> bool {
        self.0
            .iter()
            .zip(&other.0)
            .all(|(mine, theirs)| mine & theirs == 0)
    }
}

/// How much of a need's time a volunteer is free for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Coverage {
    /// Part of at least one time, all of none.
    Partial,
    /// All of at least one time.
    Whole,
}

/// A set of weekly times prepared for overlap tests: windows merged and sorted per day, with
/// an hour mask per day that rejects most non-overlapping pairs without looking at windows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Week {
    days: [Vec<TimeWindow>; 7],
    hours: HourMask,
}

impl Week {
    pub(crate) fn new(slots: &[WeeklySlot]) -> Week {
        let mut days: [Vec<TimeWindow>; 7] = Default::default();
        for slot in slots {
            days[slot.day.num_days_from_monday() as usize].push(slot.window);
        }
        for windows in &mut days {
            windows.sort();
            // Windows that touch or overlap become one, so 17-18 and 18-19 cover 17:30-18:30.
            let mut merged: Vec<TimeWindow> = Vec::with_capacity(windows.len());
            for window in windows.drain(..) {
                let joined = merged.last().and_then(|last| last.joined(window));
                match (joined, merged.last_mut()) {
                    (Some(joined), Some(last)) => *last = joined,
                    _ => merged.push(window),
                }
            }
            *windows = merged;
        }
        Week {
            days,
            hours: HourMask::of(slots),
        }
    }

    /// The hours this week's windows touch.
    pub(crate) fn hours(&self) -> &HourMask {
        &self.hours
    }

    /// How much of the `times` this week's free windows cover; `None` when none overlap.
    pub(crate) fn coverage(&self, times: &[WeeklySlot]) -> Option<Coverage> {
        let mut best = None;
        for time in times {
            for free in &self.days[time.day.num_days_from_monday() as usize] {
                if free.contains(time.window) {
                    return Some(Coverage::Whole);
                }
                if free.overlap(time.window).is_some() {
                    best = Some(Coverage::Partial);
                }
            }
        }
        best
    }

    /// The parts of `times` this week's free windows cover, in the order of `times`.
    pub(crate) fn overlaps(&self, times: &[WeeklySlot]) -> Vec<WeeklySlot> {
        times
            .iter()
            .flat_map(|time| {
                self.days[time.day.num_days_from_monday() as usize]
                    .iter()
                    .filter_map(move |free| free.overlap(time.window))
                    .map(move |window| WeeklySlot {
                        day: time.day,
                        window,
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::volunteers::fixtures::slot;

    #[test]
    fn coverage_merges_touching_windows() {
        let free = Week::new(&[
            slot(Weekday::Tue, "17:00-18:00"),
            slot(Weekday::Tue, "18:00-19:00"),
            slot(Weekday::Thu, "09:00-10:00"),
        ]);
        let cases = [
            (slot(Weekday::Tue, "17:30-18:30"), Some(Coverage::Whole)),
            (slot(Weekday::Tue, "18:30-20:00"), Some(Coverage::Partial)),
            (slot(Weekday::Thu, "10:00-11:00"), None),
            (slot(Weekday::Wed, "17:30-18:30"), None),
        ];
        for (time, expected) in cases {
            assert_eq!(free.coverage(&[time]), expected, "{time:?}");
            let apart = free.hours().apart(&HourMask::of(&[time]));
            assert!(!apart || expected.is_none(), "hour mask rejected {time:?}");
        }
    }
}
