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
//!   the thread the check watches runs its exchange on a helper thread and polls the check
//!   every [`SLEEP_SLICE`], so Ctrl-C stops it within about 50 ms wherever it is blocked. The
//!   abandoned exchange's connection is never reused for anything else, and nothing is retried.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use ureq::http::{header, HeaderName, HeaderValue, Method, Request, Uri};

use crate::error::{ApiError, DecodeError, Error, Result};

/// Settings shared by both clients' builders.
#[derive(Clone)]
pub(crate) struct ClientConfig {
    pub base_url: String,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_retries: u32,
    pub max_response_bytes: u64,
    pub interrupt: Option<Interrupt>,
    pub proxy: ProxySetting,
    pub ca_bundle: Option<PathBuf>,
    pub system_trust: bool,
    pub pool_size: usize,
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
            proxy: ProxySetting::Environment,
            ca_bundle: None,
            system_trust: false,
            pool_size: DEFAULT_POOL_SIZE,
        }
    }
}

/// Where requests go through: the environment's `*_PROXY` variables, nowhere, or one proxy.
#[derive(Clone, Default)]
pub(crate) enum ProxySetting {
    /// `ALL_PROXY`, `HTTPS_PROXY` or `HTTP_PROXY`, honouring `NO_PROXY`; never for a loopback
    /// base URL.
    #[default]
    Environment,
    /// No proxy at all.
    Off,
    /// This proxy URL (it may hold credentials, so it is never echoed).
    Url(String),
}

/// Default overall timeout of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default cap on the size of a response body (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;
/// Default number of idle connections kept open for reuse: one per thread of a typical thread
/// pool sharing the client.
pub const DEFAULT_POOL_SIZE: usize = 16;
/// Most redirects a GET or HEAD follows (within its origin).
pub const MAX_REDIRECTS: u32 = 5;
/// Longest request URL sent; a longer one is refused before anything goes out (servers answer
/// 414 or drop the connection somewhere above 8 KiB).
pub const MAX_URL_BYTES: usize = 8192;

/// Largest `pool_size` accepted.
pub const MAX_POOL_SIZE: usize = 1024;

/// Largest `max_retries` accepted.
pub const MAX_RETRIES_LIMIT: u32 = 100;

/// Longest wait a `Retry-After` header can impose before a retry.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// First backoff delay; doubles on every further attempt.
const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// Longest uninterrupted sleep or wait: how quickly an interrupt is noticed.
const SLEEP_SLICE: Duration = Duration::from_millis(50);
/// How many bytes of a body an error message quotes.
const EXCERPT_BYTES: usize = 200;
/// Secrets shorter than this are not searched for in server text (they would match by chance).
const MIN_REDACTED_LEN: usize = 4;

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
    body: Vec<u8>,
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

/// Why a body could not be decoded: the field path and the message.
pub(crate) struct DecodeFailure {
    path: String,
    message: String,
}

/// Checks a credential before it goes into a header: printable ASCII without spaces, so it
/// can neither break the header nor be silently re-encoded. The message names the parameter,
/// never the value.
pub(crate) fn check_credential(param: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::Config(format!("{param} must not be empty")));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_graphic()) {
        let what = if bad.is_ascii_whitespace() {
            "white space".to_owned()
        } else if bad.is_ascii_control() {
            "a control character".to_owned()
        } else {
            "a character outside printable ASCII".to_owned()
        };
        return Err(Error::Config(format!(
            "{param} holds {what}; a credential is printable ASCII without spaces (the value is not shown)"
        )));
    }
    Ok(())
}

