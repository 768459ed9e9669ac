//! The one HTTP transport both providers share: connection reuse, auth headers, timeouts,
//! retries, error mapping and decoding of bodies straight into typed results.

use std::fmt;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use ureq::http::{header, HeaderName, HeaderValue, Method, Request};

use crate::error::{ApiError, DecodeError, Error, Result};

/// Settings shared by both clients' builders.
#[derive(Clone)]
pub(crate) struct ClientConfig {
    pub base_url: String,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_retries: u32,
    pub max_response_bytes: u64,
    pub interrupt: Option<InterruptCheck>,
}

impl ClientConfig {
    pub(crate) fn new(base_url: &str) -> Self {
        ClientConfig {
            base_url: base_url.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            interrupt: None,
        }
    }
}

/// Default overall timeout of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default cap on the size of a response body (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// Longest wait a `Retry-After` header can impose before a retry.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// First backoff delay; doubles on every further attempt.
const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// Longest uninterrupted sleep: how quickly an interrupt is noticed.
const SLEEP_SLICE: Duration = Duration::from_millis(50);
/// How many bytes of a body an error message quotes.
const EXCERPT_BYTES: usize = 200;

/// One connection pool, base URL and set of auth headers; cheap to share behind an `Arc`.
pub(crate) struct Transport {
    agent: ureq::Agent,
    base_url: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    max_retries: u32,
    max_response_bytes: u64,
    timeout: Duration,
    interrupt: Option<InterruptCheck>,
}

/// Asked between slices of every sleep: true stops the call with [`Error::Interrupted`]. The
/// Python bindings use it to honour Ctrl-C.
pub(crate) type InterruptCheck = std::sync::Arc<dyn Fn() -> bool + Send + Sync>;

