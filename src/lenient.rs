//! Tolerant readers for the shapes real servers send that a strict model would reject.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

#[derive(Deserialize)]
#[serde(untagged)]
enum BoolOrInt {
    Bool(bool),
    Int(i64),
}

/// A boolean sent as `true`/`false` or as `1`/`0` (Tavu ports send `"admin_state_up": 1`),
/// or `null`.
pub(crate) fn opt_bool_or_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(Option::<BoolOrInt>::deserialize(d)?.map(|v| match v {
        BoolOrInt::Bool(b) => b,
        BoolOrInt::Int(i) => i != 0,
    }))
}

/// A list that the server may send as `null`: read as empty. (A missing list is covered by
/// `#[serde(default)]`.)
pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// The deserializer a model's `Deserialize` reads its declared fields through. Serde's derived
/// code matches each key as usual; the value of a key it does not declare, which it would skip
/// with `deserialize_ignored_any`, is read into `extra` as JSON instead. Nothing is buffered:
/// declared values go straight from the input to their fields.
pub(crate) struct CollectUnknown<'a, D> {
    inner: D,
    extra: &'a mut Map<String, Value>,
}

impl<'a, D> CollectUnknown<'a, D> {
    pub(crate) fn new(inner: D, extra: &'a mut Map<String, Value>) -> Self {
        CollectUnknown { inner, extra }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for CollectUnknown<'_, D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let extra = self.extra;
        self.inner
            .deserialize_struct(name, fields, StructVisitor { visitor, extra })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The derived visitor, given a map that keeps the undeclared keys. Anything else goes to it
/// unchanged, so its errors ("expected struct Instance") stay as they were.
struct StructVisitor<'a, V> {
    visitor: V,
    extra: &'a mut Map<String, Value>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(KeepUnknown {
            map,
            key: None,
            extra: self.extra,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }
}

/// The object's entries: each key is remembered until its value is read, so that a value the
/// derived code skips can be kept under it.
struct KeepUnknown<'a, 'de, A> {
    map: A,
    key: Option<Key<'de>>,
    extra: &'a mut Map<String, Value>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for KeepUnknown<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key::<Key<'de>>()? else {
            return Ok(None);
        };
        let field = match &key {
            Key::Borrowed(s) => seed.deserialize(BorrowedStrDeserializer::new(s))?,
            Key::Owned(s) => seed.deserialize(StrDeserializer::new(s))?,
        };
        self.key = Some(key);
        Ok(Some(field))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let key = self.key.take();
        self.map.next_value_seed(ValueSeed {
            seed,
            key,
            extra: self.extra,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

struct ValueSeed<'a, 'de, S> {
    seed: S,
    key: Option<Key<'de>>,
    extra: &'a mut Map<String, Value>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ValueSeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(SkippedValue {
            inner,
            key: self.key,
            extra: self.extra,
        })
    }
}

/// One entry's value as the derived code reads it: every request goes to the input as it is,
/// except `deserialize_ignored_any` (how it skips an undeclared field), which reads the value
/// into `extra`.
struct SkippedValue<'a, 'de, D> {
    inner: D,
    key: Option<Key<'de>>,
    extra: &'a mut Map<String, Value>,
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for SkippedValue<'_, 'de, D> {
    type Error = D::Error;

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let value = Value::deserialize(self.inner)?;
        if let Some(key) = self.key {
            self.extra.insert(key.into_owned(), value);
        }
        visitor.visit_unit()
    }

    forward! {
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
        deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
        deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
        deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
        deserialize_string(); deserialize_bytes(); deserialize_byte_buf(); deserialize_option();
        deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str); deserialize_seq();
        deserialize_tuple(len: usize); deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// An object key, borrowed from the input when it holds no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn into_owned(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_owned(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(s))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(s))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}
