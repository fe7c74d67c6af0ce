//! Post dates: parsed from front matter or a `YYYY-MM-DD-` file name prefix,
//! validated (no February 30th), ordered by the instant they name, and
//! carried over the wire as ISO 8601 text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A calendar date with an optional time of day and UTC offset.
///
/// Only valid dates can be built ([`PostDate::parse`] checks every field), so
/// code that receives one never needs to check it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PostDate {
    year: i32,
    month: u8,
    day: u8,
    /// Seconds since midnight, when the author gave a time.
    time: Option<u32>,
    /// Minutes east of UTC, when the author gave an offset.
    offset: Option<i16>,
}

/// Why a date string was refused; shown to authors, so each says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// The text does not look like `YYYY-MM-DD` with an optional time.
    Format,
    /// The shape is right but the day does not exist (e.g. `2023-02-29`).
    NoSuchDay,
    /// The time of day or offset is out of range (e.g. `25:00`).
    BadTime,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateError::Format => {
                "is not a date; write it as YYYY-MM-DD, optionally followed by a time such as 2024-03-05 14:30:00 +01:00"
            }
            DateError::NoSuchDay => "names a day that does not exist in the calendar",
            DateError::BadTime => "has a time of day or UTC offset out of range (hours 0-23, minutes and seconds 0-59)",
        })
    }
}

impl std::error::Error for DateError {}

impl PostDate {
    /// Builds a date from its parts, refusing days that do not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDay);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(PostDate { year, month, day, time: None, offset: None })
    }

    /// Parses the date forms blogs use: `2024-03-05`, `2024-03-05 14:30`,
    /// `2024-03-05T14:30:00Z`, `2024-03-05 14:30:00 +0100`, `2024-03-05T14:30:00.123+01:00`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let year = digits(&text[0..4])? as i32;
        let month = digits(&text[5..7])? as u8;
        let day = digits(&text[8..10])? as u8;
        let mut date = PostDate::from_ymd(year, month, day)?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Ok(date);
        }
        let rest = rest
            .strip_prefix(['T', 't', ' '])
            .ok_or(DateError::Format)?
            .trim_start();
        let (clock, zone) = split_zone(rest);
        date.time = Some(parse_clock(clock)?);
        date.offset = parse_zone(zone.trim())?;
        Ok(date)
    }

    /// The instant `secs` after 1970-01-01 UTC, in UTC: a post dated by
    /// its file (Eleventy's `date: Last Modified`).
    pub fn from_timestamp(secs: i64) -> Result<Self, DateError> {
        // From 0001-01-01 to 9999-12-31, the years a date may have.
        if !(-62_135_596_800..=253_402_300_799).contains(&secs) {
            return Err(DateError::NoSuchDay);
        }
        let (days, time) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as u32);
        let (year, month, day) = civil_from_days(days);
        let date = PostDate::from_ymd(year, month, day)?;
        Ok(PostDate { time: Some(time), offset: Some(0), ..date })
    }

    /// The calendar year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Seconds since 1970-01-01 UTC; a date without a time counts as midnight
    /// and one without an offset as UTC, so posts of one day keep a stable order.
    pub fn timestamp(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let secs = i64::from(self.time.unwrap_or(0));
        let offset = i64::from(self.offset.unwrap_or(0)) * 60;
        days * 86_400 + secs - offset
    }

    /// A full RFC 3339 timestamp for feeds and page metadata, which need a
    /// time and an offset: midnight and UTC where the author gave none.
    pub fn rfc3339(&self) -> String {
        let mut text = self.to_string();
        if self.time.is_none() {
            text.push_str("T00:00:00");
        }
        if self.time.is_none() || self.offset.is_none() {
            text.push('Z');
        }
        text
    }

    /// The RFC 822 form RSS uses, in UTC: `Tue, 05 Mar 2024 00:00:00 +0000`.
    pub fn rfc822(&self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let t = self.timestamp();
        let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        format!(
            "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} +0000",
            DAYS[days.rem_euclid(7) as usize],
            &month_name(month)[..3],
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    /// A reader-facing form such as `March 5, 2024`.
    pub fn long_form(&self) -> String {
        format!("{} {}, {}", month_name(self.month), self.day, self.year)
    }
}

/// By instant; two ways of writing one instant (`2024-03-05` and
/// `2024-03-05T00:00:00Z`) by their fields, the less precise first, so the
/// order agrees with equality. Sorting a large blog compares dates millions
/// of times, so nothing here allocates.
impl Ord for PostDate {
    fn cmp(&self, other: &Self) -> Ordering {
        let fields = |d: &PostDate| (d.year, d.month, d.day, d.time, d.offset);
        self.timestamp().cmp(&other.timestamp()).then_with(|| fields(self).cmp(&fields(other)))
    }
}

impl PartialOrd for PostDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PostDate {
    /// ISO 8601 / RFC 3339 as far as the author was precise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60)?;
            match self.offset {
                Some(0) => f.write_str("Z")?,
                Some(m) => {
                    let sign = if m < 0 { '-' } else { '+' };
                    write!(f, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)?
                }
                None => {}
            }
        }
        Ok(())
    }
}

