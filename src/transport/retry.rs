//! The retry rule: which failures and statuses are repeated, backoff with jitter, and
//! `Retry-After`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ureq::http::Method;

use super::exchange::{log_attempt, without_query};
use super::{Outcome, Reply, Transport};
use crate::error::{Error, Result};

/// Longest wait a `Retry-After` header can impose before a retry.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// First backoff delay; doubles on every further attempt.
const BACKOFF_BASE: Duration = Duration::from_millis(250);

impl Transport {
    pub(super) fn send_with_retries(
        &self,
        method: &Method,
        url: &str,
        body: Option<Arc<[u8]>>,
    ) -> Result<Reply> {
        let started = Instant::now();
        // Retries share one budget of wall time, so a retried call cannot take many timeouts.
        let budget = self
            .timeout
            .saturating_mul(self.max_retries.saturating_add(1));
        let idempotent = is_idempotent(method);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let retries_left = attempt <= self.max_retries;
            let sent = Instant::now();
            let outcome = self.attempt(method, url, &body)?;
            log_attempt(method, url, &outcome, sent.elapsed(), attempt);
            let wait = match outcome {
                Outcome::Reply(reply) => return Ok(reply),
                Outcome::Api(mut api) => {
                    api.attempts = attempt;
                    let wait = api
                        .retry_after
                        .map(|d| d.min(MAX_RETRY_AFTER))
                        .unwrap_or_else(|| backoff(attempt));
                    // 429 means the server did not act; 502-504 are only safe to repeat for
                    // idempotent methods, since a POST may have been carried out.
                    let repeat =
                        api.status == 429 || (idempotent && (502..=504).contains(&api.status));
                    if !(repeat && retries_left && started.elapsed() + wait < budget) {
                        return Err(Error::from_api(api));
                    }
                    wait
                }
                Outcome::Failed { err, connected } => {
                    let wait = backoff(attempt);
                    let repeat = if idempotent {
                        is_transient(&err)
                    } else {
                        // Only when nothing can have been sent.
                        !connected && is_connect_failure(&err)
                    };
                    if !(repeat && retries_left && started.elapsed() + wait < budget) {
                        let retryable = is_safe_to_repeat(&err, idempotent, connected);
                        return Err(self
                            .shared
                            .transport_error(method, url, err, attempt, retryable));
                    }
                    wait
                }
            };
            log::info!(
                target: "vpsclient::retry",
                "retrying {method} {} in {} ms (attempt {} of at most {})",
                without_query(url),
                wait.as_millis(),
                attempt + 1,
                self.max_retries + 1
            );
            self.sleep(wait)?;
        }
    }
}

pub(super) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    )
}

/// `Retry-After` as delay-seconds or as an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); a
/// date in the past means "now".
pub(super) fn parse_retry_after(value: &str) -> Option<Duration> {
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

/// A failure before any connection was made, so nothing can have reached the server.
pub(super) fn is_connect_failure(err: &ureq::Error) -> bool {
    use ureq::Timeout as T;
    match err {
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => true,
        ureq::Error::Timeout(T::Resolve | T::Connect) => true,
        ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::ConnectionRefused,
        _ => false,
    }
}

/// A failure worth repeating for an idempotent method: the connection failed, closed or was
/// reset (a kept-alive connection the server dropped, a reset mid-body). Not timeouts (the
/// time is spent), size limits, TLS or protocol errors (they would fail again).
fn is_transient(err: &ureq::Error) -> bool {
    use std::io::ErrorKind as K;
    match err {
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            K::ConnectionRefused
                | K::ConnectionReset
                | K::ConnectionAborted
                | K::BrokenPipe
                | K::UnexpectedEof
                | K::NotConnected
        ),
        _ => false,
    }
}

/// `retryable` of a failed exchange: repeating is safe for idempotent methods, and for
/// POST/PATCH only when no connection was made. Never for a body over the size limit or a
/// certificate the client does not trust.
fn is_safe_to_repeat(err: &ureq::Error, idempotent: bool, connected: bool) -> bool {
    match err {
        ureq::Error::BodyExceedsLimit(_)
        | ureq::Error::Tls(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::Pem(_)
        | ureq::Error::BadUri(_)
        | ureq::Error::Http(_)
        | ureq::Error::InvalidProxyUrl => false,
        // rustls reports a refused certificate or handshake as invalid data.
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => false,
        _ => idempotent || !connected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
