//! Volunteer matching at the scale of a whole municipality: 10,000 volunteer profiles and
//! 1,000 needs, generated deterministically (xorshift, fixed seed) with the proportions of a
//! real portal — most needs in a district, some online; evenings and weekends; a few needs
//! asking for a language or a skill; some closed, full or already over.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate, NaiveDateTime, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};

use civic_assistant::language::Lang;
use civic_assistant::volunteers::{
    AgeBand, Area, LanguageCode, MinimumAge, Need, NeedId, NeedIndex, NeedStatus, NeedText,
    Occasion, Organiser, Place, Profile, Schedule, Skill, TimeWindow, Topic, VolunteerId,
    WeeklySlot, volunteers_for,
};

const PROFILES: u64 = 10_000;
const NEEDS: u64 = 1_000;
const AREAS: [&str; 8] = [
    "Skoghall",
    "Hammarö",
    "Mörmon",
    "Vålberg",
    "Lillängshöjden",
    "Bryggudden",
    "Rud",
    "Nolgård",
];
/// Languages besides Swedish, the most common first: picks favour the start of the list.
const LANGUAGES: [&str; 12] = [
    "en", "ar", "fa", "so", "ti", "uk", "pl", "fi", "ku", "prs", "bs", "es",
];

/// xorshift64.
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

    /// An index into a list of `len`, favouring the start (the minimum of two rolls).
    fn skewed(&mut self, len: usize) -> usize {
        let len = len as u64;
        self.below(len).min(self.below(len)) as usize
    }

    /// Any day of the week alike; the lean towards evenings is in `window`.
    fn day(&mut self) -> Weekday {
        Weekday::try_from(self.below(7) as u8).expect("weekday")
    }

    fn window(&mut self, evening_percent: u64, max_hours: u64) -> TimeWindow {
        let start = if self.chance(evening_percent) {
            16 * 60 + self.below(6) as u16 * 30
        } else {
            8 * 60 + self.below(16) as u16 * 30
        };
        let length = 60 + self.below(max_hours * 2 - 1) as u16 * 30;
        TimeWindow::from_minutes(start, (start + length).min(23 * 60)).expect("time window")
    }

    fn slot(&mut self, evening_percent: u64, max_hours: u64) -> WeeklySlot {
        WeeklySlot {
            day: self.day(),
            window: self.window(evening_percent, max_hours),
        }
    }
}

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, 10)
        .and_then(|date| date.and_hms_opt(12, 0, 0))
        .expect("now")
}

fn area(dice: &mut Dice) -> Area {
    Area::parse(AREAS[dice.skewed(AREAS.len())]).expect("area")
}

fn language(dice: &mut Dice) -> LanguageCode {
    LanguageCode::parse(LANGUAGES[dice.skewed(LANGUAGES.len())]).expect("language")
}

/// `fewest` to `fewest + spread - 1` picks from `from` (fewer when a pick repeats).
fn pick<T: Copy + Ord>(dice: &mut Dice, from: &[T], fewest: u64, spread: u64) -> BTreeSet<T> {
    let count = fewest + dice.below(spread);
    (0..count).map(|_| from[dice.skewed(from.len())]).collect()
}

fn needs(dice: &mut Dice) -> Vec<Need> {
    let today = now().date();
    (0..NEEDS)
        .map(|id| {
            let schedule = if dice.chance(60) {
                Schedule::Weekly {
                    slots: (0..1 + dice.below(2)).map(|_| dice.slot(70, 3)).collect(),
                    until: today
                        .checked_add_days(Days::new(dice.below(120)))
                        .filter(|_| dice.chance(40)),
                }
            } else {
                // One-off dates from three weeks ago to two months ahead: some are over.
                let occasions = (0..1 + dice.below(4)).filter_map(|_| {
                    let date = today
                        .checked_sub_days(Days::new(21))?
                        .checked_add_days(Days::new(dice.below(80)))?;
                    Some(Occasion {
                        date,
                        window: dice.window(50, 4),
                    })
                });
                Schedule::Dates(occasions.collect())
            };
            let capacity = 1 + dice.below(8) as u16;
            let text = NeedText {
                title: format!("Uppdrag {id}"),
                description: "Vi söker volontärer.".to_string(),
            };
            Need {
                id: NeedId(id),
                texts: BTreeMap::from([(Lang::Sv, text)]),
                organiser: if dice.chance(40) {
                    Organiser::Municipality
                } else {
                    Organiser::Association(format!("Förening {}", dice.below(40)))
                },
                skills: pick(dice, &Skill::ALL, 0, 3),
                topics: pick(dice, &Topic::ALL, 1, 2),
                languages: (0..u64::from(dice.chance(20)) * (1 + dice.below(2)))
                    .map(|_| language(dice))
                    .collect(),
                place: if dice.chance(15) {
                    Place::Online
                } else {
                    Place::Area(area(dice))
                },
                schedule,
                minimum_age: if dice.chance(70) {
                    MinimumAge::Eighteen
                } else {
                    MinimumAge::Sixteen
                },
                requires_record_extract: dice.chance(35),
                capacity,
                // One need in six is full.
                accepted: if dice.chance(16) {
                    capacity
                } else {
                    dice.below(u64::from(capacity)) as u16
                },
                status: if dice.chance(10) {
                    NeedStatus::Closed
                } else {
                    NeedStatus::Open
                },
            }
        })
        .collect()
}

fn profiles(dice: &mut Dice) -> Vec<Profile> {
    (0..PROFILES)
        .map(|id| Profile {
            id: VolunteerId(id),
            skills: pick(dice, &Skill::ALL, 0, 5),
            interests: pick(dice, &Topic::ALL, 1, 4),
            languages: (0..dice.below(3)).map(|_| language(dice)).collect(),
            areas: (0..1 + dice.below(3)).map(|_| area(dice)).collect(),
            accepts_online: dice.chance(40),
            availability: (0..1 + dice.below(5)).map(|_| dice.slot(60, 5)).collect(),
            age: if dice.chance(12) {
                AgeBand::SixteenToSeventeen
            } else {
                AgeBand::Adult
            },
            accepts_record_extract: dice.chance(65),
            contact_consent: Some(now()).filter(|_| dice.chance(80)),
        })
        .collect()
}

fn matching(c: &mut Criterion) {
    let mut dice = Dice(0x2545_F491_4F6C_DD1D);
    let needs = needs(&mut dice);
    let profiles = profiles(&mut dice);
    let index = NeedIndex::new(&needs, now());
    let matched: usize = profiles
        .iter()
        .map(|profile| index.matches_for(profile, 3).len())
        .sum();
    eprintln!(
        "{} live needs of {NEEDS}; {matched} matches for {PROFILES} volunteers (best 3 each)",
        index.live_count()
    );

    let mut group = c.benchmark_group("matching");
    group.sample_size(20);
    group.bench_function(
        "best 3 needs for each of 10,000 volunteers, 1,000 needs",
        |b| {
            b.iter(|| {
                let index = NeedIndex::new(&needs, now());
                profiles
                    .iter()
                    .map(|profile| index.matches_for(profile, 3))
                    .collect::<Vec<_>>()
            })
        },
    );
    group.bench_function("index 1,000 needs", |b| {
        b.iter(|| NeedIndex::new(&needs, now()).live_count())
    });
    let wanted = needs
        .iter()
        .find(|need| index.volunteers_for(need.id, &profiles, 1).len() == 1)
        .expect("a need someone can take");
    group.bench_function("best 10 of 10,000 volunteers for one need", |b| {
        b.iter(|| volunteers_for(wanted, &profiles, now(), 10))
    });
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
