//! The one error type of the crate.

use std::fmt;
use std::time::Duration;

/// Everything that can go wrong when calling a provider.
///
/// API errors (the server answered with a 4xx or 5xx status) have one variant per meaning, each
/// carrying the same [`ApiError`] record; the other variants say why no usable answer came.
/// No variant ever holds the credential.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 400: the request was malformed (Tavu's "hint", Joviam's `bad_request`).
    #[error("bad request: {0}")]
    BadRequest(Box<ApiError>),
    /// 401: the credential is missing, wrong, expired or revoked.
    #[error("authentication failed: {0}")]
    Authentication(Box<ApiError>),
    /// 403: authenticated, but not allowed to do this.
    #[error("permission denied: {0}")]
    PermissionDenied(Box<ApiError>),
    /// 404: the object or the URL does not exist.
    #[error("not found: {0}")]
    NotFound(Box<ApiError>),
    /// 422: the request was well formed but failed validation (Joviam's `validation_fail`).
    #[error("validation failed: {0}")]
    Validation(Box<ApiError>),
    /// 429: the rate limit was hit; [`ApiError::retry_after`] says when to try again.
    #[error("rate limited: {0}")]
    RateLimit(Box<ApiError>),
    /// 5xx: the server failed.
    #[error("server error: {0}")]
    Server(Box<ApiError>),
    /// Any other non-success status (405, 409, ...).
    #[error("API error: {0}")]
    Api(Box<ApiError>),
    /// No usable response came: connection refused or reset, DNS or TLS failure, or a body
    /// over the size limit.
    #[error("transport error: {method} {url}: {message} (after {attempts} attempt(s))")]
    Transport {
        /// HTTP method of the request.
        method: String,
        /// Full URL of the request.
        url: String,
        /// What failed.
        message: String,
        /// How many times the request was tried.
        attempts: u32,
        /// Whether sending the request again is safe and may succeed: true for idempotent
        /// methods, and for POST/PATCH only when no connection was made (so nothing was sent).
        /// False for a body over the size limit.
        retryable: bool,
    },
    /// The request did not complete within the configured timeout.
    #[error("request timed out: {method} {url}: {message} (after {attempts} attempt(s))")]
    Timeout {
        /// HTTP method of the request.
        method: String,
        /// Full URL of the request.
        url: String,
        /// Which timeout fired.
        message: String,
        /// How many times the request was tried.
        attempts: u32,
        /// Whether sending the request again is safe: true for idempotent methods, and for
        /// POST/PATCH only when the timeout fired before a connection was made.
        retryable: bool,
    },
    /// The server answered with a success status but a body that does not match the model.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The client could not be built: no credential, a malformed credential or base URL.
    #[error("configuration error: {0}")]
    Config(String),
    /// An argument given to an operation is not acceptable (an empty ID, a wrong type from Python).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// A waiter gave up: the object did not reach the wanted state in time.
    #[error("timed out after {waited:?} waiting for {resource} {id} to become {wanted}; last state seen: {}", last_state.as_deref().unwrap_or("none"))]
    WaitTimeout {
        /// What was waited on, e.g. `instance`.
        resource: String,
        /// Its ID.
        id: String,
        /// The state waited for (`deleted` when waiting for deletion).
        wanted: String,
        /// The last state seen, if any answer came.
        last_state: Option<String>,
        /// How long the waiter waited.
        waited: std::time::Duration,
    },
    /// A waiter stopped because the object reached a terminal failure state (`error`,
    /// `failed_to_provision`, ...).
    #[error("{resource} {id} reached the failure state {state} while waiting for {wanted}")]
    WaitFailed {
        /// What was waited on, e.g. `instance`.
        resource: String,
        /// Its ID.
        id: String,
        /// The state waited for.
        wanted: String,
        /// The failure state reached.
        state: String,
    },
    /// A wait on several objects: every object that failed or timed out, with its error. The
    /// objects that reached the state are not listed.
    #[error("{} of the objects waited on did not get there: {}", failures.len(), failures.iter().map(|(id, e)| format!("{id}: {e}")).collect::<Vec<_>>().join("; "))]
    WaitMany {
        /// `(id, error)` for each object that failed or timed out.
        failures: Vec<(String, Error)>,
    },
    /// The caller interrupted the call (Ctrl-C in Python): during the exchange, a wait or a
    /// retry pause. Nothing is retried after an interrupt.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// The API error record, when the server answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(e)
            | Error::Authentication(e)
            | Error::PermissionDenied(e)
            | Error::NotFound(e)
            | Error::Validation(e)
            | Error::RateLimit(e)
            | Error::Server(e)
            | Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status of the response that caused the error, if one came.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode(d) => Some(d.status),
            other => other.api().map(|e| e.status),
        }
    }

    /// How many times the failing request was sent (1 when it was not retried); 0 for errors
    /// that involve no request.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Transport { attempts, .. } | Error::Timeout { attempts, .. } => *attempts,
            Error::Decode(_) => 1,
            other => other.api().map_or(0, |e| e.attempts),
        }
    }

    /// Whether sending the same request again is safe and may succeed.
    ///
    /// True only where repeating cannot do something twice: a 429 (the server did not act); a
    /// 5xx, 408, timeout or transport failure of a GET, PUT, DELETE or HEAD; a POST or PATCH
    /// whose connection was never made; a waiter that ran out of time. False for every other
    /// error: a POST that may have reached the server, bodies over the size limit, redirects
    /// that were not followed, bad requests, missing objects and bad arguments.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { retryable, .. } | Error::Timeout { retryable, .. } => *retryable,
            Error::WaitTimeout { .. } => true,
            other => other.api().is_some_and(|e| e.retryable),
        }
    }

    /// Wraps an [`ApiError`] in the variant that matches its status.
    pub(crate) fn from_api(err: ApiError) -> Error {
        let status = err.status;
        let boxed = Box::new(err);
        match status {
            400 => Error::BadRequest(boxed),
            401 => Error::Authentication(boxed),
            403 => Error::PermissionDenied(boxed),
            404 => Error::NotFound(boxed),
            422 => Error::Validation(boxed),
            429 => Error::RateLimit(boxed),
            500..=599 => Error::Server(boxed),
            _ => Error::Api(boxed),
        }
    }
}

