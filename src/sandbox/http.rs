//! The sandbox's view of HTTP: a parsed request, a reply, and the helpers every route uses to
//! read bodies and answer in each provider's error format. The HTTP protocol itself is
//! tiny_http's.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// One request, as the routes see it.
pub(crate) struct Req {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path segments after the provider prefix, percent-decoded (`/tavu/a/b%20c` gives
    /// `["a", "b c"]`).
    pub segments: Vec<String>,
    /// The raw body.
    pub body: Vec<u8>,
}

impl Req {
    /// The method as `&str`.
    pub fn method(&self) -> &str {
        &self.method
    }
}

/// One answer.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    /// JSON body; `None` answers with an empty body.
    pub body: Option<Vec<u8>>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// `status` with `value` as its JSON body.
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Reply {
        Reply {
            status,
            body: Some(serde_json::to_vec(value).expect("sandbox models serialise")),
            headers: Vec::new(),
        }
    }

    /// `status` with an empty body (Tavu's deletes and actions).
    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            body: None,
            headers: Vec::new(),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// A Tavu error answer: `{"message": ...}` with the status the Tavu reference lists (400 with
/// a hint for malformed requests, 401, 403, 404, 429, 500).
pub(crate) fn tavu_error(status: u16, message: impl Into<String>) -> Reply {
    Reply::json(status, &serde_json::json!({ "message": message.into() }))
}

/// A Joviam error answer: `{"error": code}` plus `details` (a string for 400, a field ->
/// messages map for 422) or `error_description` (401), as the Joviam reference lists them.
pub(crate) fn joviam_error(status: u16, code: &str, details: Option<serde_json::Value>) -> Reply {
    let mut body = serde_json::json!({ "error": code });
    if let Some(details) = details {
        let key = if status == 401 {
            "error_description"
        } else {
            "details"
        };
        body[key] = details;
    }
    Reply::json(status, &body)
}

/// Joviam's 422: `{"error": "validation_fail", "details": {field: [message]}}`.
pub(crate) fn joviam_invalid(field: &str, message: &str) -> Reply {
    joviam_error(
        422,
        "validation_fail",
        Some(serde_json::json!({ field: [message] })),
    )
}

/// Why a body could not be read: the field (if one is to blame) and the message.
pub(crate) struct BodyError {
    pub field: Option<String>,
    pub message: String,
    /// True when the body is not JSON at all (a 400 for both providers), false when it is JSON
    /// of the wrong shape (Tavu 400, Joviam 422).
    pub malformed: bool,
}

/// Reads a JSON body into a request type (the client's own request structs, which refuse
/// unknown fields and nulls where a field cannot be cleared).
pub(crate) fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
    let value: serde_json::Value =
        serde_json::from_slice(if body.is_empty() { b"{}" } else { body }).map_err(|e| {
            BodyError {
                field: None,
                message: format!("the body is not valid JSON: {e}"),
                malformed: true,
            }
        })?;
    from_value(value)
}

/// Reads `{"<key>": {...}}` (Tavu's wrapped bodies) into a request type.
pub(crate) fn parse_wrapped<T: DeserializeOwned>(body: &[u8], key: &str) -> Result<T, BodyError> {
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| BodyError {
        field: None,
        message: format!("the body is not valid JSON: {e}"),
        malformed: true,
    })?;
    match value.get_mut(key).map(serde_json::Value::take) {
        Some(inner @ serde_json::Value::Object(_)) => from_value(inner),
        _ => Err(BodyError {
            field: Some(key.to_owned()),
            message: format!("the body must be an object {{\"{key}\": {{...}}}}"),
            malformed: false,
        }),
    }
}

fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, BodyError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        // serde names a missing field only in its message: "missing field `name`".
        let field = if path == "." {
            message
                .split('`')
                .nth(1)
                .filter(|_| message.starts_with("missing field"))
                .map(str::to_owned)
        } else {
            Some(path)
        };
        BodyError {
            field,
            message,
            malformed: false,
        }
    })
}

impl BodyError {
    /// The Tavu answer: 400 with the problem as the hint.
    pub fn tavu(&self) -> Reply {
        match &self.field {
            Some(field) => tavu_error(400, format!("{field}: {}", self.message)),
            None => tavu_error(400, self.message.clone()),
        }
    }

    /// The Joviam answer: 400 `bad_request` for a body that is not JSON, 422
    /// `validation_fail` naming the field otherwise.
    pub fn joviam(&self) -> Reply {
        if self.malformed {
            return joviam_error(400, "bad_request", Some(self.message.clone().into()));
        }
        let field = self.field.clone().unwrap_or_else(|| "base".into());
        let message = if self.message.starts_with("missing field") {
            "can't be blank".to_owned()
        } else {
            self.message.clone()
        };
        joviam_invalid(&field, &message)
    }
}

/// Decodes `%XX` escapes in one path segment.
pub(crate) fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("%2E%2E"), "..");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
