//! The one HTTP transport both providers share: connection reuse, auth headers, timeouts,
//! redirects, retries, interrupts, error mapping and decoding of bodies straight into typed
//! results.
//!
//! The rules, in one place:
//! - **Redirects.** A 3xx answer to anything but GET/HEAD is never followed: the call fails
//!   with [`Error::Api`] carrying the status and the `Location`, and the request was sent once.
//!   A GET/HEAD follows at most [`MAX_REDIRECTS`] redirects, only within the same origin
//!   (scheme, host and port), with every header the client sends; a redirect to another origin
//!   is not followed, so nothing reaches that origin.
//! - **Repeating a request.** POST and PATCH are repeated only when no connection was made
//!   for the attempt (refused, DNS failure, connect timeout) or the server answered 429. GET,
//!   PUT, DELETE and HEAD are also repeated after a reset or close before or during the
//!   response, and after a 502, 503 or 504. Always within `max_retries` and one time budget.
//!   [`Error::is_retryable`] says the same thing about the final error.
//! - **Interrupts.** With an interrupt check set (the Python bindings set one), a call made on
//!   the thread the check watches runs the check at least every [`SLEEP_SLICE`] wherever it
//!   is blocked (reading, connecting, looking a name up; see `interrupt.rs`), so Ctrl-C stops
//!   it within about 50 ms. The interrupted exchange's connection is closed, and nothing is
//!   retried.

mod config;
mod decode;
mod errors;
mod exchange;
mod interrupt;
mod resolve;
mod retry;
mod worker;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ureq::http::{HeaderName, HeaderValue, Method, Uri};

use crate::error::{ApiError, DecodeError, Error, Result};

pub(crate) use config::{check_credential, ClientConfig, ProxySetting};
pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_POOL_SIZE,
    DEFAULT_TIMEOUT,
};
pub(crate) use decode::{
    decode_body, decode_empty, decode_field, decode_list, encode_segment, Body, DecodeFailure,
};
use errors::excerpt;

/// Most redirects a GET or HEAD follows (within its origin).
pub const MAX_REDIRECTS: u32 = 5;
/// Longest request URL sent; a longer one is refused before anything goes out (servers answer
/// 414 or drop the connection somewhere above 8 KiB).
pub const MAX_URL_BYTES: usize = 8192;

/// Largest `pool_size` accepted.
pub const MAX_POOL_SIZE: usize = 1024;

/// Largest `max_retries` accepted.
pub const MAX_RETRIES_LIMIT: u32 = 100;

/// Longest uninterrupted sleep or wait: how quickly an interrupt is noticed.
const SLEEP_SLICE: Duration = Duration::from_millis(50);

/// One connection pool, base URL and set of auth headers; cheap to share behind an `Arc`.
pub(crate) struct Transport {
    shared: Arc<Shared>,
    base_url: String,
    max_retries: u32,
    timeout: Duration,
    interrupt: Option<Interrupt>,
}

/// What an exchange needs, shareable with the helper thread of an interruptible call.
struct Shared {
    agent: ureq::Agent,
    headers: Vec<(HeaderName, HeaderValue)>,
    origin: Origin,
    max_response_bytes: u64,
    /// Credential values, masked wherever server text is quoted.
    secrets: Vec<String>,
}

/// How the Python bindings (or any embedder) stop a blocked call.
#[derive(Clone)]
pub(crate) struct Interrupt {
    /// Whether interrupts can reach the calling thread (Python delivers signals to its main
    /// thread only); calls on other threads run inline.
    pub applies: Arc<dyn Fn() -> bool + Send + Sync>,
    /// Asked every [`SLEEP_SLICE`]: true stops the call with [`Error::Interrupted`].
    pub check: Arc<dyn Fn() -> bool + Send + Sync>,
}

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
    body: Body,
    request_id: Option<String>,
}

/// What one attempt (with its same-origin redirect hops) came to.
enum Outcome {
    /// A success status.
    Reply(Reply),
    /// An error status, or a redirect that was not followed.
    Api(ApiError),
    /// No usable response. `connected` says whether a connection was made (a request may
    /// have reached the server).
    Failed { err: ureq::Error, connected: bool },
}

/// Scheme, host and port: what a redirect must keep to be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    fn of(uri: &Uri) -> Option<Origin> {
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let port = uri
            .port_u16()
            .unwrap_or(if scheme == "https" { 443 } else { 80 });
        Some(Origin {
            host: uri.host()?.to_ascii_lowercase(),
            scheme,
            port,
        })
    }
}

impl Transport {
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
        decode: impl FnOnce(Body) -> Result<R, DecodeFailure>,
    ) -> Result<R> {
        let url = format!("{}{}", self.base_url, path);
        if url.len() > MAX_URL_BYTES {
            return Err(Error::InvalidArgument(format!(
                "the request URL would be {} bytes long, over the limit of {MAX_URL_BYTES}: a path parameter is too long (nothing was sent)",
                url.len()
            )));
        }
        let reply = self.send_with_retries(&method, &url, body.map(Arc::from))?;
        // Kept for a failure's excerpt: decoding may free the body as it goes.
        let head = reply.body.head(errors::EXCERPT_BYTES + 1);
        decode(reply.body).map_err(|failure| {
            Error::Decode(Box::new(DecodeError {
                status: reply.status,
                method: method.to_string(),
                url: url.clone(),
                path: failure.path,
                message: failure.message,
                excerpt: self.shared.redact(&excerpt(&head)),
                request_id: reply.request_id,
            }))
        })
    }

    /// Sleeps without holding anything, in short slices, so a Python caller's Ctrl-C stops a
    /// retry pause or a waiter promptly ([`Error::Interrupted`]).
    pub(crate) fn sleep(&self, duration: Duration) -> Result<()> {
        let until = Instant::now() + duration;
        loop {
            if let Some(interrupt) = &self.interrupt {
                if (interrupt.check)() {
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
}
