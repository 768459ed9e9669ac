//! Tolerant readers for the shapes real servers send that a strict model would reject.

use serde::{Deserialize, Deserializer};

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
