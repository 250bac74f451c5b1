//! The hard rules: whether a volunteer can take a need at all, and if not, every reason why.
//! Ranking what is left is `matching`'s job; this file is the readable statement of the rules
//! that `matching`'s precomputed fast path must agree with (a test holds them together).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::need::{MinimumAge, Need, NeedStatus, Place};
use super::profile::{AgeBand, Profile};
use super::schedule::WeeklySlot;
use super::vocabulary::Area;
use super::week::{Coverage, Week};

/// Why a need is not offered to a volunteer, for tests and for telling coordinators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Exclusion {
    /// The coordinator closed the need.
    Closed,
    /// As many volunteers as it needs have been accepted.
    Full,
    /// No date or weekly time of it starts after now.
    Over,
    /// The volunteer is younger than the need allows.
    TooYoung(MinimumAge),
    /// The need requires a criminal-record extract and the volunteer has not accepted that.
    RecordExtractNotAccepted,
    /// The need is in a district the volunteer cannot get to.
    AreaNotReachable(Area),
    /// The need is online and the volunteer only helps in person.
    OnlineNotAccepted,
    /// None of the need's times overlaps the volunteer's availability (only looked at when
    /// the need has times ahead).
    NoCommonTime,
}

/// `Ok` when `volunteer` may take `need` at `now`, else every rule it breaks, in the order
/// of the variants of [`Exclusion`].
pub fn check(volunteer: &Profile, need: &Need, now: NaiveDateTime) -> Result<(), Vec<Exclusion>> {
    assess(volunteer, need, now).map(|_| ())
}

/// What the rules found out about a pair that passes them, for scoring and reasons.
pub(crate) struct Passed {
    /// The need's weekly times still ahead.
    pub(crate) times: Vec<WeeklySlot>,
    /// The volunteer's availability, prepared.
    pub(crate) free: Week,
    pub(crate) coverage: Coverage,
}

/// [`check`], keeping what it computed.
pub(crate) fn assess(
    volunteer: &Profile,
    need: &Need,
    now: NaiveDateTime,
) -> Result<Passed, Vec<Exclusion>> {
    let mut exclusions = Vec::new();
    if need.status == NeedStatus::Closed {
        exclusions.push(Exclusion::Closed);
    }
    if need.is_full() {
        exclusions.push(Exclusion::Full);
    }
    let times = need.schedule.upcoming(now);
    if times.is_empty() {
        exclusions.push(Exclusion::Over);
    }
    if !old_enough(volunteer.age, need.minimum_age) {
        exclusions.push(Exclusion::TooYoung(need.minimum_age));
    }
    if need.requires_record_extract && !volunteer.accepts_record_extract {
        exclusions.push(Exclusion::RecordExtractNotAccepted);
    }
    if !reachable(volunteer, &need.place) {
        exclusions.push(match &need.place {
            Place::Area(area) => Exclusion::AreaNotReachable(area.clone()),
            Place::Online => Exclusion::OnlineNotAccepted,
        });
    }
    let free = Week::new(&volunteer.availability);
    let coverage = free.coverage(&times);
    if !times.is_empty() && coverage.is_none() {
        exclusions.push(Exclusion::NoCommonTime);
    }
    // Without a coverage either `Over` or `NoCommonTime` was pushed, so `Err` is never empty.
    match coverage {
        Some(coverage) if exclusions.is_empty() => Ok(Passed {
            times,
            free,
            coverage,
        }),
        _ => Err(exclusions),
    }
}

/// Whether a volunteer of `age` may take a need with `minimum` age.
pub(crate) fn old_enough(age: AgeBand, minimum: MinimumAge) -> bool {
    match (age, minimum) {
        (AgeBand::Adult, _) | (AgeBand::SixteenToSeventeen, MinimumAge::Sixteen) => true,
        (AgeBand::SixteenToSeventeen, MinimumAge::Eighteen) => false,
    }
}