impl Transport {
    /// Builds the agent. `headers` are sent with every request (auth, team); `secrets` are
    /// the credential values, masked wherever the server's text is quoted.
    pub(crate) fn new(
        config: ClientConfig,
        headers: Vec<(&'static str, String)>,
        secrets: Vec<String>,
    ) -> Result<Self> {
        let (base_url, base_uri) = validate_base_url(&config.base_url)?;
        if config.timeout.is_zero() {
            return Err(Error::Config("timeout must be more than zero".into()));
        }
        if config.connect_timeout.is_zero() {
            return Err(Error::Config(
                "connect_timeout must be more than zero".into(),
            ));
        }
        if config.max_retries > MAX_RETRIES_LIMIT {
            return Err(Error::Config(format!(
                "max_retries must be at most {MAX_RETRIES_LIMIT}, not {}",
                config.max_retries
            )));
        }
        if config.pool_size == 0 || config.pool_size > MAX_POOL_SIZE {
            return Err(Error::Config(format!(
                "pool_size must be between 1 and {MAX_POOL_SIZE}, not {}",
                config.pool_size
            )));
        }
        if config.max_response_bytes == 0 {
            return Err(Error::Config(
                "max_response_bytes must be at least 1 (no response could be read)".into(),
            ));
        }
        let mut header_values = Vec::with_capacity(headers.len());
        for (name, value) in headers {
            let mut hv = HeaderValue::from_str(&value).map_err(|_| {
                // The value is the credential: never echo it.
                Error::Config(format!(
                    "the value for the {name} header holds characters that cannot be sent in an HTTP header"
                ))
            })?;
            hv.set_sensitive(true);
            header_values.push((HeaderName::from_static(name), hv));
        }
        let host = base_uri.host().unwrap_or_default();
        let proxy = match &config.proxy {
            ProxySetting::Off => None,
            ProxySetting::Url(url) => Some(ureq::Proxy::new(url).map_err(|_| {
                Error::Config(
                    "proxy is not a valid proxy URL (http://, https://, socks4:// or socks5://; the value is not shown)"
                        .into(),
                )
            })?),
            ProxySetting::Environment if is_loopback(host) => None,
            ProxySetting::Environment => ureq::Proxy::try_from_env(),
        };
        let agent_config = ureq::Agent::config_builder()
            // We read the provider's error JSON ourselves.
            .http_status_as_error(false)
            // Redirects are ours to follow (see the module docs): ureq would turn a POST into
            // a GET and send custom headers to other hosts.
            .max_redirects(0)
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.connect_timeout))
            .user_agent(concat!("vpsclient/", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .proxy(proxy)
            .tls_config(tls_config(&config)?)
            // One idle connection per thread sharing the client (ureq keeps 3 by default, so
            // 8 threads kept opening new ones: a TLS handshake each over real HTTPS).
            .max_idle_connections_per_host(config.pool_size)
            .max_idle_connections(config.pool_size.max(1) * 4)
            .build();
        Ok(Transport {
            shared: Arc::new(Shared {
                agent: agent_config.new_agent(),
                headers: header_values,
                origin: Origin::of(&base_uri)
                    .ok_or_else(|| Error::Config("base URL has no host".into()))?,
                max_response_bytes: config.max_response_bytes,
                secrets: secrets
                    .into_iter()
                    .filter(|s| s.len() >= MIN_REDACTED_LEN)
                    .collect(),
            }),
            base_url,
            max_retries: config.max_retries,
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
        if url.len() > MAX_URL_BYTES {
            return Err(Error::InvalidArgument(format!(
                "the request URL would be {} bytes long, over the limit of {MAX_URL_BYTES}: a path parameter is too long (nothing was sent)",
                url.len()
            )));
        }
        let reply = self.send_with_retries(&method, &url, body.map(Arc::from))?;
        decode(&reply.body).map_err(|failure| {
            Error::Decode(Box::new(DecodeError {
                status: reply.status,
                method: method.to_string(),
                url: url.clone(),
                path: failure.path,
                message: failure.message,
                excerpt: self.shared.redact(&excerpt(&reply.body)),
                request_id: reply.request_id,
            }))
        })
    }

    fn send_with_retries(
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

    /// One attempt. On a thread the interrupt check watches, the exchange runs on a helper
    /// thread while this one polls the check, so an interrupt is noticed wherever the exchange
    /// is blocked (connect, send, receive). Elsewhere it runs inline.
    fn attempt(&self, method: &Method, url: &str, body: &Option<Arc<[u8]>>) -> Result<Outcome> {
        let Some(interrupt) = self.interrupt.as_ref().filter(|i| (i.applies)()) else {
            return Ok(self.shared.exchange(method, url, body.as_deref()));
        };
        let (tx, rx) = mpsc::sync_channel(1);
        let shared = Arc::clone(&self.shared);
        let (method_owned, url_owned, body_owned) = (method.clone(), url.to_owned(), body.clone());
        let job: Job = Box::new(move || {
            let outcome = shared.exchange(&method_owned, &url_owned, body_owned.as_deref());
            // The receiver is gone when the call was interrupted; the outcome (and with it
            // the connection, unless its body was read to the end) is dropped.
            let _ = tx.send(outcome);
        });
        if let Err(job) = run_on_worker(job) {
            // No thread to be had: run inline, without interrupts.
            drop(job);
            return Ok(self.shared.exchange(method, url, body.as_deref()));
        }
        loop {
            match rx.recv_timeout(SLEEP_SLICE) {
                Ok(outcome) => return Ok(outcome),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if (interrupt.check)() {
                        return Err(Error::Interrupted);
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(Error::Transport {
                        method: method.to_string(),
                        url: url.to_owned(),
                        message: "the request's worker thread stopped unexpectedly".into(),
                        attempts: 1,
                        retryable: false,
                    })
                }
            }
        }
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

/// One DEBUG record per attempt (target `vpsclient::http`, Python logger `vpsclient.http`):
/// method, URL without its query, status or failure, elapsed time, attempt number and the
/// server's request ID. Never a header value or a body.
fn log_attempt(method: &Method, url: &str, outcome: &Outcome, elapsed: Duration, attempt: u32) {
    if !log::log_enabled!(target: "vpsclient::http", log::Level::Debug) {
        return;
    }
    let ms = elapsed.as_secs_f64() * 1000.0;
    let url = without_query(url);
    match outcome {
        Outcome::Reply(reply) => log::debug!(
            target: "vpsclient::http",
            "{method} {url} -> {} in {ms:.1} ms (attempt {attempt}){}",
            reply.status,
            request_id_note(reply.request_id.as_deref())
        ),
        Outcome::Api(api) => log::debug!(
            target: "vpsclient::http",
            "{method} {url} -> {} in {ms:.1} ms (attempt {attempt}){}",
            api.status,
            request_id_note(api.request_id.as_deref())
        ),
        Outcome::Failed { err, .. } => log::debug!(
            target: "vpsclient::http",
            "{method} {url} -> failed in {ms:.1} ms (attempt {attempt}): {}",
            failure_kind(err)
        ),
    }
}

fn request_id_note(id: Option<&str>) -> String {
    id.map(|id| format!(" [request id {id}]"))
        .unwrap_or_default()
}

/// A failure's kind for a log line, without any text the server sent.
fn failure_kind(err: &ureq::Error) -> String {
    match err {
        ureq::Error::Timeout(which) => format!("the {which} timeout fired"),
        ureq::Error::Io(io) => format!("I/O error ({:?})", io.kind()),
        ureq::Error::BodyExceedsLimit(limit) => format!("body over {limit} bytes"),
        ureq::Error::ConnectionFailed => "connection failed".into(),
        ureq::Error::HostNotFound => "host not found".into(),
        _ => "transport error".into(),
    }
}

/// `url` without its query string, for log lines.
fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// Work handed to a helper thread.
type Job = Box<dyn FnOnce() + Send>;

/// Idle helper threads of interruptible calls, most recently used last. Reusing one costs a
/// channel hand-off instead of a thread start (about 40 µs on a busy machine).
static IDLE_WORKERS: std::sync::Mutex<Vec<mpsc::Sender<Job>>> = std::sync::Mutex::new(Vec::new());

/// How long a helper thread waits for more work before it ends.
const WORKER_IDLE: Duration = Duration::from_secs(30);

/// Runs `job` on an idle helper thread, or on a new one; gives the job back if no thread can
/// be started.
fn run_on_worker(job: Job) -> std::result::Result<(), Job> {
    let mut job = job;
    while let Some(worker) = IDLE_WORKERS.lock().ok().and_then(|mut idle| idle.pop()) {
        match worker.send(job) {
            Ok(()) => return Ok(()),
            // That thread has ended (idle too long); try the next one.
            Err(mpsc::SendError(back)) => job = back,
        }
    }
    let (tx, rx) = mpsc::channel::<Job>();
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(job)));
    let first = std::sync::Arc::clone(&slot);
    let started = std::thread::Builder::new()
        .name("vpsclient-call".into())
        .spawn(move || {
            let mut next = first.lock().ok().and_then(|mut j| j.take());
            while let Some(job) = next.take() {
                job();
                match IDLE_WORKERS.lock() {
                    Ok(mut idle) => idle.push(tx.clone()),
                    Err(_) => return,
                }
                next = rx.recv_timeout(WORKER_IDLE).ok();
            }
        });
    match started {
        Ok(_) => Ok(()),
        Err(_) => match slot.lock().ok().and_then(|mut j| j.take()) {
            Some(job) => Err(job),
            None => Ok(()),
        },
    }
}

impl Shared {
    /// One attempt: the request, and for GET/HEAD the same-origin redirects it leads to.
    fn exchange(&self, method: &Method, url: &str, body: Option<&[u8]>) -> Outcome {
        let follows = matches!(*method, Method::GET | Method::HEAD);
        let mut current = url.to_owned();
        let mut hops = 0;
        loop {
            let (status, location, request_id) = match self.send_once(method, &current, body) {
                Ok(Hop::Done(outcome)) => return outcome,
                Ok(Hop::Redirect {
                    status,
                    location,
                    request_id,
                }) => (status, location, request_id),
                Err(err) => {
                    let connected = hops > 0 || !is_connect_failure(&err);
                    return Outcome::Failed { err, connected };
                }
            };
            let target = resolve_location(&current, &location);
            let refusal = if !follows {
                Some(format!(
                    "the server redirected this {method}; only GET and HEAD follow redirects, so it was not followed (the request was sent once)"
                ))
            } else if target.as_ref().and_then(Origin::of).as_ref() != Some(&self.origin) {
                Some(
                    "the server redirected to another origin; redirects are followed only within the base URL's scheme, host and port, so nothing was sent there"
                        .to_owned(),
                )
            } else if hops >= MAX_REDIRECTS {
                Some(format!("more than {MAX_REDIRECTS} redirects in a row"))
            } else {
                None
            };
            match (refusal, target) {
                (None, Some(target)) => {
                    current = target.to_string();
                    hops += 1;
                }
                (refusal, _) => {
                    return Outcome::Api(ApiError {
                        status,
                        method: method.to_string(),
                        url: current,
                        code: None,
                        message: refusal.unwrap_or_default(),
                        details: None,
                        retry_after: None,
                        request_id,
                        attempts: 1,
                        location: Some(self.redact(&strip_userinfo(&location))),
                        retryable: false,
                    })
                }
            }
        }
    }

    /// One HTTP exchange, no redirect followed.
    fn send_once(
        &self,
        method: &Method,
        url: &str,
        body: Option<&[u8]>,
    ) -> Result<Hop, ureq::Error> {
        let mut builder = Request::builder().method(method.clone()).uri(url);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if body.is_some() {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        let request = builder
            .body(body.unwrap_or_default())
            .map_err(ureq::Error::Http)?;
        let mut response = self.agent.run(request)?;
        let status = response.status().as_u16();
        let request_id = request_id(response.headers());
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.max_response_bytes)
            .read_to_vec()?;
        if (200..300).contains(&status) {
            return Ok(Hop::Done(Outcome::Reply(Reply {
                status,
                body: bytes,
                request_id,
            })));
        }
        if let (301 | 302 | 303 | 307 | 308, Some(location)) = (status, location) {
            return Ok(Hop::Redirect {
                status,
                location,
                request_id,
            });
        }
        let mut api = parse_api_error(
            status,
            method.as_str(),
            url,
            &bytes,
            retry_after,
            request_id,
        );
        api.message = self.redact(&api.message);
        if let Some(details) = &mut api.details {
            self.redact_json(details);
        }
        api.retryable =
            status == 429 || (is_idempotent(method) && (status == 408 || status >= 500));
        Ok(Hop::Done(Outcome::Api(api)))
    }

    /// `text` with every credential replaced by `***`: a server that echoes the key in an
    /// error body must not put it into a message or a log.
    fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
        out
    }

    fn redact_json(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => *s = self.redact(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.redact_json(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.redact_json(v)),
            _ => {}
        }
    }

    fn transport_error(
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

/// One hop of an exchange: done, or a redirect to decide on.
enum Hop {
    Done(Outcome),
    Redirect {
        status: u16,
        location: String,
        request_id: Option<String>,
    },
}

fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    )
}

/// Resolves a `Location` against the URL it answered: absolute, scheme-relative (`//host/x`),
/// absolute-path (`/x`) or relative (`x`) references.
fn resolve_location(current: &str, location: &str) -> Option<Uri> {
    let location = location.trim();
    if location.contains("://") {
        return location.parse().ok();
    }
    let base: Uri = current.parse().ok()?;
    let scheme = base.scheme_str()?;
    let authority = base.authority()?.as_str();
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{scheme}://{rest}").parse().ok();
    }
    if location.starts_with('/') {
        return format!("{scheme}://{authority}{location}").parse().ok();
    }
    let dir = base.path().rsplit_once('/').map_or("", |(dir, _)| dir);
    format!("{scheme}://{authority}{dir}/{location}")
        .parse()
        .ok()
}

/// A URL without `user:password@`, for messages.
fn strip_userinfo(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => url.to_owned(),
            }
        }
        None => url.to_owned(),
    }
}