/// What the server said when it answered with an error status.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// HTTP method of the request.
    pub method: String,
    /// Full URL of the request (it never holds the credential, which travels in a header).
    pub url: String,
    /// The provider's machine-readable error code, e.g. Joviam's `validation_fail` or
    /// `invalid_token`.
    pub code: Option<String>,
    /// The human-readable message: Joviam's `error_description` or string `details`, Tavu's
    /// message or hint, or the start of a non-JSON body.
    pub message: String,
    /// Structured details: Joviam's field -> messages map for a 422, Tavu's hint.
    pub details: Option<serde_json::Value>,
    /// For a 429, how long the server asked us to wait.
    pub retry_after: Option<Duration>,
    /// The server's request ID (`X-Openstack-Request-Id`, `X-Request-Id`), for support desks.
    pub request_id: Option<String>,
    /// How many times the request was sent before this answer was given up on.
    pub attempts: u32,
    /// For a redirect that was not followed (a 3xx to anything but GET/HEAD, or to another
    /// origin), where the server pointed.
    pub location: Option<String>,
    /// Whether sending the request again is safe and may succeed: a 429 for any method; a
    /// 408 or 5xx only for GET, PUT, DELETE and HEAD.
    pub retryable: bool,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} returned {}", self.method, self.url, self.status)?;
        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(location) = &self.location {
            write!(f, " (Location: {location})")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

/// A success response whose body does not match the expected model.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DecodeError {
    /// HTTP status of the response.
    pub status: u16,
    /// HTTP method of the request.
    pub method: String,
    /// Full URL of the request.
    pub url: String,
    /// Path of the offending field inside the body, e.g. `[0].ports[1].admin_state_up`;
    /// `.` when the body as a whole is wrong.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
    /// The first bytes of the body, lossily decoded, for diagnosis.
    pub excerpt: String,
    /// The server's request ID, when it sent one.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the {} response of {} {} at `{}`: {}; body starts with {:?}",
            self.status, self.method, self.url, self.path, self.message, self.excerpt
        )
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
