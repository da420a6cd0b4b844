//! A calendar date without time zone, as used for posts and name validity.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// A proleptic Gregorian calendar date (`YYYY-MM-DD`).
///
/// Parsing also accepts the reduced precisions found in public data, `YYYY-MM` and `YYYY`,
/// which mean the first day of that month or year (use [`Date::parse_end`] for an end date,
/// where they mean the last day).
///
/// # Examples
///
/// ```
/// use geopol::Date;
/// let d: Date = "2022-01-11".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2022, 1, 11));
/// assert_eq!(d.to_string(), "2022-01-11");
/// assert!("2022-02-30".parse::<Date>().is_err());
/// assert_eq!(Date::parse_end("2021").unwrap().to_string(), "2021-12-31");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Packed so that the derived ordering is chronological.
    year: i16,
    month: u8,
    day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date from its parts, or an error when it does not exist (2022-02-30) or is out of
    /// the supported range (years -9999 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, Error> {
        if !(-9999..=9999).contains(&year) {
            return Err(Error::argument(format!("year {year} is out of range")));
        }
        if !(1..=12).contains(&month) {
            return Err(Error::argument(format!("month {month} does not exist")));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(Error::argument(format!(
                "day {day} does not exist in {year:04}-{month:02}"
            )));
        }
        Ok(Date { year: year as i16, month: month as u8, day: day as u8 })
    }

    /// The year.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before): for distances between dates.
    pub(crate) fn days(self) -> i64 {
        // The days-from-civil algorithm (eras of 400 years).
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the *first* day of the period.
    pub fn parse_start(s: &str) -> Result<Date, Error> {
        Date::parse_with(s, false)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the *last* day of the period.
    pub fn parse_end(s: &str) -> Result<Date, Error> {
        Date::parse_with(s, true)
    }

    fn parse_with(s: &str, end: bool) -> Result<Date, Error> {
        let bad = || Error::argument(format!("invalid date {s:?}: expected YYYY-MM-DD"));
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let mut parts = body.split('-');
        let y = parts.next().ok_or_else(bad)?;
        if y.len() < 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let mut year: i32 = y.parse().map_err(|_| bad())?;
        if neg {
            year = -year;
        }
        let num = |p: Option<&str>| -> Result<Option<u32>, Error> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| bad())?))
                }
                Some(_) => Err(bad()),
            }
        };
        let month = num(parts.next())?;
        let day = num(parts.next())?;
        if parts.next().is_some() || (month.is_none() && day.is_some()) {
            return Err(bad());
        }
        let month_v = month.unwrap_or(if end { 12 } else { 1 });
        if !(1..=12).contains(&month_v) {
            return Err(Error::argument(format!("invalid date {s:?}: no month {month_v}")));
        }
        let day_v = day.unwrap_or(if end { days_in_month(year, month_v) } else { 1 });
        Date::new(year, month_v, day_v).map_err(|e| {
            Error::argument(format!("invalid date {s:?}: {}", e.problems()[0].message))
        })
    }
}

impl Date {
    /// Parses a document's date, strictly: `YYYY-MM-DD` with a year from 0001 to 9999 (the
    /// range of Python's `datetime.date`), optionally followed by a time (`T09:30:00Z`,
    /// ` 09:30`; it must be `HH[:MM[:SS[.f]]]`, then `Z` or `±HH[:MM]`), the date part being
    /// used as written. Nothing else: no white space around it, no bare `YYYY` or
    /// `YYYY-MM`. The command line and the Python module read document dates with this.
    pub(crate) fn parse_document(s: &str) -> Result<Date, Error> {
        let bad = || {
            Error::argument(format!("invalid date {s:?}: expected YYYY-MM-DD (an ISO 8601 date)"))
        };
        let day = match s.as_bytes().get(10) {
            None => s,
            // Only a full date may carry a time.
            Some(b'T' | b't' | b' ') if s.len() > 11 && s.is_char_boundary(10) => {
                if !is_iso_time(&s.as_bytes()[11..]) {
                    return Err(Error::argument(format!(
                        "invalid date {s:?}: the time after the date must be HH[:MM[:SS[.fff]]] \
                         with an optional Z or ±HH:MM (RFC 3339, ISO 8601)"
                    )));
                }
                &s[..10]
            }
            Some(_) => return Err(bad()),
        };
        let b = day.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(bad());
        }
        if &day[..4] == "0000" {
            return Err(Error::argument(format!(
                "invalid date {s:?}: the year must be from 0001 to 9999"
            )));
        }
        Date::parse_start(day)
    }
}

