//! The contact centre's opening hours, in the municipality's time zone, so that a resident
//! who asks for a person when it is closed is told when it opens. Pure.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// Open Monday to Friday between two times of day; closed at weekends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpeningHours {
    pub open: NaiveTime,
    pub close: NaiveTime,
    pub zone: Tz,
}

impl OpeningHours {
    /// Parses "08:00-16:30" and a time-zone name ("Europe/Stockholm").
    pub fn parse(hours: &str, zone: &str) -> Result<OpeningHours, String> {
        let (open, close) = hours
            .split_once('-')
            .ok_or_else(|| format!("hours {hours:?} must look like 08:00-16:30"))?;
        let time = |text: &str| {
            NaiveTime::parse_from_str(text.trim(), "%H:%M")
                .map_err(|_| format!("{text:?} is not a time like 08:00"))
        };
        let (open, close) = (time(open)?, time(close)?);
        if open >= close {
            return Err(format!("hours {hours:?} close before they open"));
        }
        let zone: Tz = zone
            .parse()
            .map_err(|_| format!("{zone:?} is not a time zone name such as Europe/Stockholm"))?;
        Ok(OpeningHours { open, close, zone })
    }

    /// `None` while open; otherwise when it next opens, in local time.
    pub fn next_opening(&self, now: DateTime<Utc>) -> Option<DateTime<Tz>> {
        let local = now.with_timezone(&self.zone);
        let workday = |day: Weekday| !matches!(day, Weekday::Sat | Weekday::Sun);
        let time = local.time();
        if workday(local.weekday()) && time >= self.open && time < self.close {
            return None;
        }
        let mut day = local.date_naive();
        if !(workday(local.weekday()) && time < self.open) {
            day += Duration::days(1);
        }
        while !workday(day.weekday()) {
            day += Duration::days(1);
        }
        self.zone
            .from_local_datetime(&day.and_time(self.open))
            .earliest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a time")
            .with_timezone(&Utc)
    }

    #[test]
    fn tells_when_the_centre_opens_next() {
        let hours = OpeningHours::parse("08:00-16:30", "Europe/Stockholm").expect("parses");
        // Wednesday 10:00 in Stockholm (UTC+1 in winter): open.
        assert_eq!(hours.next_opening(at("2026-11-25T09:00:00Z")), None);
        let opens = |now| {
            hours
                .next_opening(at(now))
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        };
        // Wednesday 17:00 local: Thursday 08:00.
        assert_eq!(
            opens("2026-11-25T16:00:00Z").as_deref(),
            Some("2026-11-26 08:00")
        );
        // Friday evening and Saturday: Monday 08:00.
        assert_eq!(
            opens("2026-11-27T18:00:00Z").as_deref(),
            Some("2026-11-30 08:00")
        );
        assert_eq!(
            opens("2026-11-28T12:00:00Z").as_deref(),
            Some("2026-11-30 08:00")
        );
        // Monday 06:00 local: the same morning.
        assert_eq!(
            opens("2026-11-30T05:00:00Z").as_deref(),
            Some("2026-11-30 08:00")
        );
    }

    #[test]
    fn bad_hours_are_refused_with_the_reason() {
        assert!(OpeningHours::parse("8-16", "Europe/Stockholm").is_err());
        assert!(OpeningHours::parse("16:00-08:00", "Europe/Stockholm").is_err());
        assert!(OpeningHours::parse("08:00-16:00", "Mars/Olympus").is_err());
    }
}
