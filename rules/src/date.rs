//! Calendar days, for checks that depend on when they run (runtime deprecation dates) and for
//! pinning that day with `--as-of` so that CI results do not change overnight.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// A day of the proleptic Gregorian calendar, ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month)).contains(&day).then_some(Date { year, month, day })
    }

    /// Today in UTC, by the system clock.
    pub fn today_utc() -> Date {
        let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// The civil date `days` days after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a text is not a `YYYY-MM-DD` day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl FromStr for Date {
    type Err = DateError;

    /// `YYYY-MM-DD`, the form the runtime lifecycle table and `--as-of` use.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let invalid = || DateError(format!("`{text}` is not a date of the form YYYY-MM-DD"));
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [year, month, day] = parts.as_slice() else { return Err(invalid()) };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return Err(invalid());
        }
        let number = |digits: &str| digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse::<i32>().ok()).flatten();
        let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day)) else { return Err(invalid()) };
        Date::new(year, month as u8, day as u8).ok_or_else(|| DateError(format!("`{text}` is not a day of the calendar")))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_days() {
        let date: Date = "2026-06-01".parse().unwrap();
        assert_eq!(date.to_string(), "2026-06-01");
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!("2026-6-1".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
        assert!("+026-06-01".parse::<Date>().is_err());
    }

    #[test]
    fn orders_by_time() {
        let earlier: Date = "2026-12-31".parse().unwrap();
        let later: Date = "2027-01-01".parse().unwrap();
        assert!(earlier < later);
    }

    #[test]
    fn counts_days_from_the_epoch() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(11_016).to_string(), "2000-02-29");
        assert_eq!(Date::from_days_since_epoch(20_604).to_string(), "2026-05-31");
        assert!(Date::today_utc() >= "2026-01-01".parse().unwrap());
    }
}