impl fmt::Debug for Transport {
    // Hand-written so the auth headers can never be printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.base_url)
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// A response that arrived with a success status, before decoding.
struct Reply {
    status: u16,
    body: Vec<u8>,
    request_id: Option<String>,
}

/// Why a body could not be decoded: the field path and the message.
pub(crate) struct DecodeFailure {
    path: String,
    message: String,
}

impl Transport {
    /// Builds the agent. `headers` are sent with every request (auth, team); their values are
    /// validated here so a credential holding CR or LF is refused before anything is sent.
    pub(crate) fn new(config: ClientConfig, headers: Vec<(&'static str, String)>) -> Result<Self> {
        let base_url = validate_base_url(&config.base_url)?;
        let mut header_values = Vec::with_capacity(headers.len());
        for (name, value) in headers {
            let mut hv = HeaderValue::from_str(&value).map_err(|_| {
                // The value is the credential: never echo it.
                Error::Config(format!(
                    "the value for the {name} header holds characters that cannot be sent in an HTTP header (such as CR or LF)"
                ))
            })?;
            hv.set_sensitive(true);
            header_values.push((HeaderName::from_static(name), hv));
        }
        let agent_config = ureq::Agent::config_builder()
            // We read the provider's error JSON ourselves.
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .user_agent(concat!("vpsclient/", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .build();
        Ok(Transport {
            agent: agent_config.new_agent(),
            base_url,
            headers: header_values,
            max_retries: config.max_retries,
            max_response_bytes: config.max_response_bytes,
            timeout: config.timeout,
            interrupt: config.interrupt,
        })
    }

    /// The base URL every path is appended to.
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends one operation and decodes its success body with `decode`.
    ///
    /// `path` is relative to the base URL and already percent-encoded; `body` is serialised JSON.
    pub(crate) fn call<R>(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        decode: impl Fn(&[u8]) -> Result<R, DecodeFailure>,
    ) -> Result<R> {
        let url = format!("{}{}", self.base_url, path);
        let reply = self.send_with_retries(&method, &url, body)?;
        decode(&reply.body).map_err(|failure| {
            Error::Decode(Box::new(DecodeError {
                status: reply.status,
                method: method.to_string(),
                url: url.clone(),
                path: failure.path,
                message: failure.message,
                excerpt: excerpt(&reply.body),
                request_id: reply.request_id,
            }))
        })
    }

    fn send_with_retries(
        &self,
        method: &Method,
        url: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Reply> {
        let started = Instant::now();
        // Retries share one budget of wall time, so a retried call cannot take many timeouts.
        let budget = self.timeout * (self.max_retries + 1);
        let idempotent = matches!(
            *method,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD
        );
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let retries_left = attempt <= self.max_retries;
            let wait = match self.send_once(method, url, body.as_deref()) {
                Ok(Ok(reply)) => return Ok(reply),
                Ok(Err(mut api)) => {
                    api.attempts = attempt;
                    // 429 means the server did not act; 502-504 are only safe to repeat for
                    // idempotent methods, since a POST may have been carried out.
                    let retryable =
                        api.status == 429 || (idempotent && matches!(api.status, 502..=504));
                    let wait = api
                        .retry_after
                        .map(|d| d.min(MAX_RETRY_AFTER))
                        .unwrap_or_else(|| backoff(attempt));
                    if !(retryable && retries_left && started.elapsed() + wait < budget) {
                        return Err(Error::from_api(api));
                    }
                    wait
                }
                Err(err) => {
                    // A connection that was never made carried no request: safe for any method.
                    let wait = backoff(attempt);
                    if !(is_connect_failure(&err)
                        && retries_left
                        && started.elapsed() + wait < budget)
                    {
                        return Err(transport_error(method, url, err, attempt));
                    }
                    wait
                }
            };
            self.sleep(wait)?;
        }
    }

    /// Sleeps without holding anything, in short slices, so a Python caller's Ctrl-C stops a
    /// retry pause or a waiter promptly ([`Error::Interrupted`]).
    pub(crate) fn sleep(&self, duration: Duration) -> Result<()> {
        let until = Instant::now() + duration;
        loop {
            if let Some(interrupted) = &self.interrupt {
                if interrupted() {
                    return Err(Error::Interrupted);
                }
            }
            let now = Instant::now();
            if now >= until {
                return Ok(());
            }
            std::thread::sleep((until - now).min(SLEEP_SLICE));
        }
    }

    /// One HTTP exchange. The outer `Result` is the transport; the inner one is success status
    /// versus error status.
    fn send_once(
        &self,
        method: &Method,
        url: &str,
        body: Option<&[u8]>,
    ) -> Result<Result<Reply, ApiError>, ureq::Error> {
        let mut builder = Request::builder().method(method.clone()).uri(url);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        let request = builder
            .body(body.unwrap_or_default().to_vec())
            .map_err(ureq::Error::Http)?;
        let mut response = self.agent.run(request)?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()?;
        if (200..300).contains(&status) {
            return Ok(Ok(Reply {
                status,
                body: bytes,
                request_id,
            }));
        }
        Ok(Err(parse_api_error(
            status,
            method.as_str(),
            url,
            &bytes,
            retry_after,
            request_id,
        )))
    }
}

/// Checks the base URL and returns it without a trailing slash.
///
/// HTTPS is required unless the host is loopback (local tests and the sandbox), so a typo
/// cannot send the credential in clear text across a network.
fn validate_base_url(raw: &str) -> Result<String> {
    let trimmed = raw.trim_end_matches('/');
    let uri: ureq::http::Uri = trimmed
        .parse()
        .map_err(|e| Error::Config(format!("base URL {trimmed:?} is not a valid URL: {e}")))?;
    let host = uri
        .host()
        .ok_or_else(|| Error::Config(format!("base URL {trimmed:?} has no host")))?;
    if uri.query().is_some() || trimmed.contains('#') {
        return Err(Error::Config(format!(
            "base URL {trimmed:?} must not carry a query or fragment"
        )));
    }
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if is_loopback(host) => {}
        Some("http") => {
            return Err(Error::Config(format!(
            "base URL {trimmed:?} must use https (plain http is allowed only for loopback hosts)"
        )))
        }
        _ => {
            return Err(Error::Config(format!(
                "base URL {trimmed:?} must start with https://"
            )))
        }
    }
    Ok(trimmed.to_owned())
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

/// Percent-encodes one path parameter so it stays one segment: `/`, `?`, `#`, `%` and every
/// other byte outside the unreserved set are escaped, and a segment of only dots (`.`, `..`)
/// has its dots escaped so no URL normaliser can treat it as a relative step.
pub(crate) fn encode_segment(name: &str, value: &dyn fmt::Display) -> Result<String> {
    let raw = value.to_string();
    if raw.is_empty() {
        return Err(Error::InvalidArgument(format!("{name} must not be empty")));
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
pub(crate) fn decode_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeFailure> {
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

fn request_id(headers: &ureq::http::HeaderMap) -> Option<String> {
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

/// `Retry-After` as delay-seconds or as an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); a
/// date in the past means "now".
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Parses the IMF-fixdate form of RFC 9110 (the only one servers may send) into Unix seconds.
fn parse_http_date(value: &str) -> Option<u64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let rest = value.split_once(", ")?.1;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u64
        + 1;
    let year: u64 = year.parse().ok()?;
    let hms: Vec<u64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || year < 1970 || *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm), for years from 1970.
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// Exponential backoff with jitter: 250 ms, 500 ms, 1 s, ... each scaled by a random factor
/// in [0.5, 1.0) so many clients do not retry in lockstep.
fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_BASE * 2u32.saturating_pow(attempt.saturating_sub(1).min(10));
    base.mul_f64(0.5 + jitter() / 2.0)
}

/// A number in [0, 1) from the standard library's randomly keyed hasher; good enough to spread
/// retries, and needs no random-number crate.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

fn is_connect_failure(err: &ureq::Error) -> bool {
    match err {
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => true,
        ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::ConnectionRefused,
        _ => false,
    }
}

fn transport_error(method: &Method, url: &str, err: ureq::Error, attempts: u32) -> Error {
    let method = method.to_string();
    let url = url.to_owned();
    match err {
        ureq::Error::Timeout(which) => Error::Timeout {
            method,
            url,
            message: format!("the {which} timeout fired"),
            attempts,
        },
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Error::Timeout {
            method,
            url,
            message: io.to_string(),
            attempts,
        },
        ureq::Error::BodyExceedsLimit(limit) => Error::Transport {
            method,
            url,
            message: format!("the response body is larger than the limit of {limit} bytes"),
            attempts,
        },
        other => Error::Transport {
            method,
            url,
            message: other.to_string(),
            attempts,
        },
    }
}

/// Reads either provider's error body.
///
/// Joviam sends `{"error": code, "error_description"|"details": ...}`; Tavu sends a message or
/// hint in a few shapes. Anything that is not JSON becomes the message, shortened.
fn parse_api_error(
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

fn excerpt(body: &[u8]) -> String {
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
    fn segments_stay_single_segments() {
        let enc = |s: &str| encode_segment("id", &s).unwrap();
        assert_eq!(enc("my key/with ?#%"), "my%20key%2Fwith%20%3F%23%25");
        assert_eq!(enc("../x"), "..%2Fx");
        assert_eq!(enc(".."), "%2E%2E");
        assert_eq!(enc("v1.2"), "v1.2");
        assert_eq!(enc("ä"), "%C3%A4");
        assert!(encode_segment("id", &"").is_err());
    }

    #[test]
    fn base_url_rules() {
        assert_eq!(
            validate_base_url("https://api.tavu.io/vps/").unwrap(),
            "https://api.tavu.io/vps"
        );
        assert!(validate_base_url("http://127.0.0.1:8080").is_ok());
        assert!(validate_base_url("http://localhost:1/api").is_ok());
        assert!(validate_base_url("http://[::1]:1").is_ok());
        assert!(validate_base_url("http://example.com").is_err());
        assert!(validate_base_url("ftp://example.com").is_err());
        assert!(validate_base_url("not a url").is_err());
        assert!(validate_base_url("https://x.io/?a=b").is_err());
    }

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

    #[test]
    fn retry_after_as_seconds_or_http_date() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784111777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2028 12:00:00 GMT"),
            Some(1835438400)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 CET"), None);
    }

    #[test]
    fn backoff_grows_with_jitter() {
        for attempt in 1..5 {
            let full = BACKOFF_BASE * 2u32.pow(attempt - 1);
            let d = backoff(attempt);
            assert!(d >= full / 2 && d < full, "{d:?} for attempt {attempt}");
        }
    }
}
