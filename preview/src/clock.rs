//! Wall-clock time in the formats AWS events and logs use, without a date crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub fn now_millis() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A UTC date and time split into fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Utc {
    pub fn from_millis(epoch_millis: u64) -> Utc {
        let seconds = epoch_millis / 1000;
        let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
        let of_day = seconds % 86_400;
        Utc {
            year,
            month,
            day,
            hour: (of_day / 3600) as u32,
            minute: (of_day % 3600 / 60) as u32,
            second: (of_day % 60) as u32,
            millis: (epoch_millis % 1000) as u32,
        }
    }

    /// `2024-05-01T12:00:00.000Z`
    pub fn iso_millis(&self) -> String {
        format!("{}.{:03}Z", self.iso_base(), self.millis)
    }

    /// `2024-05-01T12:00:00Z`
    pub fn iso_seconds(&self) -> String {
        format!("{}Z", self.iso_base())
    }

    /// `01/May/2024:12:00:00 +0000`, API Gateway's `requestTime`.
    pub fn common_log(&self) -> String {
        format!(
            "{:02}/{}/{}:{:02}:{:02}:{:02} +0000",
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year,
            self.hour,
            self.minute,
            self.second
        )
    }

    /// `2024/05/01`, the date prefix of a Lambda log stream name.
    pub fn slashed_date(&self) -> String {
        format!("{}/{:02}/{:02}", self.year, self.month, self.day)
    }

    fn iso_base(&self) -> String {
        format!("{}-{:02}-{:02}T{:02}:{:02}:{:02}", self.year, self.month, self.day, self.hour, self.minute, self.second)
    }
}

/// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian calendar), by
/// counting whole 400-year eras and then years within the era, with years starting in March so
/// that the leap day falls at the end.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        let t = Utc::from_millis(1_428_582_896_000); // 2015-04-09T12:34:56Z
        assert_eq!(t.iso_seconds(), "2015-04-09T12:34:56Z");
        assert_eq!(t.common_log(), "09/Apr/2015:12:34:56 +0000");
        assert_eq!(t.slashed_date(), "2015/04/09");
        assert_eq!(Utc::from_millis(0).iso_millis(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Utc::from_millis(951_782_400_123).iso_millis(), "2000-02-29T00:00:00.123Z");
        assert_eq!(Utc::from_millis(1_735_689_599_999).iso_millis(), "2024-12-31T23:59:59.999Z");
    }
}
