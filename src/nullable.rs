//! A three-state field for request bodies: left out, sent as `null`, or sent with a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A request field that can be left out, cleared with an explicit JSON `null`, or set.
///
/// Some fields can be cleared on the server by sending `null` (a Tavu subnet's `gateway_ip`, a
/// Joviam IP address's `name`, a network's `gateway`). `Option` cannot tell "leave it alone" from
/// "clear it", so those fields use `Nullable`:
///
/// ```
/// use vpsclient::Nullable;
/// let keep: Nullable<String> = Nullable::Absent;          // not sent at all
/// let clear: Nullable<String> = Nullable::Null;           // sent as null
/// let set: Nullable<String> = "10.0.0.1".into();          // sent as "10.0.0.1"
/// assert!(keep.is_absent() && clear.is_null() && set.value().is_some());
/// ```
///
/// Defaults to `Absent`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not sent: the server keeps its current value.
    #[default]
    Absent,
    /// Sent as JSON `null`: the server clears the value.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// True when the field is left out of the request.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// True when the field is sent as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, when one is set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `Some(v)` sets the value, `None` clears it (sends `null`).
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Absent fields are skipped by `skip_serializing_if`; serialising one anyway means
            // "no value", which JSON can only say as null.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
            Nullable::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A missing field never reaches here (`#[serde(default)]` makes it Absent).
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

/// A request field that may be left out of the body: `Option` and [`Nullable`].
pub(crate) trait Omittable {
    fn is_omitted(&self) -> bool;
}

impl<T> Omittable for Option<T> {
    fn is_omitted(&self) -> bool {
        self.is_none()
    }
}

impl<T> Omittable for Nullable<T> {
    fn is_omitted(&self) -> bool {
        self.is_absent()
    }
}
