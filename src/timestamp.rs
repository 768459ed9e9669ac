//! Points in time as the servers send them.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use time::format_description::well_known::{Iso8601, Rfc3339};
use time::{OffsetDateTime, PrimitiveDateTime};

/// A timestamp field of a model (`created_at`, `updated_at`, `attach_time`, ...): the text the
/// server sent and, when it could be read, its value.
///
/// The references mix `2017-10-27T12:44:04.000+03:00`, `2018-04-25T09:42:26.410Z` and
/// offset-less `2017-11-10T09:56:44.951817`: all are read, each keeping its offset, and an
/// offset-less one is read as UTC. A text that is not such a timestamp does not fail the
/// response: [`value`](Self::value) is then `None` and [`as_str`](Self::as_str) still has it.
/// Serialised back (JSON, `to_dict()`, pickling) as the text the server sent.
///
/// In Python the field is a timezone-aware `datetime.datetime` (microseconds; an offset-less
/// text gets `timezone.utc`), or the `str` the server sent when it could not be read.
///
/// ```
/// use vpsclient::Timestamp;
///
/// let t = Timestamp::new("2017-10-27T12:44:04.000+03:00");
/// assert_eq!(t.value().unwrap().offset().whole_hours(), 3);
/// assert!(Timestamp::new("2017-11-10T09:56:44.951817").value().unwrap().offset().is_utc());
/// let odd = Timestamp::new("last Tuesday");
/// assert_eq!((odd.value(), odd.as_str()), (None, "last Tuesday"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    raw: String,
    parsed: Option<OffsetDateTime>,
}

impl Timestamp {
    /// Reads `text` as a server's timestamp; never fails (see [`value`](Self::value)).
    pub fn new(text: impl Into<String>) -> Self {
        let raw = text.into();
        let parsed = parse(&raw);
        Timestamp { raw, parsed }
    }

    /// The point in time, with the offset the server wrote (UTC when it wrote none), or `None`
    /// when the text could not be read as a timestamp.
    pub fn value(&self) -> Option<OffsetDateTime> {
        self.parsed
    }

    /// The text as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

/// RFC 3339 first (what the servers send nearly always), then ISO 8601 without an offset
/// (read as UTC) or with another spelling of it.
fn parse(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| PrimitiveDateTime::parse(text, &Iso8601::DEFAULT).map(|t| t.assume_utc()))
        .or_else(|_| OffsetDateTime::parse(text, &Iso8601::DEFAULT))
        .ok()
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Timestamp::new(text)
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp::new(text)
    }
}

impl fmt::Display for Timestamp {
    /// The text as the server sent it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parsed {
            Some(_) => write!(f, "Timestamp({:?})", self.raw),
            None => write!(f, "Timestamp({:?}, unreadable)", self.raw),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
                Ok(Timestamp::new(text))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Timestamp, E> {
                Ok(Timestamp::new(text))
            }
        }
        deserializer.deserialize_str(Text)
    }
}