/// The TLS trust: `ca_bundle` (or `REQUESTS_CA_BUNDLE`, or `SSL_CERT_FILE`) when given, the
/// operating system's store when asked, and the bundled Mozilla roots otherwise.
fn tls_config(config: &ClientConfig) -> Result<ureq::tls::TlsConfig> {
    let from_env = || {
        ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"]
            .iter()
            .find_map(|var| {
                std::env::var_os(var)
                    .filter(|v| !v.is_empty())
                    .map(|v| (*var, PathBuf::from(v)))
            })
    };
    let roots = match (&config.ca_bundle, config.system_trust) {
        (Some(_), true) => {
            return Err(Error::Config(
                "ca_bundle and system_trust exclude each other: pick one".into(),
            ))
        }
        (Some(path), false) => {
            ureq::tls::RootCerts::Specific(Arc::new(load_pem_certs("ca_bundle", path)?))
        }
        (None, true) => ureq::tls::RootCerts::PlatformVerifier,
        (None, false) => match from_env() {
            Some((var, path)) => {
                ureq::tls::RootCerts::Specific(Arc::new(load_pem_certs(var, &path)?))
            }
            None => ureq::tls::RootCerts::WebPki,
        },
    };
    Ok(ureq::tls::TlsConfig::builder().root_certs(roots).build())
}

