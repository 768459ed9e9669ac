//! Path parameters in, typed results out: encoding path segments and decoding bodies.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Why a body could not be decoded: the field path and the message.
#[derive(Debug)]
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

/// [`decode_json`] for a whole response body.
pub(crate) fn decode_body<T: DeserializeOwned>(body: Body) -> Result<T, DecodeFailure> {
    decode_json(&body.into_vec())
}

/// For operations documented as answering with an empty body: whatever came is ignored.
pub(crate) fn decode_empty(_body: Body) -> Result<(), DecodeFailure> {
    Ok(())
}

/// Decodes `{"<key>": value, ...}` and returns the value, for operations whose result is one
/// field of a small object (a disk's state, an instance's note).
pub(crate) fn decode_field<T: DeserializeOwned>(
    key: &'static str,
) -> impl FnOnce(Body) -> Result<T, DecodeFailure> {
    move |body| {
        let mut map: serde_json::Map<String, serde_json::Value> = decode_json(&body.into_vec())?;
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

/// Most bytes in one chunk of a [`Body`].
const CHUNK_BYTES: usize = 1 << 17;

/// A response body as read: in chunks of at most [`CHUNK_BYTES`], so that [`decode_list`] can
/// free what it has read past while the list it builds grows.
pub(crate) struct Body {
    chunks: Vec<Vec<u8>>,
}

impl Body {
    /// Reads `reader` to its end (its own limit applies).
    pub(super) fn read(mut reader: impl Read) -> io::Result<Body> {
        let mut chunks: Vec<Vec<u8>> = Vec::new();
        loop {
            // The first chunk grows with what comes (most bodies are small); once one chunk
            // has filled, the next ones are allocated whole.
            let mut chunk = if chunks.is_empty() {
                Vec::new()
            } else {
                Vec::with_capacity(CHUNK_BYTES)
            };
            let n = (&mut reader)
                .take(CHUNK_BYTES as u64)
                .read_to_end(&mut chunk)?;
            if n == 0 {
                break;
            }
            chunks.push(chunk);
        }
        Ok(Body { chunks })
    }

    /// The bytes in one piece.
    pub(crate) fn into_vec(mut self) -> Vec<u8> {
        if self.chunks.len() <= 1 {
            return self.chunks.pop().unwrap_or_default();
        }
        self.chunks.concat()
    }

    /// The first `n` bytes at most.
    pub(super) fn head(&self, n: usize) -> Vec<u8> {
        let mut head = Vec::with_capacity(n);
        for chunk in &self.chunks {
            let want = n - head.len();
            head.extend_from_slice(&chunk[..chunk.len().min(want)]);
            if head.len() == n {
                break;
            }
        }
        head
    }
}

/// Decodes a JSON array into `Vec<T>` one element at a time, freeing each chunk of the body
/// once it has been read past: decoding a 16 MB list needs the list and about one chunk, not
/// the list and the whole body (a third less peak memory for 10,000 instances). A body of
/// one chunk, or one that is not an array, is decoded as [`decode_json`] does.
pub(crate) fn decode_list<T: DeserializeOwned>(body: Body) -> Result<Vec<T>, DecodeFailure> {
    let starts_as_array = body
        .chunks
        .iter()
        .flat_map(|c| c.iter())
        .find(|b| !b.is_ascii_whitespace())
        == Some(&b'[');
    if body.chunks.len() <= 1 || !starts_as_array {
        return decode_body(body);
    }
    let mut chunks: VecDeque<Vec<u8>> = body.chunks.into();
    let mut out = Vec::new();
    // The start of the current element, when it began in an earlier chunk.
    let mut carried: Vec<u8> = Vec::new();
    let mut scan = Scan::default();
    let mut phase = Phase::Open;
    while let Some(chunk) = chunks.pop_front() {
        let bytes = chunk.as_slice();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match phase {
                Phase::Open => {
                    if b == b'[' {
                        phase = Phase::Seek;
                    }
                }
                Phase::Seek => {
                    if b == b']' && out.is_empty() {
                        phase = Phase::Closed;
                    } else if !b.is_ascii_whitespace() {
                        phase = Phase::Element;
                        start = i;
                        scan = Scan::default();
                        continue; // look at this byte again, as part of the element
                    }
                }
                Phase::Element => {
                    // A tight loop to the element's end or the chunk's: this is most bytes.
                    let end = loop {
                        if i >= bytes.len() {
                            break None;
                        }
                        if scan.escaped {
                            scan.escaped = false;
                        } else if scan.in_string {
                            // Strings are most of a body: jump to their next quote or
                            // backslash.
                            match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                                Some(k) => {
                                    i += k;
                                    if bytes[i] == b'"' {
                                        scan.in_string = false;
                                    } else {
                                        scan.escaped = true;
                                    }
                                }
                                None => i = bytes.len(),
                            }
                        } else {
                            match bytes[i] {
                                b'"' => scan.in_string = true,
                                b'{' | b'[' => scan.depth += 1,
                                b'}' | b']' if scan.depth > 0 => scan.depth -= 1,
                                b',' | b']' if scan.depth == 0 => break Some(i),
                                _ => {}
                            }
                        }
                        i += 1;
                    };
                    let Some(end) = end else { break };
                    let element = if carried.is_empty() {
                        &bytes[start..end]
                    } else {
                        carried.extend_from_slice(&bytes[start..end]);
                        carried.as_slice()
                    };
                    out.push(decode_element(element, out.len())?);
                    carried.clear();
                    phase = if bytes[end] == b',' {
                        Phase::Seek
                    } else {
                        Phase::Closed
                    };
                }
                Phase::Closed => {
                    if !b.is_ascii_whitespace() {
                        return Err(DecodeFailure {
                            path: ".".into(),
                            message: "trailing characters after the list".into(),
                        });
                    }
                }
            }
            i += 1;
        }
        if phase == Phase::Element {
            carried.extend_from_slice(&bytes[start..]);
        }
        // `chunk` is dropped here: everything in it has been decoded or carried over.
    }
    if phase != Phase::Closed {
        return Err(DecodeFailure {
            path: ".".into(),
            message: "the body ended inside the list".into(),
        });
    }
    Ok(out)
}

