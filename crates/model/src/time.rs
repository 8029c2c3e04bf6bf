//! Timestamps as AWS tools print them.
//!
//! The AWS CLI prints `2026-01-10T12:00:00+00:00`; the raw APIs and SDKs print
//! `2026-01-10T12:00:00Z` or with fractions; boto3 dumped with `default=str` gives
//! `2026-01-10 12:00:00+00:00`; CloudWatch Logs and a few others use epoch milliseconds.
//! All of them load.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A point in time, always UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    /// Parses the textual forms listed in the module documentation.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(Timestamp(t.with_timezone(&Utc)));
        }
        // `2026-01-10 12:00:00+00:00` (space instead of T)
        if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f%:z") {
            return Some(Timestamp(t.with_timezone(&Utc)));
        }
        for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
            if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(Timestamp(Utc.from_utc_datetime(&n)));
            }
        }
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return d
                .and_hms_opt(0, 0, 0)
                .map(|n| Timestamp(Utc.from_utc_datetime(&n)));
        }
        None
    }

    /// Epoch seconds, or milliseconds when the number is too large to be seconds.
    pub fn from_epoch(n: f64) -> Option<Timestamp> {
        if !n.is_finite() {
            return None;
        }
        let millis = if n.abs() > 1e11 { n } else { n * 1000.0 };
        if millis.abs() > 8.64e15 {
            return None;
        }
        Utc.timestamp_millis_opt(millis as i64)
            .single()
            .map(Timestamp)
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(&self, later: Timestamp) -> i64 {
        (later.0 - self.0).num_days()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}",
            self.0.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an ISO-8601 timestamp or epoch number")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Timestamp, E> {
                Timestamp::parse(s).ok_or_else(|| E::custom(format!("`{s}` is not a timestamp")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Timestamp, E> {
                self.visit_f64(n as f64)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Timestamp, E> {
                self.visit_f64(n as f64)
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Timestamp, E> {
                Timestamp::from_epoch(n).ok_or_else(|| E::custom(format!("`{n}` is out of range")))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cli_sdk_and_boto3_forms() {
        let a = Timestamp::parse("2026-01-10T12:00:00+00:00").unwrap();
        assert_eq!(Timestamp::parse("2026-01-10T12:00:00Z"), Some(a));
        assert_eq!(Timestamp::parse("2026-01-10 12:00:00+00:00"), Some(a));
        assert_eq!(Timestamp::parse("2026-01-10T12:00:00.000Z"), Some(a));
        assert_eq!(Timestamp::parse("2026-01-10T13:00:00+01:00"), Some(a));
        assert_eq!(a.to_string(), "2026-01-10T12:00:00Z");
        assert!(Timestamp::parse("N/A").is_none());
    }

    #[test]
    fn epoch_seconds_and_millis() {
        let s: Timestamp = serde_json::from_str("1768046400").unwrap();
        let ms: Timestamp = serde_json::from_str("1768046400000").unwrap();
        assert_eq!(s, ms);
        assert_eq!(s.to_string(), "2026-01-10T12:00:00Z");
        assert!(serde_json::from_str::<Timestamp>("1e300").is_err());
    }
}