/// Whether the volunteer can get to where the need takes place.
fn reachable(volunteer: &Profile, place: &Place) -> bool {
    match place {
        Place::Area(area) => volunteer.areas.contains(area),
        Place::Online => volunteer.accepts_online,
    }
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::volunteers::fixtures::{area, at, date, need, occasion, slot, volunteer};
    use crate::volunteers::schedule::Schedule;

    type Verdict = Result<(), Vec<Exclusion>>;

    #[test]
    fn hard_rules() {
        use Exclusion::*;
        let now = at("2025-03-10 12:00"); // a Monday
        let free_on_mondays = || Profile {
            availability: vec![slot(Weekday::Mon, "16:00-20:00")],
            ..volunteer(1)
        };
        let teen = || Profile {
            age: AgeBand::SixteenToSeventeen,
            ..volunteer(1)
        };
        let cases: Vec<(&str, Profile, Need, Verdict)> = vec![
            ("happy path", volunteer(1), need(1), Ok(())),
            (
                "16 for 16+",
                teen(),
                Need {
                    minimum_age: MinimumAge::Sixteen,
                    ..need(1)
                },
                Ok(()),
            ),
            (
                "16 for 18+",
                teen(),
                need(1),
                Err(vec![TooYoung(MinimumAge::Eighteen)]),
            ),
            (
                "extract required, not accepted",
                volunteer(1),
                Need {
                    requires_record_extract: true,
                    ..need(1)
                },
                Err(vec![RecordExtractNotAccepted]),
            ),
            (
                "extract required and accepted",
                Profile {
                    accepts_record_extract: true,
                    ..volunteer(1)
                },
                Need {
                    requires_record_extract: true,
                    ..need(1)
                },
                Ok(()),
            ),
            (
                "capacity full",
                volunteer(1),
                Need {
                    accepted: 2,
                    ..need(1)
                },
                Err(vec![Full]),
            ),
            (
                "one place left",
                volunteer(1),
                Need {
                    accepted: 1,
                    ..need(1)
                },
                Ok(()),
            ),
            (
                "closed",
                volunteer(1),
                Need {
                    status: NeedStatus::Closed,
                    ..need(1)
                },
                Err(vec![Closed]),
            ),
            (
                "past one-off date",
                volunteer(1),
                Need {
                    schedule: Schedule::Dates(vec![occasion("2025-03-04", "17:00-19:00")]),
                    ..need(1)
                },
                Err(vec![Over]),
            ),
            (
                "one-off date later today",
                free_on_mondays(),
                Need {
                    schedule: Schedule::Dates(vec![occasion("2025-03-10", "17:00-19:00")]),
                    ..need(1)
                },
                Ok(()),
            ),
            (
                "one-off date today that has begun",
                free_on_mondays(),
                Need {
                    schedule: Schedule::Dates(vec![occasion("2025-03-10", "11:00-19:00")]),
                    ..need(1)
                },
                Err(vec![Over]),
            ),
            (
                "past and future dates: only the future one counts for overlap",
                volunteer(1),
                Need {
                    schedule: Schedule::Dates(vec![
                        occasion("2025-03-04", "17:00-19:00"),
                        occasion("2025-03-13", "17:00-19:00"),
                    ]),
                    ..need(1)
                },
                Err(vec![NoCommonTime]),
            ),
            (
                "weekly series ended",
                volunteer(1),
                Need {
                    schedule: Schedule::Weekly {
                        slots: vec![slot(Weekday::Tue, "17:00-19:00")],
                        until: Some(date("2025-03-09")),
                    },
                    ..need(1)
                },
                Err(vec![Over]),
            ),
            (
                "area unreachable",
                volunteer(1),
                Need {
                    place: Place::Area(area("Vålberg")),
                    ..need(1)
                },
                Err(vec![AreaNotReachable(area("Vålberg"))]),
            ),
            (
                "online, volunteer accepts online",
                Profile {
                    accepts_online: true,
                    ..volunteer(1)
                },
                Need {
                    place: Place::Online,
                    ..need(1)
                },
                Ok(()),
            ),
            (
                "online, volunteer only in person",
                volunteer(1),
                Need {
                    place: Place::Online,
                    ..need(1)
                },
                Err(vec![OnlineNotAccepted]),
            ),
            (
                "no schedule overlap, weekly",
                Profile {
                    availability: vec![slot(Weekday::Tue, "09:00-12:00")],
                    ..volunteer(1)
                },
                need(1),
                Err(vec![NoCommonTime]),
            ),
            (
                "no schedule overlap, one-off on a Wednesday",
                volunteer(1),
                Need {
                    schedule: Schedule::Dates(vec![occasion("2025-03-12", "17:00-19:00")]),
                    ..need(1)
                },
                Err(vec![NoCommonTime]),
            ),
            (
                "one-off on a Tuesday, partly free",
                volunteer(1),
                Need {
                    schedule: Schedule::Dates(vec![occasion("2025-03-11", "19:00-21:00")]),
                    ..need(1)
                },
                Ok(()),
            ),
            (
                "windows that only touch do not overlap",
                volunteer(1),
                Need {
                    schedule: Schedule::Dates(vec![occasion("2025-03-11", "20:00-21:00")]),
                    ..need(1)
                },
                Err(vec![NoCommonTime]),
            ),
            (
                "everything wrong at once, in rule order",
                Profile {
                    availability: vec![],
                    ..teen()
                },
                Need {
                    status: NeedStatus::Closed,
                    accepted: 5,
                    requires_record_extract: true,
                    place: Place::Online,
                    ..need(1)
                },
                Err(vec![
                    Closed,
                    Full,
                    TooYoung(MinimumAge::Eighteen),
                    RecordExtractNotAccepted,
                    OnlineNotAccepted,
                    NoCommonTime,
                ]),
            ),
        ];
        for (name, profile, need, expected) in cases {
            assert_eq!(check(&profile, &need, now), expected, "{name}");
        }
    }
}
