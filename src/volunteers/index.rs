//! The needs prepared for ranking many volunteers at one moment: closed, full and finished
//! needs dropped, areas and languages interned as bits, skills and topics as masks, the
//! times ahead with an hour mask. Scoring a pair is then a handful of integer tests; the
//! rules are stated plainly in `rules`, and a test holds the two together.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::matching::{Candidate, Counts, Match, Score, keep_best, points};
use super::need::{Need, NeedId, NeedStatus, Place};
use super::profile::{AgeBand, Profile};
use super::reasons::reasons;
use super::rules::old_enough;
use super::schedule::WeeklySlot;
use super::vocabulary::LanguageCode;
use super::week::{HourMask, Week};

/// Needs prepared for ranking volunteers against them at one `now`.
pub struct NeedIndex<'a> {
    /// The needs as given; entries point into it.
    needs: &'a [Need],
    now: NaiveDateTime,
    /// The needs a volunteer can still take, in the order given.
    live: Vec<LiveNeed>,
    /// Folded area name → bit, for the areas of the needs.
    areas: HashMap<String, usize>,
    /// Language → bit, for the languages the needs ask for.
    languages: HashMap<LanguageCode, usize>,
}

impl<'a> NeedIndex<'a> {
    /// Indexes the needs of `needs` that are open, not full and have a time after `now`.
    pub fn new(needs: &'a [Need], now: NaiveDateTime) -> NeedIndex<'a> {
        let mut areas: HashMap<String, usize> = HashMap::new();
        let mut languages: HashMap<LanguageCode, usize> = HashMap::new();
        let mut live = Vec::new();
        for (position, need) in needs.iter().enumerate() {
            if need.status == NeedStatus::Closed || need.is_full() {
                continue;
            }
            let times = need.schedule.upcoming(now);
            if times.is_empty() {
                continue;
            }
            let place = match &need.place {
                Place::Area(area) => {
                    let next = areas.len();
                    Some(*areas.entry(area.key().to_string()).or_insert(next))
                }
                Place::Online => None,
            };
            let mut wanted = Bits::default();
            for language in &need.languages {
                let next = languages.len();
                wanted.insert(*languages.entry(*language).or_insert(next));
            }
            live.push(LiveNeed {
                position,
                id: need.id,
                adults_only: !old_enough(AgeBand::SixteenToSeventeen, need.minimum_age),
                record_extract: need.requires_record_extract,
                place,
                skills: need.skills.iter().fold(0, |mask, skill| mask | skill.bit()),
                topics: need.topics.iter().fold(0, |mask, topic| mask | topic.bit()),
                languages: wanted,
                hours: HourMask::of(&times),
                times,
            });
        }
        NeedIndex {
            needs,
            now,
            live,
            areas,
            languages,
        }
    }

    /// How many needs a volunteer could still take (open, not full, not over).
    pub fn live_count(&self) -> usize {
        self.live.len()
    }

    /// The `limit` needs that suit `volunteer` best, best first.
    pub fn matches_for(&self, volunteer: &Profile, limit: usize) -> Vec<Match> {
        let prepared = self.prepare(volunteer);
        let mut ranked: Vec<(Score, u64, usize)> = self
            .live
            .iter()
            .enumerate()
            .filter_map(|(slot, entry)| Some((entry.score(&prepared)?, entry.id.0, slot)))
            .collect();
        keep_best(&mut ranked, limit);
        ranked
            .into_iter()
            .map(|(score, _, slot)| {
                let entry = &self.live[slot];
                let need = &self.needs[entry.position];
                Match {
                    need: need.id,
                    score,
                    reasons: reasons(volunteer, need, &entry.times, &prepared.free),
                }
            })
            .collect()
    }

    /// The `limit` volunteers who suit the need `need` best, best first, among those who
    /// consented to be contacted; empty when the index does not hold it as live.
    pub fn volunteers_for(
        &self,
        need: NeedId,
        profiles: &[Profile],
        limit: usize,
    ) -> Vec<Candidate> {
        let Some(entry) = self.live.iter().find(|entry| entry.id == need) else {
            return Vec::new();
        };
        let need = &self.needs[entry.position];
        let mut ranked: Vec<(Score, u64, usize)> = profiles
            .iter()
            .enumerate()
            .filter(|(_, profile)| {
                profile
                    .contact_consent
                    .is_some_and(|given| given <= self.now)
            })
            .filter_map(|(position, profile)| {
                Some((entry.score(&self.prepare(profile))?, profile.id.0, position))
            })
            .collect();
        keep_best(&mut ranked, limit);
        ranked
            .into_iter()
            .map(|(score, _, position)| {
                let profile = &profiles[position];
                let free = Week::new(&profile.availability);
                Candidate {
                    volunteer: profile.id,
                    score,
                    reasons: reasons(profile, need, &entry.times, &free),
                }
            })
            .collect()
    }

    /// The volunteer in the index's terms: only areas and languages some need has count.
    fn prepare(&self, volunteer: &Profile) -> Prepared {
        let mut areas = Bits::default();
        for area in &volunteer.areas {
            if let Some(&bit) = self.areas.get(area.key()) {
                areas.insert(bit);
            }
        }
        let mut languages = Bits::default();
        for language in &volunteer.languages {
            if let Some(&bit) = self.languages.get(language) {
                languages.insert(bit);
            }
        }
        Prepared {
            adult: volunteer.age == AgeBand::Adult,
            record_extract: volunteer.accepts_record_extract,
            online: volunteer.accepts_online,
            areas,
            languages,
            skills: volunteer
                .skills
                .iter()
                .fold(0, |mask, skill| mask | skill.bit()),
            topics: volunteer
                .interests
                .iter()
                .fold(0, |mask, topic| mask | topic.bit()),
            free: Week::new(&volunteer.availability),
        }
    }
}

/// A need that can still be taken, as the ranking loop reads it.
struct LiveNeed {
    /// Where the need is in the slice the index was built from.
    position: usize,
    id: NeedId,
    adults_only: bool,
    record_extract: bool,
    /// The area's bit, or `None` for online.
    place: Option<usize>,
    skills: u64,
    topics: u32,
    languages: Bits,
    hours: HourMask,
    /// The weekly times still ahead.
    times: Vec<WeeklySlot>,
}

/// A volunteer as the ranking loop reads them.
struct Prepared {
    adult: bool,
    record_extract: bool,
    online: bool,
    areas: Bits,
    languages: Bits,
    skills: u64,
    topics: u32,
    free: Week,
}

impl LiveNeed {
    /// The score, or `None` when a hard rule excludes the volunteer. The rules about the need
    /// alone (closed, full, over) were applied when the index was built; this applies the
    /// rest as `rules::check` states them, cheapest test first.
    fn score(&self, volunteer: &Prepared) -> Option<Score> {
        if self.adults_only && !volunteer.adult {
            return None;
        }
        if self.record_extract && !volunteer.record_extract {
            return None;
        }
        let in_area = match self.place {
            Some(bit) if volunteer.areas.contains(bit) => true,
            None if volunteer.online => false,
            _ => return None,
        };
        if self.hours.apart(volunteer.free.hours()) {
            return None;
        }
        let coverage = volunteer.free.coverage(&self.times)?;
        Some(points(Counts {
            languages: self.languages.common(&volunteer.languages),
            skills: (self.skills & volunteer.skills).count_ones(),
            interests: (self.topics & volunteer.topics).count_ones(),
            coverage,
            in_area,
        }))
    }
}

/// A set of small numbers (interned areas or languages), as bits.
#[derive(Debug, Clone, Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn insert(&mut self, bit: usize) {
        let word = bit / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (bit % 64);
    }

    fn contains(&self, bit: usize) -> bool {
        self.0
            .get(bit / 64)
            .is_some_and(|word| word & (1 << (bit % 64)) != 0)
    }

    /// How many numbers both sets hold.
    fn common(&self, other: &Bits) -> u32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(mine, theirs)| (mine & theirs).count_ones())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    use chrono::{Days, Weekday};

    use super::*;
    use crate::volunteers::fixtures::{area, at, lang, need, volunteer};
    use crate::volunteers::matching::explain;
    use crate::volunteers::need::MinimumAge;
    use crate::volunteers::schedule::{Occasion, Schedule, TimeWindow};
    use crate::volunteers::vocabulary::{Skill, Topic};

    /// xorshift64: deterministic variety without a dependency.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % bound
        }

        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }

        /// A slot of up to `hours`, starting 06:00-15:55 at five-minute steps.
        fn slot(&mut self, hours: u64) -> WeeklySlot {
            let start = self.below(10 * 12) as u16 * 5 + 6 * 60;
            let length = (self.below(hours * 12) as u16 + 1) * 5;
            WeeklySlot {
                day: Weekday::try_from(self.below(7) as u8).expect("weekday"),
                window: TimeWindow::from_minutes(start, start + length).expect("window"),
            }
        }

        fn some<T: Ord + Clone>(&mut self, from: &[T], percent: u64) -> BTreeSet<T> {
            from.iter()
                .filter(|_| self.chance(percent))
                .cloned()
                .collect()
        }
    }

    /// The index and `explain` (the rules and points computed from the data) agree on every
    /// pair of a varied data set: the same needs, scores and reasons, in ranking order.
    #[test]
    fn index_agrees_with_explain_on_every_pair() {
        let now = at("2025-03-10 12:00");
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        let areas = ["Skoghall", "Mörmon", "Vålberg", "Hammarö"].map(area);
        let languages = ["ar", "so", "ti", "fa", "uk"].map(lang);
        let needs: Vec<Need> = (0..80)
            .map(|id| {
                let schedule = if dice.chance(50) {
                    let occasions = (0..=dice.below(3)).filter_map(|_| {
                        let slot = dice.slot(3);
                        let date = now.date().checked_sub_days(Days::new(5))?;
                        let date = date.checked_add_days(Days::new(dice.below(20)))?;
                        Some(Occasion {
                            date,
                            window: slot.window,
                        })
                    });
                    Schedule::Dates(occasions.collect())
                } else {
                    let slots = (0..=dice.below(2)).map(|_| dice.slot(3)).collect();
                    let until = now.date().checked_add_days(Days::new(dice.below(10)));
                    Schedule::Weekly {
                        slots,
                        until: until.filter(|_| dice.chance(30)),
                    }
                };
                Need {
                    skills: dice.some(&Skill::ALL, 15),
                    topics: dice.some(&Topic::ALL, 15),
                    languages: dice.some(&languages, 15),
                    place: match dice.below(5) {
                        0 => Place::Online,
                        n => Place::Area(areas[n as usize - 1].clone()),
                    },
                    schedule,
                    minimum_age: [MinimumAge::Sixteen, MinimumAge::Eighteen]
                        [dice.below(2) as usize],
                    requires_record_extract: dice.chance(30),
                    capacity: 1 + dice.below(3) as u16,
                    accepted: dice.below(3) as u16,
                    status: [NeedStatus::Open, NeedStatus::Closed][usize::from(dice.chance(10))],
                    ..need(id)
                }
            })
            .collect();
        let profiles: Vec<Profile> = (0..300)
            .map(|id| Profile {
                skills: dice.some(&Skill::ALL, 25),
                interests: dice.some(&Topic::ALL, 25),
                languages: dice.some(&languages, 25),
                areas: dice.some(&areas, 40),
                accepts_online: dice.chance(50),
                availability: (0..dice.below(8)).map(|_| dice.slot(8)).collect(),
                age: [AgeBand::SixteenToSeventeen, AgeBand::Adult][usize::from(dice.chance(85))],
                accepts_record_extract: dice.chance(60),
                ..volunteer(id)
            })
            .collect();
        let index = NeedIndex::new(&needs, now);
        let mut matched = 0;
        let mut seen = HashSet::new();
        for profile in &profiles {
            let ranked = index.matches_for(profile, usize::MAX);
            let by_need: BTreeMap<NeedId, &Match> = ranked.iter().map(|m| (m.need, m)).collect();
            for need in &needs {
                let explained = explain(profile, need, now);
                if let Err(exclusions) = &explained {
                    seen.extend(exclusions.iter().map(std::mem::discriminant));
                }
                let expected = explained.ok();
                assert_eq!(
                    by_need.get(&need.id).copied(),
                    expected.as_ref(),
                    "{profile:?} {need:?}"
                );
            }
            let order: Vec<(Score, NeedId)> = ranked.iter().map(|m| (m.score, m.need)).collect();
            assert!(order.is_sorted_by(|a, b| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)));
            matched += ranked.len();
        }
        // The data set must exercise both sides of the rules to mean anything.
        assert!(
            matched > 1_000 && matched < profiles.len() * needs.len() / 2,
            "{matched}"
        );
        assert_eq!(seen.len(), 8, "every kind of exclusion occurs");
    }
}