/// True for an ISO 8601 time of day as Python's `datetime.fromisoformat` reads it in
/// extended form: `HH`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f...` (hour 00-23, minute and
/// second 00-59), then optionally `Z` or an offset `±HH`, `±HH:MM`.
fn is_iso_time(b: &[u8]) -> bool {
    fn two(b: &[u8], at: usize, max: u8) -> bool {
        match b.get(at..at + 2) {
            Some([x, y]) if x.is_ascii_digit() && y.is_ascii_digit() => {
                (x - b'0') * 10 + (y - b'0') <= max
            }
            _ => false,
        }
    }
    if !two(b, 0, 23) {
        return false;
    }
    let mut i = 2;
    for max in [59, 59] {
        if b.get(i) == Some(&b':') {
            if !two(b, i + 1, max) {
                return false;
            }
            i += 3;
        } else {
            break;
        }
    }
    if i == 8 && b.get(i) == Some(&b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        i += 1 + digits;
    }
    match b.get(i..) {
        Some([]) | Some([b'Z' | b'z']) => true,
        Some([b'+' | b'-', rest @ ..]) => {
            rest.len() == 2 && two(rest, 0, 23)
                || rest.len() == 5 && two(rest, 0, 23) && rest[2] == b':' && two(rest, 3, 59)
        }
        _ => false,
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Same as [`Date::parse_start`].
    fn from_str(s: &str) -> Result<Date, Error> {
        Date::parse_start(s)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}-{:02}-{:02}", -self.year, self.month, self.day)
        } else {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the first day of the period.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_start(&s).map_err(|e| serde::de::Error::custom(&e.problems()[0].message))
    }
}

/// A date read as the *last* day of its period (`"2021"` is 2021-12-31): for end dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EndDate(pub Date);

impl<'de> Deserialize<'de> for EndDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EndDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse_end(&s)
            .map(EndDate)
            .map_err(|e| serde::de::Error::custom(&e.problems()[0].message))
    }
}

/// `deserialize_with` for optional end dates.
pub(crate) fn de_end<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Ok(Option::<EndDate>::deserialize(d)?.map(|e| e.0))
}

/// True when `date` lies in the closed interval `[start, end]` (open ends unbounded).
pub(crate) fn within(date: Date, start: Option<Date>, end: Option<Date>) -> bool {
    start.is_none_or(|s| s <= date) && end.is_none_or(|e| date <= e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_dates_are_strict() {
        for good in [
            "2024-01-01",
            "0001-01-01",
            "2022-01-11T09:30:00Z",
            "2022-01-11 09:30",
            "2022-01-11T09",
            "2022-01-11t23:59:59.123456+06:00",
            "2022-01-11T00:00:00-05",
        ] {
            assert!(Date::parse_document(good).is_ok(), "{good}");
        }
        for bad in [
            "2024",
            "2024-01",
            " 2024-01-01 ",
            "2024-01-01 ",
            "0000-01-01",
            "+2024-01-01",
            "-2024-01-01",
            "2024-1-01",
            "20240101",
            "2024-01-01T",
            "2024-02-30",
            "２０２４-01-01",
            "2024-05-01Tgarbage",
            "2024-05-01T25:00:00Z",
            "2024-05-01T10:60",
            "2024-05-01T10:00:00 ",
            "2024-05-01T10:00:00.",
            "2024-05-01T10:00:00+2",
            "2024-05-01T10:00:00+02:00:00",
            "2024-05-01T9:00",
        ] {
            assert!(Date::parse_document(bad).is_err(), "{bad}");
        }
        let e = Date::parse_document("0000-01-01").unwrap_err().to_string();
        assert!(e.contains("the year must be from 0001 to 9999"), "{e}");
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2020-02-29".parse::<Date>().unwrap().to_string(), "2020-02-29");
        assert!("2021-02-29".parse::<Date>().is_err());
        assert!("2021-13-01".parse::<Date>().is_err());
        assert!("21-01-01".parse::<Date>().is_err());
        assert!("2021-1-01".parse::<Date>().is_err());
        assert!("".parse::<Date>().is_err());
        assert_eq!(Date::parse_start("1999").unwrap().to_string(), "1999-01-01");
        assert_eq!(Date::parse_end("2000-02").unwrap().to_string(), "2000-02-29");
        assert!(
            Date::parse_start("2019-03-20").unwrap() < Date::parse_start("2019-03-21").unwrap()
        );
        let days = |s: &str| s.parse::<Date>().unwrap().days();
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("2000-03-01") - days("2000-02-28"), 2);
        assert_eq!(days("1969-12-31"), -1);
        assert_eq!(days("2022-01-11"), 19_003);
        assert_eq!(days("1600-02-29"), -135_081);
    }
}
