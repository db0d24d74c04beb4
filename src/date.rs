//! Calendar dates as teachers write them: a TOML date (`2019-07-01`) or text in the Russian
//! form `01.07.2019` or ISO form. Invalid dates (31.02) are caught by `check`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// Years divisible by 4 but not by 100, or by 400.
macro_rules! leap_year {
    () => {
        r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
    };
}

/// The dates [`Date::parse`] accepts, as a JSON Schema `pattern` (a TOML date reaches an
/// editor's validator as `2023-09-01` text): `ДД.ММ.ГГГГ` or `ГГГГ-ММ-ДД`, one or two digits
/// for the day and month, and only days the calendar has (29 February in leap years).
pub const DATE_PATTERN: &str = concat!(
    r"^\s*(?:",
    r"(?:(?:0?[1-9]|[12][0-9]|3[01])\.(?:0?[13578]|1[02])",
    r"|(?:0?[1-9]|[12][0-9]|30)\.(?:0?[469]|11)",
    r"|(?:0?[1-9]|1[0-9]|2[0-8])\.0?2)\.[0-9]{4}",
    r"|29\.0?2\.",
    leap_year!(),
    r"|[0-9]{4}-(?:(?:0?[13578]|1[02])-(?:0?[1-9]|[12][0-9]|3[01])",
    r"|(?:0?[469]|11)-(?:0?[1-9]|[12][0-9]|30)",
    r"|0?2-(?:0?[1-9]|1[0-9]|2[0-8]))",
    r"|",
    leap_year!(),
    r"-0?2-29",
    r")\s*$"
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let d = Date { year, month, day };
        d.is_valid().then_some(d)
    }

    fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }

    /// Parses `ДД.ММ.ГГГГ` or `ГГГГ-ММ-ДД`; `None` for anything else or an impossible date.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let parts: Vec<&str> = if t.contains('.') {
            let p: Vec<&str> = t.split('.').collect();
            if p.len() != 3 {
                return None;
            }
            vec![p[2], p[1], p[0]]
        } else {
            t.split('-').collect()
        };
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
            return None;
        }
        let num = |s: &str| -> Option<u32> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        Date::new(
            num(parts[0])? as i32,
            num(parts[1])? as u8,
            num(parts[2])? as u8,
        )
    }

    /// Russian numeric form used in citations: `29.12.2012`.
    pub fn dotted(&self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// Civil date of a Unix timestamp (Howard Hinnant's algorithm).
    pub fn from_unix(secs: i64) -> Date {
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// Month names in the genitive, as in «2 марта 2018 года».
pub const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2019-07-01 or \"01.07.2019\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| E::custom(format!("invalid date `{v}`")))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time) {
                    (Some(d), None) => Date::new(i32::from(d.year), d.month, d.day)
                        .ok_or_else(|| de::Error::custom("invalid date")),
                    _ => Err(de::Error::custom("expected a date without a time")),
                }
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!(
            "{:04}-{:02}-{:02}",
            self.year, self.month, self.day
        ))
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "Дата: 2023-09-01 (дата TOML) или \"01.09.2023\""
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_russian_and_iso_forms() {
        assert_eq!(Date::parse("29.12.2012"), Date::new(2012, 12, 29));
        assert_eq!(Date::parse("2012-12-29"), Date::new(2012, 12, 29));
        assert_eq!(Date::parse("1.9.2023"), Date::new(2023, 9, 1));
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::parse("31.02.2020"), None);
        assert_eq!(Date::parse("29.02.2023"), None);
        assert!(Date::parse("29.02.2024").is_some());
        assert_eq!(Date::parse("2020-13-01"), None);
        assert_eq!(Date::parse("вчера"), None);
    }

    #[test]
    fn unix_epoch_to_civil_date() {
        assert_eq!(
            Date::from_unix(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Date::from_unix(1_700_000_000),
            Date {
                year: 2023,
                month: 11,
                day: 14
            }
        );
    }
}
