//! Mapping failures and error bodies to the crate's errors, with credentials masked.

use std::time::Duration;

use ureq::http::Method;

use super::Shared;
use crate::error::{ApiError, Error};

/// How many bytes of a body an error message quotes.
pub(super) const EXCERPT_BYTES: usize = 200;

impl Shared {
    /// `text` with every credential replaced by `***`: a server that echoes the key in an
    /// error body must not put it into a message or a log.
    pub(super) fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
        out
    }

    pub(super) fn redact_json(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => *s = self.redact(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.redact_json(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.redact_json(v)),
            _ => {}
        }
    }

    pub(super) fn transport_error(
        &self,
        method: &Method,
        url: &str,
        err: ureq::Error,
        attempts: u32,
        retryable: bool,
    ) -> Error {
        match transport_error(method, url, err, attempts, retryable) {
            Error::Transport {
                method,
                url,
                message,
                attempts,
                retryable,
            } => Error::Transport {
                method,
                url,
                message: self.redact(&message),
                attempts,
                retryable,
            },
            other => other,
        }
    }
}

pub(super) fn request_id(headers: &ureq::http::HeaderMap) -> Option<String> {
    [
        "x-openstack-request-id",
        "x-request-id",
        "x-compute-request-id",
    ]
    .iter()
    .find_map(|name| headers.get(*name))
    .and_then(|v| v.to_str().ok())
    .map(str::to_owned)
}

fn transport_error(
    method: &Method,
    url: &str,
    err: ureq::Error,
    attempts: u32,
    retryable: bool,
) -> Error {
    let method = method.to_string();
    let url = url.to_owned();
    let (timeout, message) = match err {
        ureq::Error::Timeout(which) => (true, format!("the {which} timeout fired")),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => (true, io.to_string()),
        ureq::Error::BodyExceedsLimit(limit) => (
            false,
            format!("the response body is larger than the limit of {limit} bytes"),
        ),
        other => (false, other.to_string()),
    };
    if timeout {
        Error::Timeout {
            method,
            url,
            message,
            attempts,
            retryable,
        }
    } else {
        Error::Transport {
            method,
            url,
            message,
            attempts,
            retryable,
        }
    }
}

/// Reads either provider's error body.
///
/// Joviam sends `{"error": code, "error_description"|"details": ...}`; Tavu sends a message or
/// hint in a few shapes. Anything that is not JSON becomes the message, shortened.
pub(super) fn parse_api_error(
    status: u16,
    method: &str,
    url: &str,
    body: &[u8],
    retry_after: Option<Duration>,
    request_id: Option<String>,
) -> ApiError {
    let mut code = None;
    let mut message = None;
    let mut details = None;
    if let Ok(serde_json::Value::Object(mut obj)) = serde_json::from_slice(body) {
        let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
        match obj.remove("error") {
            Some(serde_json::Value::String(s)) => code = Some(s),
            Some(serde_json::Value::Object(inner)) => {
                message = inner.get("message").and_then(text);
                code = inner.get("code").map(|c| match c {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
            }
            _ => {}
        }
        for key in ["error_description", "message", "hint", "detail"] {
            if message.is_none() {
                message = obj.get(key).and_then(text);
            }
        }
        for key in ["details", "errors", "hint"] {
            if details.is_none() {
                details = obj.remove(key).filter(|v| !v.is_null());
            }
        }
        if message.is_none() {
            message = details.as_ref().map(details_text);
        }
    } else if !body.is_empty() {
        message = Some(excerpt(body));
    }
    // With nothing to say but a code, the status's reason phrase reads better than the code
    // repeated (which `Display` shows anyway).
    let message = message.unwrap_or_else(|| {
        ureq::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("")
            .to_owned()
    });
    ApiError {
        status,
        method: method.to_owned(),
        url: url.to_owned(),
        code,
        message,
        details,
        retry_after,
        request_id,
        attempts: 1,
        location: None,
        retryable: false,
    }
}

/// Details as a message: a string as it is; Joviam's `{"memory": ["must be ..."]}` as
/// `memory: must be ...`; anything else as compact JSON.
fn details_text(details: &serde_json::Value) -> String {
    match details {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(fields) => fields
            .iter()
            .map(|(field, problems)| {
                let problems = match problems {
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", "),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                format!("{field}: {problems}")
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

pub(super) fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(EXCERPT_BYTES)];
    let mut text = String::from_utf8_lossy(cut).trim().to_string();
    if body.len() > EXCERPT_BYTES {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joviam_error_bodies() {
        let e = parse_api_error(
            422,
            "POST",
            "u",
            br#"{"error":"validation_fail","details":{"memory":["must be between 512MB and 64GB"]}}"#,
            None,
            None,
        );
        assert_eq!(e.code.as_deref(), Some("validation_fail"));
        assert_eq!(
            e.details.unwrap()["memory"][0],
            "must be between 512MB and 64GB"
        );
        let e = parse_api_error(
            401,
            "GET",
            "u",
            br#"{"error":"invalid_token","error_description":"The access token expired"}"#,
            None,
            None,
        );
        assert_eq!(e.message, "The access token expired");
        let e = parse_api_error(502, "GET", "u", b"<html>bad gateway</html>", None, None);
        assert_eq!(e.message, "<html>bad gateway</html>");
        let e = parse_api_error(500, "GET", "u", b"", None, None);
        assert_eq!(e.message, "Internal Server Error");
    }
}
