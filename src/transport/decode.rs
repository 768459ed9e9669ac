//! Path parameters in, typed results out: encoding path segments and decoding bodies.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Why a body could not be decoded: the field path and the message.
pub(crate) struct DecodeFailure {
    pub(super) path: String,
    pub(super) message: String,
}

/// Longest path parameter accepted, in bytes before encoding.
const MAX_SEGMENT_BYTES: usize = 2048;

/// Percent-encodes one path parameter so it stays one segment: `/`, `?`, `#`, `%` and every
/// other byte outside the unreserved set are escaped, and a segment of only dots (`.`, `..`)
/// has its dots escaped so no URL normaliser can treat it as a relative step.
pub(crate) fn encode_segment(name: &str, value: &dyn fmt::Display) -> Result<String> {
    let raw = value.to_string();
    if raw.is_empty() {
        return Err(Error::InvalidArgument(format!("{name} must not be empty")));
    }
    if raw.len() > MAX_SEGMENT_BYTES {
        return Err(Error::InvalidArgument(format!(
            "{name} is {} bytes long, over the limit of {MAX_SEGMENT_BYTES} for a path parameter (nothing was sent)",
            raw.len()
        )));
    }
    let all_dots = raw.bytes().all(|b| b == b'.');
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~');
        if unreserved || (b == b'.' && !all_dots) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(out)
}

/// Decodes a JSON body straight into `T`, naming the failing field's path.
///
/// The fast path is plain `serde_json`; only a body that fails is decoded a second time with
/// path tracking, to say where (tracking every field costs about 40% on large lists).
pub(crate) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeFailure> {
    if let Ok(value) = serde_json::from_slice(bytes) {
        return Ok(value);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeFailure {
            path: ".".into(),
            message: "the body is empty, but a JSON value was expected".into(),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| DecodeFailure {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    de.end().map_err(|e| DecodeFailure {
        path: ".".into(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// For operations documented as answering with an empty body: whatever came is ignored.
pub(crate) fn decode_empty(_bytes: &[u8]) -> Result<(), DecodeFailure> {
    Ok(())
}

/// Decodes `{"<key>": value, ...}` and returns the value, for operations whose result is one
/// field of a small object (a disk's state, an instance's note).
pub(crate) fn decode_field<T: DeserializeOwned>(
    key: &'static str,
) -> impl Fn(&[u8]) -> Result<T, DecodeFailure> {
    move |bytes| {
        let mut map: serde_json::Map<String, serde_json::Value> = decode_json(bytes)?;
        let value = map.remove(key).ok_or_else(|| DecodeFailure {
            path: key.into(),
            message: format!("missing field `{key}`"),
        })?;
        serde_path_to_error::deserialize(value).map_err(|e| DecodeFailure {
            path: format!("{key}{}", path_suffix(&e.path().to_string())),
            message: e.inner().to_string(),
        })
    }
}

fn path_suffix(path: &str) -> String {
    if path == "." {
        String::new()
    } else if path.starts_with('[') {
        path.to_owned()
    } else {
        format!(".{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_stay_single_segments() {
        let enc = |s: &str| encode_segment("id", &s).unwrap();
        assert_eq!(enc("my key/with ?#%"), "my%20key%2Fwith%20%3F%23%25");
        assert_eq!(enc("../x"), "..%2Fx");
        assert_eq!(enc(".."), "%2E%2E");
        assert_eq!(enc("v1.2"), "v1.2");
        assert_eq!(enc("ä"), "%C3%A4");
        assert!(encode_segment("id", &"").is_err());
        let long = "x".repeat(MAX_SEGMENT_BYTES + 1);
        let err = encode_segment("instance_id", &long).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument(m) if m.contains("instance_id")),
            "{err}"
        );
    }
}