/// Every certificate in a PEM file, or in the files of a folder (as `c_rehash` leaves them).
fn load_pem_certs(param: &str, path: &Path) -> Result<Vec<ureq::tls::Certificate<'static>>> {
    let shown = path.display();
    let files: Vec<PathBuf> = if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| Error::Config(format!("{param}: cannot read the folder {shown}: {e}")))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        files
    } else if path.is_file() {
        vec![path.to_owned()]
    } else {
        return Err(Error::Config(format!(
            "{param}: {shown} is neither a PEM file nor a folder of them"
        )));
    };
    let mut certs = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file)
            .map_err(|e| Error::Config(format!("{param}: cannot read {}: {e}", file.display())))?;
        for item in ureq::tls::parse_pem(&bytes) {
            if let Ok(ureq::tls::PemItem::Certificate(cert)) = item {
                certs.push(cert);
            }
        }
    }
    if certs.is_empty() {
        return Err(Error::Config(format!(
            "{param}: {shown} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    Ok(certs)
}

/// Checks the base URL and returns it without a trailing slash, with its parsed form.
///
/// HTTPS is required unless the host is loopback (local tests and the sandbox), so a typo
/// cannot send the credential in clear text across a network. A URL with user info is refused
/// (credentials travel in headers, and the password would show in every message); messages
/// quote the URL without it.
fn validate_base_url(raw: &str) -> Result<(String, Uri)> {
    let trimmed = raw.trim_end_matches('/');
    let shown = strip_userinfo(trimmed);
    let uri: Uri = trimmed
        .parse()
        .map_err(|e| Error::Config(format!("base_url {shown:?} is not a valid URL: {e}")))?;
    let Some(host) = uri.host().filter(|h| !h.is_empty()) else {
        return Err(Error::Config(format!(
            "base_url {shown:?} is not an absolute URL with a host, such as https://api.example.com/v1"
        )));
    };
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(Error::Config(format!(
            "base_url {shown:?} must not hold user info (user:password@): credentials are passed as api_key/token and sent in headers"
        )));
    }
    if uri.query().is_some() || trimmed.contains('#') {
        return Err(Error::Config(format!(
            "base_url {shown:?} must not carry a query or fragment"
        )));
    }
    match uri.scheme_str().map(str::to_ascii_lowercase).as_deref() {
        Some("https") => {}
        Some("http") if is_loopback(host) => {}
        Some("http") => {
            return Err(Error::Config(format!(
                "base_url {shown:?} uses plain http, which is allowed only for loopback hosts (localhost, 127.0.0.1, ::1): use https"
            )))
        }
        Some(other) => {
            return Err(Error::Config(format!(
                "base_url {shown:?} uses the scheme {other:?}: only https (or http to a loopback host) is supported"
            )))
        }
        None => {
            return Err(Error::Config(format!(
                "base_url {shown:?} has no scheme: start it with https://"
            )))
        }
    }
    Ok((trimmed.to_owned(), uri))
}

/// Longest path parameter accepted, in bytes before encoding.
const MAX_SEGMENT_BYTES: usize = 2048;

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

/// A failure before any connection was made, so nothing can have reached the server.
fn is_connect_failure(err: &ureq::Error) -> bool {
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
        let long = "x".repeat(MAX_SEGMENT_BYTES + 1);
        let err = encode_segment("instance_id", &long).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidArgument(m) if m.contains("instance_id")),
            "{err}"
        );
    }

    #[test]
    fn locations_resolve_against_the_current_url() {
        let r =
            |loc| resolve_location("http://127.0.0.1:9/api/v1/things", loc).map(|u| u.to_string());
        assert_eq!(r("http://h:1/x").as_deref(), Some("http://h:1/x"));
        assert_eq!(r("/other").as_deref(), Some("http://127.0.0.1:9/other"));
        assert_eq!(r("//h2/p").as_deref(), Some("http://h2/p"));
        assert_eq!(
            r("sibling").as_deref(),
            Some("http://127.0.0.1:9/api/v1/sibling")
        );
        assert_eq!(strip_userinfo("https://u:p@h/x@y"), "https://h/x@y");
        assert_eq!(strip_userinfo("/relative"), "/relative");
    }

    #[test]
    fn credentials_are_checked_without_echoing_them() {
        assert!(check_credential("api_key", "abc-123_XYZ").is_ok());
        for bad in ["", "with space", "tab\there", "k\u{e4}y", "line\nbreak"] {
            let err = check_credential("api_key", bad).unwrap_err().to_string();
            assert!(err.contains("api_key"), "{err}");
            if !bad.is_empty() {
                assert!(!err.contains(bad), "{err}");
            }
        }
    }

    #[test]
    fn base_url_rules() {
        assert_eq!(
            validate_base_url("https://api.tavu.io/vps/").unwrap().0,
            "https://api.tavu.io/vps"
        );
        let err = validate_base_url("https://user:hunter22@api.tavu.io/vps")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("user info") && !err.contains("hunter22"),
            "{err}"
        );
        let err = validate_base_url("http://example.com")
            .unwrap_err()
            .to_string();
        assert!(err.contains("plain http"), "{err}");
        assert!(validate_base_url("HTTPS://api.tavu.io").is_ok());
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
