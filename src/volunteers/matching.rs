//! Ranking: which open needs suit a volunteer best, and which volunteers suit a need best,
//! with the reasons. The ranking loop itself is in `index`; this file holds the results, the
//! weights and the reasons, and `explain`, which scores one pair straight from the data.
//!
//! The score is a sum of integer points, so equal inputs give equal scores everywhere:
//!
//! | what | points |
//! | --- | --- |
//! | each language the need asks for that the volunteer speaks (at most 2 count) | 30 |
//! | each skill the need asks for that the volunteer has (at most 3 count) | 20 |
//! | each topic of the need the volunteer is interested in (at most 2 count) | 12 |
//! | free for the whole of at least one of the need's times / only part of one | 10 / 4 |
//! | the need is in a district the volunteer listed / online | 6 / 4 |
//!
//! Languages weigh most because a need that asks for one usually exists for it (Arabic at
//! the homework club for newcomers) and few volunteers have it; skills next, then interests.
//! Place and time already had to pass the hard rules, so they only order needs that are
//! otherwise alike: any language, skill or interest outweighs the best place and time
//! (12 + 4 + 4 > 10 + 6). The caps keep a need that lists every skill from winning by length.
//! Equal scores are ordered by need id (or volunteer id), ascending.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::index::NeedIndex;
use super::need::{Need, NeedId, Place};
use super::profile::{Profile, VolunteerId};
use super::reasons::{Reason, reasons};
use super::rules::{Exclusion, assess};
use super::week::Coverage;

/// How well a need suits a volunteer; higher is better. See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Score(pub u32);

/// A need that suits a volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub need: NeedId,
    pub score: Score,
    pub reasons: Vec<Reason>,
}

/// A volunteer who suits a need, for its coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub volunteer: VolunteerId,
    pub score: Score,
    pub reasons: Vec<Reason>,
}

/// The `limit` needs that suit `volunteer` best at `now`, best first. To rank many
/// volunteers against the same needs, build a [`NeedIndex`] once instead.
pub fn matches_for(
    volunteer: &Profile,
    needs: &[Need],
    now: NaiveDateTime,
    limit: usize,
) -> Vec<Match> {
    NeedIndex::new(needs, now).matches_for(volunteer, limit)
}

/// The `limit` volunteers who suit `need` best at `now`, best first, among those who have
/// consented to be contacted.
pub fn volunteers_for(
    need: &Need,
    profiles: &[Profile],
    now: NaiveDateTime,
    limit: usize,
) -> Vec<Candidate> {
    NeedIndex::new(std::slice::from_ref(need), now).volunteers_for(need.id, profiles, limit)
}

/// The score and reasons of one need for one volunteer, or every rule that excludes it.
/// Computed from the data directly, without an index: the ranking must agree with it.
pub fn explain(
    volunteer: &Profile,
    need: &Need,
    now: NaiveDateTime,
) -> Result<Match, Vec<Exclusion>> {
    let passed = assess(volunteer, need, now)?;
    let count = |found: usize| u32::try_from(found).unwrap_or(u32::MAX);
    let score = points(Counts {
        languages: count(need.languages.intersection(&volunteer.languages).count()),
        skills: count(need.skills.intersection(&volunteer.skills).count()),
        interests: count(need.topics.intersection(&volunteer.interests).count()),
        coverage: passed.coverage,
        in_area: matches!(need.place, Place::Area(_)),
    });
    Ok(Match {
        need: need.id,
        score,
        reasons: reasons(volunteer, need, &passed.times, &passed.free),
    })
}

/// What a pair has in common, as the score counts it.
pub(super) struct Counts {
    pub(super) languages: u32,
    pub(super) skills: u32,
    pub(super) interests: u32,
    pub(super) coverage: Coverage,
    /// In a district the volunteer listed, rather than online.
    pub(super) in_area: bool,
}

/// The score of a pair that passed the hard rules; the weights are the table above.
pub(super) fn points(counts: Counts) -> Score {
    let time = match counts.coverage {
        Coverage::Whole => 10,
        Coverage::Partial => 4,
    };
    let place = if counts.in_area { 6 } else { 4 };
    Score(
        30 * counts.languages.min(2)
            + 20 * counts.skills.min(3)
            + 12 * counts.interests.min(2)
            + time
            + place,
    )
}

