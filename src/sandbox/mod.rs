//! An offline sandbox of both clouds: a local, stateful simulator of the Tavu.io and Joviam
//! APIs that the clients talk to over real HTTP on loopback.
//!
//! ```
//! # #[cfg(feature = "sandbox")] {
//! use vpsclient::sandbox::Sandbox;
//! use vpsclient::tavu::CreateNetwork;
//!
//! let sandbox = Sandbox::start()?;
//! let tavu = sandbox.tavu_client()?;
//! let network = tavu.networks().create(&CreateNetwork::new("lab"))?;
//! assert_eq!(tavu.networks().get(&network.id)?.name, "lab");
//! let joviam = sandbox.joviam_client()?;
//! assert!(!joviam.regions().list()?.is_empty());
//! # }
//! # Ok::<_, vpsclient::Error>(())
//! ```
//!
//! State lives in memory and dies with the sandbox. IDs are fresh UUIDs (integers where the
//! references use integers), timestamps are real, and lifecycles move on their own: a Tavu
//! instance is `building` for [`SandboxBuilder::build_delay`] and then `active`. Errors come
//! back as the references give them: 401 for a wrong credential, 404 for unknown IDs, Tavu 400
//! and Joviam 422 for invalid input, 429 past [`SandboxBuilder::rate_limit`].

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::{JoviamClient, TavuClient};

mod faults;
mod fresh;
mod http;
mod journal;
mod joviam;
mod route;
mod schedule;
mod server;
pub mod state;
mod tavu;

pub use faults::{Fault, FaultEffect};
pub use journal::JournalEntry;

use http::{Reply, Req};
use server::{Action, Incoming, Outcome, Server};

/// The Tavu API key the sandbox accepts unless told otherwise.
pub const SANDBOX_TAVU_KEY: &str = "sandbox-api-key";
/// The Joviam access token the sandbox accepts unless told otherwise.
pub const SANDBOX_JOVIAM_TOKEN: &str = "sandbox-token";

/// Settings every route can read.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// How long asynchronous work takes (a build, a start, a resize).
    pub build_delay: Duration,
}

/// All simulated state, behind one lock.
pub(crate) struct World {
    tavu: tavu::TavuWorld,
    joviam: joviam::JoviamWorld,
    settings: Settings,
    recent: VecDeque<Instant>,
    faults: faults::Faults,
    journal: journal::Journal,
}

/// Configures a [`Sandbox`].
#[derive(Clone)]
pub struct SandboxBuilder {
    port: u16,
    build_delay: Duration,
    rate_limit: Option<u32>,
    tavu_key: String,
    joviam_token: String,
    faults: Vec<Fault>,
    state: Option<serde_json::Value>,
}

impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("port", &self.port)
            .field("build_delay", &self.build_delay)
            .field("rate_limit", &self.rate_limit)
            .field("faults", &self.faults)
            .field("state", &self.state.as_ref().map(|_| "..."))
            .finish_non_exhaustive()
    }
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            port: 0,
            build_delay: Duration::from_millis(500),
            rate_limit: None,
            tavu_key: SANDBOX_TAVU_KEY.into(),
            joviam_token: SANDBOX_JOVIAM_TOKEN.into(),
            faults: Vec::new(),
            state: None,
        }
    }
}

impl SandboxBuilder {
    /// The port on 127.0.0.1 to listen on. Defaults to 0: an ephemeral port.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// How long asynchronous work takes: building an instance, starting or stopping one,
    /// provisioning a disk. Defaults to 500 ms.
    pub fn build_delay(mut self, delay: Duration) -> Self {
        self.build_delay = delay;
        self
    }

    /// Answer 429 (with `Retry-After: 1`) once more than this many requests arrive within one
    /// second. Defaults to no limit.
    pub fn rate_limit(mut self, requests_per_second: u32) -> Self {
        self.rate_limit = Some(requests_per_second);
        self
    }

    /// The Tavu API key accepted; any other gets 401. Defaults to [`SANDBOX_TAVU_KEY`].
    pub fn tavu_key(mut self, key: impl Into<String>) -> Self {
        self.tavu_key = key.into();
        self
    }