impl Serialize for PostDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PostDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PostDate::parse(&text).map_err(|e| serde::de::Error::custom(format!("date `{text}` {e}")))
    }
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's
/// algorithm, the inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// English month names, for archive headings and dates shown to readers.
pub fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ];
    NAMES[usize::from(month.clamp(1, 12) - 1)]
}

fn digits(text: &str) -> Result<u32, DateError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Format);
    }
    text.parse().map_err(|_| DateError::Format)
}

/// Splits `14:30:00+01:00` into the clock and the zone part.
fn split_zone(rest: &str) -> (&str, &str) {
    match rest.find(['Z', 'z', '+', '-', ' ']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    }
}

fn parse_clock(clock: &str) -> Result<u32, DateError> {
    // Drop fractional seconds: posts are not ordered by the millisecond.
    let clock = clock.split('.').next().unwrap_or_default();
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return Err(DateError::Format);
    }
    let h = digits(parts[0])?;
    let m = digits(parts[1])?;
    let s = parts.get(2).map(|p| digits(p)).transpose()?.unwrap_or(0);
    if h > 23 || m > 59 || s > 60 {
        return Err(DateError::BadTime);
    }
    Ok(h * 3600 + m * 60 + s.min(59))
}

fn parse_zone(zone: &str) -> Result<Option<i16>, DateError> {
    match zone {
        "" => Ok(None),
        "Z" | "z" | "UTC" | "GMT" => Ok(Some(0)),
        _ => {
            let sign: i16 = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(DateError::Format),
            };
            let body = zone[1..].replace(':', "");
            if body.len() != 4 {
                return Err(DateError::Format);
            }
            let h = digits(&body[..2])? as i16;
            let m = digits(&body[2..])? as i16;
            if h > 14 || m > 59 {
                return Err(DateError::BadTime);
            }
            Ok(Some(sign * (h * 60 + m)))
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_is_the_instant_it_names() {
        for text in ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "1969-12-31T12:00:00Z", "2000-03-01T00:00:01Z"] {
            let date = PostDate::parse(text).unwrap();
            assert_eq!(PostDate::from_timestamp(date.timestamp()).unwrap().rfc3339(), text);
        }
        assert!(PostDate::from_timestamp(i64::MAX / 2).is_err());
    }

    #[test]
    fn parses_the_forms_blogs_use() {
        let cases = [
            ("2024-03-05", "2024-03-05"),
            ("  2024-03-05  ", "2024-03-05"),
            ("2024-03-05 14:30", "2024-03-05T14:30:00"),
            ("2024-03-05T14:30:00Z", "2024-03-05T14:30:00Z"),
            ("2024-03-05 14:30:00 +0100", "2024-03-05T14:30:00+01:00"),
            ("2024-03-05T14:30:00.250-05:30", "2024-03-05T14:30:00-05:30"),
            ("2024-02-29", "2024-02-29"),
            ("2000-02-29", "2000-02-29"),
        ];
        for (input, expected) in cases {
            let date = PostDate::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(date.to_string(), expected, "{input}");
        }
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        let cases = [
            ("2023-02-29", DateError::NoSuchDay),
            ("1900-02-29", DateError::NoSuchDay),
            ("2024-04-31", DateError::NoSuchDay),
            ("2024-13-01", DateError::NoSuchDay),
            ("2024-00-10", DateError::NoSuchDay),
            ("2024-01-00", DateError::NoSuchDay),
            ("2024-01-01 24:00", DateError::BadTime),
            ("2024-01-01 12:60", DateError::BadTime),
            ("yesterday", DateError::Format),
            ("2024/01/01", DateError::Format),
            ("24-01-01", DateError::Format),
            ("2024-1-1", DateError::Format),
            ("2024-01-01x", DateError::Format),
            ("2024-01-01 noon", DateError::Format),
            ("2024-01-01 12:00 +1", DateError::Format),
            ("", DateError::Format),
        ];
        for (input, expected) in cases {
            assert_eq!(PostDate::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn feed_forms() {
        let d = PostDate::parse("2024-03-05").unwrap();
        assert_eq!((d.rfc3339().as_str(), d.rfc822().as_str()), ("2024-03-05T00:00:00Z", "Tue, 05 Mar 2024 00:00:00 +0000"));
        let d = PostDate::parse("2024-03-05 23:30:00 -02:00").unwrap();
        assert_eq!((d.rfc3339().as_str(), d.rfc822().as_str()), ("2024-03-05T23:30:00-02:00", "Wed, 06 Mar 2024 01:30:00 +0000"));
        let d = PostDate::parse("2000-02-29T10:00:00").unwrap();
        assert_eq!((d.rfc3339().as_str(), d.rfc822().as_str()), ("2000-02-29T10:00:00Z", "Tue, 29 Feb 2000 10:00:00 +0000"));
    }

    #[test]
    fn orders_by_instant_across_offsets() {
        let berlin = PostDate::parse("2024-03-05T10:00:00+02:00").unwrap();
        let london = PostDate::parse("2024-03-05T09:00:00Z").unwrap();
        let plain = PostDate::parse("2024-03-05").unwrap();
        assert!(berlin < london);
        assert!(plain < berlin);
        assert_eq!(PostDate::parse("1970-01-02").unwrap().timestamp(), 86_400);
        // One instant written three ways: apart, the less precise first.
        let [day, utc, offset] = ["2024-03-05", "2024-03-05T00:00:00Z", "2024-03-05T02:00:00+02:00"].map(|d| PostDate::parse(d).unwrap());
        assert_eq!((day.timestamp(), utc.timestamp()), (offset.timestamp(), offset.timestamp()));
        assert!(day < utc && day < offset && utc != offset);
        assert_eq!(utc.cmp(&offset), offset.cmp(&utc).reverse());
        assert_eq!(day.cmp(&PostDate::parse("2024-03-05").unwrap()), std::cmp::Ordering::Equal);
    }

    #[test]
    fn round_trips_through_json() {
        let date = PostDate::parse("2024-03-05T14:30:00+01:00").unwrap();
        let json = serde_json::to_string(&date).unwrap();
        assert_eq!(json, "\"2024-03-05T14:30:00+01:00\"");
        assert_eq!(serde_json::from_str::<PostDate>(&json).unwrap(), date);
        assert!(serde_json::from_str::<PostDate>("\"2024-02-30\"").is_err());
    }

    #[test]
    fn long_form_reads_naturally() {
        assert_eq!(PostDate::parse("2024-03-05").unwrap().long_form(), "March 5, 2024");
    }
}