/// Keeps the `limit` best of `ranked` (score, id, position): highest score first, then the
/// lowest id, then the earliest position.
pub(super) fn keep_best(ranked: &mut Vec<(Score, u64, usize)>, limit: usize) {
    let order = |left: &(Score, u64, usize), right: &(Score, u64, usize)| {
        (right.0, left.1, left.2).cmp(&(left.0, right.1, right.2))
    };
    if limit == 0 {
        ranked.clear();
        return;
    }
    if ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(order);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::Weekday;

    use super::*;
    use crate::language::Lang;
    use crate::volunteers::fixtures::{area, at, lang, need, slot, volunteer, window};
    use crate::volunteers::need::{MinimumAge, NeedStatus};
    use crate::volunteers::profile::AgeBand;
    use crate::volunteers::reasons::render;
    use crate::volunteers::schedule::Schedule;
    use crate::volunteers::vocabulary::{Skill, Topic};

    /// (need or volunteer id, score), best first.
    type Ranking = Vec<(u64, u32)>;

    fn now() -> NaiveDateTime {
        at("2025-03-10 12:00")
    }

    /// Speaks Arabic, tutors, likes homework help; Skoghall or online; Tuesdays 16–20.
    fn tutor() -> Profile {
        Profile {
            languages: BTreeSet::from([lang("ar")]),
            skills: BTreeSet::from([Skill::Tutoring]),
            interests: BTreeSet::from([Topic::HomeworkHelp]),
            accepts_online: true,
            ..volunteer(1)
        }
    }

    fn wanting(id: u64, languages: &[&str], skills: &[Skill], topics: &[Topic]) -> Need {
        Need {
            languages: languages.iter().map(|code| lang(code)).collect(),
            skills: skills.iter().copied().collect(),
            topics: topics.iter().copied().collect(),
            ..need(id)
        }
    }

    fn ranking(profile: &Profile, needs: &[Need], limit: usize) -> Ranking {
        let matches = matches_for(profile, needs, now(), limit);
        matches.iter().map(|m| (m.need.0, m.score.0)).collect()
    }

    #[test]
    fn ranking_of_needs_for_a_volunteer() {
        use Skill::*;
        use Topic::*;
        let cases: Vec<(&str, Vec<Need>, usize, Ranking)> = vec![
            (
                "language and skill outrank interest, interest outranks area only",
                vec![
                    wanting(1, &[], &[], &[]),
                    wanting(2, &["ar"], &[], &[]),
                    wanting(3, &[], &[Tutoring], &[]),
                    wanting(4, &[], &[], &[HomeworkHelp]),
                    wanting(5, &["ar"], &[Tutoring], &[HomeworkHelp]),
                ],
                10,
                vec![(5, 78), (2, 46), (3, 36), (4, 28), (1, 16)],
            ),
            (
                "what the volunteer lacks counts for nothing",
                vec![
                    wanting(1, &["so"], &[DrivingLicence], &[Elderly]),
                    wanting(2, &[], &[], &[]),
                ],
                10,
                vec![(1, 16), (2, 16)],
            ),
            (
                "ties go to the lower need id, whatever the input order",
                vec![
                    wanting(7, &[], &[], &[]),
                    wanting(3, &[], &[], &[]),
                    wanting(5, &[], &[], &[]),
                ],
                2,
                vec![(3, 16), (5, 16)],
            ),
            (
                "whole time beats part of it, a district beats online",
                vec![
                    Need {
                        place: Place::Online,
                        ..need(1)
                    },
                    Need {
                        schedule: Schedule::Weekly {
                            slots: vec![slot(Weekday::Tue, "19:00-21:00")],
                            until: None,
                        },
                        ..need(2)
                    },
                    need(3),
                ],
                10,
                vec![(3, 16), (1, 14), (2, 10)],
            ),
            (
                "excluded needs are left out, however well they would score",
                vec![
                    Need {
                        status: NeedStatus::Closed,
                        ..wanting(1, &["ar"], &[], &[])
                    },
                    Need {
                        accepted: 2,
                        ..wanting(2, &["ar"], &[], &[])
                    },
                    Need {
                        place: Place::Area(area("Vålberg")),
                        ..wanting(3, &["ar"], &[], &[])
                    },
                    need(4),
                ],
                10,
                vec![(4, 16)],
            ),
            ("a limit of zero asks for nothing", vec![need(1)], 0, vec![]),
        ];
        for (name, needs, limit, expected) in cases {
            assert_eq!(ranking(&tutor(), &needs, limit), expected, "{name}");
        }
    }

    #[test]
    fn caps_keep_long_wish_lists_from_winning_by_length() {
        let everything = Profile {
            skills: Skill::ALL.into_iter().collect(),
            interests: Topic::ALL.into_iter().collect(),
            languages: ["ar", "so", "ti"].iter().map(|code| lang(code)).collect(),
            ..volunteer(1)
        };
        let long = Need {
            skills: Skill::ALL.into_iter().collect(),
            topics: Topic::ALL.into_iter().collect(),
            languages: everything.languages.clone(),
            ..need(1)
        };
        // 2 × 30 + 3 × 20 + 2 × 12 + 10 + 6.
        assert_eq!(ranking(&everything, &[long], 1), vec![(1, 160)]);
    }

    #[test]
    fn ranking_of_volunteers_for_a_need() {
        let arabic = || BTreeSet::from([lang("ar")]);
        let profiles = vec![
            volunteer(5),
            Profile {
                languages: arabic(),
                ..volunteer(2)
            },
            Profile {
                languages: arabic(),
                contact_consent: None,
                ..volunteer(3)
            },
            Profile {
                languages: arabic(),
                contact_consent: Some(at("2025-04-01 09:00")),
                ..volunteer(6)
            },
            Profile {
                languages: arabic(),
                age: AgeBand::SixteenToSeventeen,
                ..volunteer(4)
            },
            volunteer(1),
        ];
        let cases: Vec<(Need, usize, Ranking)> = vec![
            (
                wanting(1, &["ar"], &[], &[]),
                10,
                vec![(2, 46), (1, 16), (5, 16)],
            ),
            (wanting(1, &["ar"], &[], &[]), 2, vec![(2, 46), (1, 16)]),
            (
                Need {
                    minimum_age: MinimumAge::Sixteen,
                    ..wanting(1, &["ar"], &[], &[])
                },
                10,
                vec![(2, 46), (4, 46), (1, 16), (5, 16)],
            ),
            (
                Need {
                    status: NeedStatus::Closed,
                    ..need(1)
                },
                10,
                vec![],
            ),
        ];
        for (need, limit, expected) in cases {
            let candidates = volunteers_for(&need, &profiles, now(), limit);
            let ranked: Ranking = candidates
                .iter()
                .map(|c| (c.volunteer.0, c.score.0))
                .collect();
            assert_eq!(ranked, expected, "{need:?}");
        }
    }

    #[test]
    fn a_match_carries_its_reasons_in_words() {
        let needs = [Need {
            schedule: Schedule::Weekly {
                slots: vec![
                    slot(Weekday::Tue, "17:00-19:00"),
                    slot(Weekday::Thu, "17:00-19:00"),
                ],
                until: None,
            },
            ..wanting(1, &["ar", "so"], &[Skill::Cooking], &[Topic::HomeworkHelp])
        }];
        let matches = matches_for(&tutor(), &needs, now(), 3);
        let expected = vec![
            Reason::SpeaksLanguage(lang("ar")),
            Reason::Interest(Topic::HomeworkHelp),
            Reason::FreeAt(Weekday::Tue, window("17:00-19:00")),
            Reason::NearArea(area("Skoghall")),
        ];
        assert_eq!(matches.len(), 1);
        assert_eq!(matches[0].reasons, expected);
        assert_eq!(
            render(&matches[0].reasons, Lang::Sv),
            "du talar arabiska, är intresserad av läxhjälp och är ledig tisdagskvällar"
        );
        assert_eq!(explain(&tutor(), &needs[0], now()), Ok(matches[0].clone()));
    }
}