    /// The Joviam token accepted; any other gets 401. Defaults to [`SANDBOX_JOVIAM_TOKEN`].
    pub fn joviam_token(mut self, token: impl Into<String>) -> Self {
        self.joviam_token = token.into();
        self
    }

    /// A fault in force from the start (see [`Sandbox::inject_fault`]); call it again for
    /// more. Defaults to none.
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Start from this state, as [`Sandbox::export_state`] gave it (possibly saved to a file
    /// and read back), instead of a new account's. The format is in [`state`]. Defaults to a
    /// new account: the providers' catalogues and nothing else.
    pub fn state(mut self, state: serde_json::Value) -> Self {
        self.state = Some(state);
        self
    }

    /// Starts serving on background threads. Fails with [`Error::Config`] when the port
    /// cannot be listened on or the [`state`](Self::state) cannot be loaded.
    pub fn start(self) -> Result<Sandbox> {
        let mut faults = faults::Faults::default();
        for fault in self.faults {
            faults.add(fault);
        }
        let (tavu, joviam) = match self.state {
            Some(state) => state::import(state)?,
            None => (tavu::TavuWorld::seeded(), joviam::JoviamWorld::seeded()),
        };
        let world = Arc::new(Mutex::new(World {
            tavu,
            joviam,
            settings: Settings {
                build_delay: self.build_delay,
            },
            recent: VecDeque::new(),
            faults,
            journal: journal::Journal::default(),
        }));
        let gate = Gate {
            tavu_key: self.tavu_key.clone(),
            joviam_bearer: format!("Bearer {}", self.joviam_token),
            rate_limit: self.rate_limit,
        };
        let handler_world = Arc::clone(&world);
        let server = Server::start(
            self.port,
            Box::new(move |incoming| handle(&handler_world, &gate, incoming)),
        )
        .map_err(|e| {
            Error::Config(format!(
                "the sandbox cannot listen on 127.0.0.1:{}: {e}",
                self.port
            ))
        })?;
        Ok(Sandbox {
            url: format!("http://127.0.0.1:{}", server.port()),
            server,
            world,
            tavu_key: self.tavu_key,
            joviam_token: self.joviam_token,
        })
    }
}

/// A running sandbox. Dropping it (or [`stop`](Sandbox::stop)) shuts the server down.
pub struct Sandbox {
    url: String,
    server: Server,
    world: Arc<Mutex<World>>,
    tavu_key: String,
    joviam_token: String,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox with the default settings on an ephemeral port.
    pub fn start() -> Result<Sandbox> {
        SandboxBuilder::default().start()
    }

    /// A builder for the settings.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The server's root URL, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The Tavu API's base URL in the sandbox (`<url>/tavu`).
    pub fn tavu_base_url(&self) -> String {
        format!("{}/tavu", self.url)
    }

    /// The Joviam API's base URL in the sandbox (`<url>/joviam`).
    pub fn joviam_base_url(&self) -> String {
        format!("{}/joviam", self.url)
    }

    /// The Tavu API key the sandbox accepts.
    pub fn tavu_key(&self) -> &str {
        &self.tavu_key
    }

    /// The Joviam token the sandbox accepts.
    pub fn joviam_token(&self) -> &str {
        &self.joviam_token
    }

    /// A Tavu client pointed at the sandbox with its key.
    pub fn tavu_client(&self) -> Result<TavuClient> {
        self.tavu_client_builder().build()
    }

    /// A Joviam client pointed at the sandbox with its token.
    pub fn joviam_client(&self) -> Result<JoviamClient> {
        self.joviam_client_builder().build()
    }

    /// The settings of [`tavu_client`](Self::tavu_client), for callers that add their own.
    pub fn tavu_client_builder(&self) -> crate::tavu::TavuClientBuilder {
        TavuClient::builder()
            .api_key(self.tavu_key.clone())
            .base_url(self.tavu_base_url())
    }

    /// The settings of [`joviam_client`](Self::joviam_client), for callers that add their own.
    pub fn joviam_client_builder(&self) -> crate::joviam::JoviamClientBuilder {
        JoviamClient::builder()
            .token(self.joviam_token.clone())
            .base_url(self.joviam_base_url())
    }

