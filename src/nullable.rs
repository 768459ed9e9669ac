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

/// Reads an optional request field that is present in the JSON (from Python keyword
/// arguments, or a request the sandbox receives). A `Nullable` takes `null` as "clear it"; an
/// `Option` refuses `null`, because such a field cannot be cleared and quietly dropping the
/// caller's `None` would hide a mistake.
pub(crate) trait PresentField<'de>: Sized {
    fn deserialize_present<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl<'de, T: Deserialize<'de>> PresentField<'de> for Option<T> {
    fn deserialize_present<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Option::<T>::deserialize(deserializer)? {
            Some(value) => Ok(Some(value)),
            None => Err(serde::de::Error::custom(
                "null (None) is not accepted: this field cannot be cleared; leave it out to keep the current value",
            )),
        }
    }
}

impl<'de, T: Deserialize<'de>> PresentField<'de> for Nullable<T> {
    fn deserialize_present<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Nullable::deserialize(deserializer)
    }
}

/// `deserialize_with` target of every optional request field.
pub(crate) fn deserialize_present<'de, D, F>(deserializer: D) -> Result<F, D::Error>
where
    D: Deserializer<'de>,
    F: PresentField<'de>,
{
    F::deserialize_present(deserializer)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tavu::UpdateSubnet;

    #[test]
    fn present_fields_read_null_only_where_it_clears() {
        let clear: UpdateSubnet = serde_json::from_str(r#"{"gateway_ip": null}"#).unwrap();
        assert_eq!(clear.gateway_ip, Nullable::Null);
        assert_eq!(
            serde_json::to_string(&clear).unwrap(),
            r#"{"gateway_ip":null}"#
        );
        let omitted: UpdateSubnet = serde_json::from_str("{}").unwrap();
        assert_eq!(omitted.gateway_ip, Nullable::Absent);
        assert_eq!(serde_json::to_string(&omitted).unwrap(), "{}");
        let refused = serde_json::from_str::<UpdateSubnet>(r#"{"description": null}"#).unwrap_err();
        assert!(
            refused.to_string().contains("cannot be cleared"),
            "{refused}"
        );
        let unknown = serde_json::from_str::<UpdateSubnet>(r#"{"descripton": "x"}"#).unwrap_err();
        assert!(unknown.to_string().contains("unknown field"), "{unknown}");
    }
}