/// Where [`decode_list`] is in the array.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the `[`.
    Open,
    /// Before an element.
    Seek,
    /// Inside an element.
    Element,
    /// After the `]`.
    Closed,
}

/// Enough of a JSON scanner to find where an array element ends: nesting depth, and whether
/// the bytes are inside a string (and just after a backslash there).
#[derive(Default)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

/// One element of a list, with its index in the path of a failure.
fn decode_element<T: DeserializeOwned>(bytes: &[u8], index: usize) -> Result<T, DecodeFailure> {
    decode_json(bytes).map_err(|failure| DecodeFailure {
        path: format!("[{index}]{}", path_suffix(&failure.path)),
        message: failure.message,
    })
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

    /// `text` as a body cut into chunks of `size` bytes.
    fn chunked(text: &str, size: usize) -> Body {
        Body {
            chunks: text.as_bytes().chunks(size).map(<[u8]>::to_vec).collect(),
        }
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Item {
        id: String,
        tags: Vec<String>,
        meta: Option<std::collections::BTreeMap<String, serde_json::Value>>,
    }

    #[test]
    fn lists_decode_the_same_whatever_the_chunks() {
        let text = r#" [ {"id": "a,]\"}{", "tags": ["x", "]", "[,"], "meta": {"n": [1, {"k": "}"}]}},
            {"id":"b","tags":[],"meta":null} ,{"id": "\\", "tags": ["\u005d"], "meta": {}} ] "#;
        let whole: Vec<Item> = serde_json::from_str(text).unwrap();
        assert_eq!(whole.len(), 3);
        for size in [1, 2, 3, 5, 7, 64, text.len()] {
            let list: Vec<Item> = decode_list(chunked(text, size))
                .unwrap_or_else(|f| panic!("chunks of {size}: {} at {}", f.message, f.path));
            assert_eq!(list, whole, "chunks of {size}");
        }
        for empty in ["[]", " [ ] ", "[\n]"] {
            let list: Vec<Item> = decode_list(chunked(empty, 1)).unwrap();
            assert!(list.is_empty());
        }
        let strings: Vec<String> = decode_list(chunked(r#"["a", "b,c", "]"]"#, 2)).unwrap();
        assert_eq!(strings, ["a", "b,c", "]"]);
    }

    #[test]
    fn a_bad_element_is_named_by_its_index_and_field() {
        let text = r#"[{"id": "a", "tags": []}, {"id": "b", "tags": [7]}]"#;
        let failure = decode_list::<Item>(chunked(text, 4)).unwrap_err();
        assert_eq!(failure.path, "[1].tags[0]");
        assert!(
            failure.message.contains("expected a string"),
            "{}",
            failure.message
        );
        let whole = decode_json::<Vec<Item>>(text.as_bytes()).unwrap_err();
        assert_eq!(whole.path, failure.path);
    }

    #[test]
    fn broken_lists_are_decode_failures() {
        for text in [
            r#"[{"id": "a", "tags": []}"#,
            r#"[{"id": "a", "tags": []}, {"id": "#,
            r#"[{"id": "a", "tags": []}] x"#,
            r#"{"id": "a", "tags": []}"#,
            "",
            "[",
        ] {
            assert!(
                decode_list::<Item>(chunked(text, 3)).is_err(),
                "{text:?} was accepted"
            );
        }
    }

    #[test]
    fn bodies_read_in_chunks_keep_every_byte() {
        let data: Vec<u8> = (0..(CHUNK_BYTES * 2 + 17))
            .map(|i| (i % 251) as u8)
            .collect();
        let body = Body::read(&data[..]).unwrap();
        assert_eq!(body.chunks.len(), 3);
        assert_eq!(body.head(5), &data[..5]);
        assert_eq!(body.into_vec(), data);
        let empty = Body::read(&b""[..]).unwrap();
        assert!(empty.head(10).is_empty() && empty.into_vec().is_empty());
    }
}