    /// Makes matching requests fail as `fault` says, from now on. Faults apply in the order
    /// injected (the first that fires wins), after the rate limit and before the credential
    /// check and the normal routes; a request a fault answers still counts against the rate
    /// limit. A fault limited with [`Fault::times`] goes away once used up.
    ///
    /// ```
    /// # #[cfg(feature = "sandbox")] {
    /// use vpsclient::sandbox::{Fault, Sandbox};
    /// use vpsclient::tavu::CreateNetwork;
    ///
    /// let sandbox = Sandbox::start()?;
    /// let tavu = sandbox.tavu_client()?;
    /// sandbox.inject_fault(Fault::operation("tavu", "networks.create")?.status(503).times(1));
    /// assert!(tavu.networks().create(&CreateNetwork::new("lab")).is_err());
    /// assert!(tavu.networks().create(&CreateNetwork::new("lab")).is_ok());
    /// # }
    /// # Ok::<_, vpsclient::Error>(())
    /// ```
    pub fn inject_fault(&self, fault: Fault) {
        lock(&self.world).faults.add(fault);
    }

    /// The faults still in force, in the order injected.
    pub fn faults(&self) -> Vec<Fault> {
        lock(&self.world).faults.list()
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        lock(&self.world).faults.clear();
    }

    /// Every request received since the start (or the last
    /// [`clear_requests`](Self::clear_requests)), oldest first, with the status answered. The
    /// journal keeps the last 100,000 requests, and never their headers.
    pub fn requests(&self) -> Vec<JournalEntry> {
        lock(&self.world).journal.list()
    }

    /// Empties the request journal.
    pub fn clear_requests(&self) {
        lock(&self.world).journal.clear();
    }

    /// The whole simulated world (every object of both providers, the catalogues, and the
    /// transitions still to come) as JSON, for [`SandboxBuilder::state`] to start another
    /// sandbox from. The format, versioned so a saved state keeps loading, is in [`state`].
    /// Faults, the journal and the settings are not part of it.
    ///
    /// ```
    /// # #[cfg(feature = "sandbox")] {
    /// use vpsclient::sandbox::Sandbox;
    /// use vpsclient::tavu::CreateNetwork;
    ///
    /// let first = Sandbox::start()?;
    /// first.tavu_client()?.networks().create(&CreateNetwork::new("lab"))?;
    /// let second = Sandbox::builder().state(first.export_state()).start()?;
    /// assert_eq!(second.tavu_client()?.networks().list()?[0].name, "lab");
    /// # }
    /// # Ok::<_, vpsclient::Error>(())
    /// ```
    pub fn export_state(&self) -> serde_json::Value {
        let world = lock(&self.world);
        state::export(&world.tavu, &world.joviam)
    }

