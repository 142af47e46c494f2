//! Time for people: UTC dates (`2023-11-14 22:13:20 UTC`) and spans relative to now
//! (`expires in 4m 59s`, `expired 3h ago`), from Unix seconds, without a date library.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::failure::Failure;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// Whole seconds since the Unix epoch, by the system clock.
pub fn system_now() -> Result<u64, Failure> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| Failure::invalid("the system clock reads a time before 1970; pass --now UNIX"))
}

/// `secs` as a UTC date and time: `2023-11-14 22:13:20 UTC`.
pub fn utc(secs: u64) -> String {
    let (year, month, day) = civil_from_days(secs / DAY);
    let rest = secs % DAY;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / HOUR,
        rest % HOUR / MINUTE,
        rest % MINUTE
    )
}

/// The proleptic Gregorian date of a day counted from 1970-01-01, by Howard Hinnant's
/// `civil_from_days`. Unsigned, since Unix seconds here are never negative.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Shift the epoch to 0000-03-01, so that a leap day falls at the end of its year.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097; // [0, 146096]
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365; // [0, 399]
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); // [0, 365]
    let month_from_march = (5 * day_of_year + 2) / 153; // [0, 11]
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1; // [1, 31]
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// A span of seconds in its largest unit and, if not zero, the next one: `4m 59s`, `3h`,
/// `2d 5h`, `0s`.
pub fn span(secs: u64) -> String {
    let units = [
        (secs / DAY, 'd'),
        (secs % DAY / HOUR, 'h'),
        (secs % HOUR / MINUTE, 'm'),
        (secs % MINUTE, 's'),
    ];
    let Some(first) = units.iter().position(|(n, _)| *n > 0) else {
        return "0s".to_owned();
    };
    let (n, unit) = units[first];
    match units.get(first + 1) {
        Some(&(m, next)) if m > 0 => format!("{n}{unit} {m}{next}"),
        _ => format!("{n}{unit}"),
    }
}

/// The expiry relative to `now`: `expires in 4m 59s`, `expired 3h ago`. A token is expired from
/// the second its `exp` names.
pub fn expiry(exp: u64, now: u64) -> String {
    if exp > now {
        format!("expires in {}", span(exp - now))
    } else if exp == now {
        "expired just now".to_owned()
    } else {
        format!("expired {} ago", span(now - exp))
    }
}

/// Another time relative to `now`: `in 5m`, `5m ago`, `now`.
pub fn relative(at: u64, now: u64) -> String {
    match at.cmp(&now) {
        std::cmp::Ordering::Greater => format!("in {}", span(at - now)),
        std::cmp::Ordering::Equal => "now".to_owned(),
        std::cmp::Ordering::Less => format!("{} ago", span(now - at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_match_known_instants() {
        let cases = [
            (0, "1970-01-01 00:00:00 UTC"),
            (1_700_000_000, "2023-11-14 22:13:20 UTC"),
            (1_700_003_600, "2023-11-14 23:13:20 UTC"),
            // Leap days: a year divisible by 4, by 100 (not leap) and by 400 (leap).
            (951_782_400, "2000-02-29 00:00:00 UTC"),
            (951_868_799, "2000-02-29 23:59:59 UTC"),
            (951_868_800, "2000-03-01 00:00:00 UTC"),
            (1_709_164_800, "2024-02-29 00:00:00 UTC"),
            (4_107_542_400, "2100-03-01 00:00:00 UTC"),
            (4_107_456_000, "2100-02-28 00:00:00 UTC"),
            (1_704_067_199, "2023-12-31 23:59:59 UTC"),
            (1_704_067_200, "2024-01-01 00:00:00 UTC"),
            (253_402_300_799, "9999-12-31 23:59:59 UTC"),
        ];
        for (secs, date) in cases {
            assert_eq!(utc(secs), date, "{secs}");
        }
    }

    #[test]
    fn every_day_follows_the_one_before() {
        // Walk day by day across several 400-year cycles' worth of edge cases.
        let mut previous = civil_from_days(0);
        assert_eq!(previous, (1970, 1, 1));
        for days in 1..200_000 {
            let (y, m, d) = civil_from_days(days);
            let (py, pm, pd) = previous;
            let next_day = y == py && m == pm && d == pd + 1;
            let next_month = y == py && m == pm + 1 && d == 1;
            let next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
            assert!(
                next_day || next_month || next_year,
                "{previous:?} then {:?}",
                (y, m, d)
            );
            if next_month {
                let month_len = match pm {
                    2 if (py % 4 == 0 && py % 100 != 0) || py % 400 == 0 => 29,
                    2 => 28,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                assert_eq!(pd, month_len, "{previous:?}");
            }
            previous = (y, m, d);
        }
    }

    #[test]
    fn the_largest_time_does_not_overflow() {
        assert_eq!(utc(u64::MAX), "584554051223-11-09 07:00:15 UTC");
    }

    #[test]
    fn spans_show_their_two_largest_units() {
        let cases = [
            (0, "0s"),
            (59, "59s"),
            (299, "4m 59s"),
            (300, "5m"),
            (3 * HOUR, "3h"),
            (3 * HOUR + 40, "3h"),
            (3 * HOUR + 5 * MINUTE + 40, "3h 5m"),
            (2 * DAY + 5 * HOUR + 1, "2d 5h"),
            (DAY + 59, "1d"),
        ];
        for (secs, text) in cases {
            assert_eq!(span(secs), text, "{secs}");
        }
    }

    #[test]
    fn expiry_reads_relative_to_now() {
        assert_eq!(expiry(1_000_299, 1_000_000), "expires in 4m 59s");
        assert_eq!(expiry(1_000_000, 1_000_000), "expired just now");
        assert_eq!(expiry(1_000_000, 1_000_000 + 3 * HOUR), "expired 3h ago");
        assert_eq!(relative(10, 5), "in 5s");
        assert_eq!(relative(5, 5), "now");
        assert_eq!(relative(5, 65), "1m ago");
    }
}