    /// Stops the server and waits for its threads.
    pub fn stop(mut self) {
        self.server.stop();
    }
}

fn lock(world: &Mutex<World>) -> MutexGuard<'_, World> {
    // A panic in one request must not take the whole sandbox down with a poisoned lock.
    world
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What every request passes before it reaches a route: the credential and the rate limit.
struct Gate {
    tavu_key: String,
    joviam_bearer: String,
    rate_limit: Option<u32>,
}

/// An error answer with `status` in `provider`'s format, for an injected fault.
fn fault_reply(provider: &str, status: u16) -> Reply {
    let reply = match provider {
        "joviam" => {
            let code = match status {
                400 => "bad_request",
                401 => "unauthorized",
                403 => "forbidden",
                404 => "not_found",
                422 => "validation_fail",
                429 => "rate_limited",
                500 => "internal_server_error",
                502 => "bad_gateway",
                503 => "service_unavailable",
                504 => "gateway_timeout",
                _ => "error",
            };
            http::joviam_error(
                status,
                code,
                Some(format!("injected fault: {status}").into()),
            )
        }
        _ => http::tavu_error(status, format!("injected fault: {status}")),
    };
    if status == 429 {
        reply.with_header("Retry-After", "1")
    } else {
        reply
    }
}

fn handle(world: &Mutex<World>, gate: &Gate, incoming: Incoming) -> Outcome {
    let (path, query) = match incoming.target.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (incoming.target.as_str(), None),
    };
    let path = path.split('#').next().unwrap_or_default();
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(http::percent_decode)
        .collect();
    let provider = if segments.is_empty() {
        String::new()
    } else {
        segments.remove(0)
    };
    // The path relative to the provider's base URL, as faults match it and the journal shows it.
    let relative = {
        let rest = path
            .strip_prefix('/')
            .unwrap_or(path)
            .split_once('/')
            .map_or("", |(_, rest)| rest);
        format!("/{rest}")
    };
    let authorization = incoming.header("authorization").map(str::to_owned);
    let mut world = lock(world);
    let mut entry = JournalEntry {
        provider: provider.clone(),
        method: incoming.method.clone(),
        path: relative.clone(),
        query,
        body: serde_json::from_slice(&incoming.body).ok(),
        status: None,
    };
    let mut latency = Duration::ZERO;
    let action = if provider.is_empty() {
        Action::Answer(http::tavu_error(
            404,
            "this is the vpsclient sandbox: the APIs live under /tavu and /joviam",
        ))
    } else if let Some(reply) = rate_limited(&mut world, gate, &provider) {
        Action::Answer(reply)
    } else {
        let fired = world.faults.fire(&provider, &incoming.method, &relative);
        latency = fired.as_ref().map_or(Duration::ZERO, |f| f.latency);
        let req = Req {
            method: incoming.method,
            segments,
            body: incoming.body,
        };
        match fired.map(|f| f.effect) {
            None | Some(FaultEffect::Latency) => Action::Answer(route(
                &mut world,
                gate,
                &provider,
                authorization.as_deref(),
                &req,
            )),
            Some(FaultEffect::Status(status)) => Action::Answer(fault_reply(&provider, status)),
            Some(FaultEffect::ResetBeforeAnswer) => Action::ResetBeforeAnswer,
            Some(FaultEffect::ResetDuringAnswer) => Action::ResetDuringAnswer(route(
                &mut world,
                gate,
                &provider,
                authorization.as_deref(),
                &req,
            )),
            Some(FaultEffect::Stall(duration)) => Action::Stall(duration),
        }
    };
    if let Action::Answer(reply) = &action {
        entry.status = Some(reply.status);
    }
    world.journal.push(entry);
    Outcome { latency, action }
}

/// The 429 answer when the rate limit is reached; otherwise counts the request and gives None.
fn rate_limited(world: &mut World, gate: &Gate, provider: &str) -> Option<Reply> {
    let limit = gate.rate_limit?;
    let now = Instant::now();
    while world
        .recent
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
    {
        world.recent.pop_front();
    }
    if world.recent.len() >= limit as usize {
        let reply = match provider {
            "joviam" => http::joviam_error(429, "rate_limited", Some("Too many requests".into())),
            _ => http::tavu_error(429, "You have hit the rate limit. Try again later."),
        };
        return Some(reply.with_header("Retry-After", "1"));
    }
    world.recent.push_back(now);
    None
}

/// Checks the credential and answers from the provider's routes.
fn route(
    world: &mut World,
    gate: &Gate,
    provider: &str,
    authorization: Option<&str>,
    req: &Req,
) -> Reply {
    let World {
        tavu,
        joviam,
        settings,
        ..
    } = world;
    match provider {
        "tavu" => {
            if authorization != Some(gate.tavu_key.as_str()) {
                return http::tavu_error(401, "Your API key is wrong or missing.");
            }
            tavu.route(settings, req)
        }
        "joviam" => {
            if authorization != Some(gate.joviam_bearer.as_str()) {
                return match authorization {
                    Some(a) if a.starts_with("Bearer ") => http::joviam_error(
                        401,
                        "invalid_token",
                        Some("The access token is invalid".into()),
                    ),
                    _ => http::joviam_error(401, "unauthorized", None),
                };
            }
            joviam.route(settings, req)
        }
        other => http::tavu_error(404, format!("no API at /{other}: use /tavu or /joviam")),
    }
}
