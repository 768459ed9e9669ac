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
use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::{JoviamClient, TavuClient};

mod fresh;
mod http;
mod joviam;
mod tavu;

use http::{Reply, Req};

/// The Tavu API key the sandbox accepts unless told otherwise.
pub const SANDBOX_TAVU_KEY: &str = "sandbox-api-key";
/// The Joviam access token the sandbox accepts unless told otherwise.
pub const SANDBOX_JOVIAM_TOKEN: &str = "sandbox-token";
/// How many threads answer requests.
const WORKERS: usize = 4;

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
}

/// Configures a [`Sandbox`].
#[derive(Clone)]
pub struct SandboxBuilder {
    port: u16,
    build_delay: Duration,
    rate_limit: Option<u32>,
    tavu_key: String,
    joviam_token: String,
}

impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("port", &self.port)
            .field("build_delay", &self.build_delay)
            .field("rate_limit", &self.rate_limit)
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

    /// Starts serving on a background thread pool.
    pub fn start(self) -> Result<Sandbox> {
        let server = listen(self.port)
            .and_then(|listener| tiny_http::Server::from_listener(listener, None))
            .map_err(|e| {
                Error::Config(format!(
                    "the sandbox cannot listen on 127.0.0.1:{}: {e}",
                    self.port
                ))
            })?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| Error::Config("the sandbox has no TCP address".into()))?;
        let server = Arc::new(server);
        let world = Arc::new(Mutex::new(World {
            tavu: tavu::TavuWorld::seeded(),
            joviam: joviam::JoviamWorld::seeded(),
            settings: Settings {
                build_delay: self.build_delay,
            },
            recent: VecDeque::new(),
        }));
        let gate = Arc::new(Gate {
            tavu_key: self.tavu_key.clone(),
            joviam_bearer: format!("Bearer {}", self.joviam_token),
            rate_limit: self.rate_limit,
        });
        let workers = (0..WORKERS)
            .map(|_| {
                let server = Arc::clone(&server);
                let world = Arc::clone(&world);
                let gate = Arc::clone(&gate);
                std::thread::spawn(move || serve(&server, &world, &gate))
            })
            .collect();
        Ok(Sandbox {
            url: format!("http://127.0.0.1:{port}"),
            server,
            workers,
            tavu_key: self.tavu_key,
            joviam_token: self.joviam_token,
        })
    }
}

/// A running sandbox. Dropping it (or [`stop`](Sandbox::stop)) shuts the server down.
pub struct Sandbox {
    url: String,
    server: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
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
    fn tavu_client_builder(&self) -> crate::tavu::TavuClientBuilder {
        TavuClient::builder()
            .api_key(self.tavu_key.clone())
            .base_url(self.tavu_base_url())
    }

    /// The settings of [`joviam_client`](Self::joviam_client), for callers that add their own.
    fn joviam_client_builder(&self) -> crate::joviam::JoviamClientBuilder {
        JoviamClient::builder()
            .token(self.joviam_token.clone())
            .base_url(self.joviam_base_url())
    }

    /// Stops the server and waits for its threads.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A listening socket on 127.0.0.1 with Nagle's algorithm off. tiny_http writes a reply's
/// headers and a body over 1 KiB in two writes; with Nagle on, the second waits for the
/// client's delayed ACK, about 40 ms per large reply. Accepted sockets inherit the option.
fn listen(
    port: u16,
) -> std::result::Result<std::net::TcpListener, Box<dyn std::error::Error + Send + Sync>> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&std::net::SocketAddr::from(([127, 0, 0, 1], port)).into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// What every request passes before it reaches a route: the credential and the rate limit.
struct Gate {
    tavu_key: String,
    joviam_bearer: String,
    rate_limit: Option<u32>,
}

fn serve(server: &tiny_http::Server, world: &Mutex<World>, gate: &Gate) {
    while let Ok(mut request) = server.recv() {
        let mut body = Vec::new();
        let reply = match request
            .as_reader()
            .take(16 * 1024 * 1024)
            .read_to_end(&mut body)
        {
            Ok(_) => {
                let authorization = request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("Authorization"))
                    .map(|h| h.value.as_str().to_owned());
                handle(
                    world,
                    gate,
                    request.method().as_str(),
                    request.url(),
                    authorization.as_deref(),
                    body,
                )
            }
            Err(_) => http::tavu_error(400, "the request body could not be read"),
        };
        let _ = request.respond(to_response(reply));
    }
}

fn to_response(reply: Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let has_body = reply.body.is_some();
    let mut response = tiny_http::Response::from_data(reply.body.unwrap_or_default())
        .with_status_code(reply.status);
    if has_body {
        response.add_header(
            tiny_http::Header::from_bytes("Content-Type", "application/json")
                .expect("valid header"),
        );
    }
    for (name, value) in reply.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    response
}

fn lock(world: &Mutex<World>) -> MutexGuard<'_, World> {
    // A panic in one request must not take the whole sandbox down with a poisoned lock.
    world
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn handle(
    world: &Mutex<World>,
    gate: &Gate,
    method: &str,
    url: &str,
    authorization: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(http::percent_decode)
        .collect();
    if segments.is_empty() {
        return http::tavu_error(
            404,
            "this is the vpsclient sandbox: the APIs live under /tavu and /joviam",
        );
    }
    let provider = segments.remove(0);
    let mut world = lock(world);
    if let Some(limit) = gate.rate_limit {
        let now = Instant::now();
        while world
            .recent
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            world.recent.pop_front();
        }
        if world.recent.len() >= limit as usize {
            let reply = match provider.as_str() {
                "joviam" => {
                    http::joviam_error(429, "rate_limited", Some("Too many requests".into()))
                }
                _ => http::tavu_error(429, "You have hit the rate limit. Try again later."),
            };
            return reply.with_header("Retry-After", "1");
        }
        world.recent.push_back(now);
    }
    let req = Req {
        method: method.to_owned(),
        segments,
        body,
    };
    let World {
        tavu,
        joviam,
        settings,
        ..
    } = &mut *world;
    match provider.as_str() {
        "tavu" => {
            if authorization != Some(gate.tavu_key.as_str()) {
                return http::tavu_error(401, "Your API key is wrong or missing.");
            }
            tavu.route(settings, &req)
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
            joviam.route(settings, &req)
        }
        other => http::tavu_error(404, format!("no API at /{other}: use /tavu or /joviam")),
    }
}

/// The Python class `vpsclient.Sandbox`.
#[cfg(feature = "python")]
pub(crate) mod python {
    use pyo3::prelude::*;

    use super::{Sandbox, SandboxBuilder};

    /// An offline sandbox of both clouds on 127.0.0.1, for trying vpsclient without an
    /// account and for testing automation before it meets real money.
    ///
    /// Use it as a context manager::
    ///
    ///     with vpsclient.Sandbox() as sb:
    ///         tavu = sb.tavu_client()
    ///         joviam = sb.joviam_client()
    ///
    /// Args:
    ///     port: Port to listen on; 0 (the default) picks a free one.
    ///     build_delay: Seconds asynchronous work takes (an instance build, a start).
    ///     rate_limit: Answer 429 past this many requests per second; None for no limit.
    #[pyclass(name = "Sandbox", module = "vpsclient", frozen)]
    pub(crate) struct PySandbox {
        inner: std::sync::Mutex<Option<Sandbox>>,
        url: String,
        tavu_key: String,
        joviam_token: String,
    }

    impl PySandbox {
        /// Runs `f` on the sandbox while it is running; a stopped one raises ConfigError.
        fn with_running<T>(&self, f: impl FnOnce(&Sandbox) -> crate::Result<T>) -> PyResult<T> {
            match self.inner.lock() {
                Ok(guard) if guard.is_some() => {
                    f(guard.as_ref().expect("checked above")).map_err(crate::python::to_pyerr)
                }
                _ => Err(crate::python::to_pyerr(crate::Error::Config(
                    "the sandbox has been stopped".into(),
                ))),
            }
        }
    }

    #[pymethods]
    impl PySandbox {
        #[new]
        #[pyo3(signature = (*, port = 0, build_delay = 0.5, rate_limit = None))]
        fn new(
            py: Python<'_>,
            port: u16,
            build_delay: f64,
            rate_limit: Option<u32>,
        ) -> PyResult<Self> {
            let delay = std::time::Duration::try_from_secs_f64(build_delay).map_err(|_| {
                crate::python::to_pyerr(crate::Error::Config(format!(
                    "build_delay must be a non-negative number of seconds, not {build_delay}"
                )))
            })?;
            let mut builder = SandboxBuilder::default().port(port).build_delay(delay);
            if let Some(limit) = rate_limit {
                builder = builder.rate_limit(limit);
            }
            let sandbox = py
                .detach(|| builder.start())
                .map_err(crate::python::to_pyerr)?;
            Ok(PySandbox {
                url: sandbox.url().to_owned(),
                tavu_key: sandbox.tavu_key().to_owned(),
                joviam_token: sandbox.joviam_token().to_owned(),
                inner: std::sync::Mutex::new(Some(sandbox)),
            })
        }

        /// The server's root URL, e.g. ``http://127.0.0.1:40123``.
        #[getter]
        fn url(&self) -> &str {
            &self.url
        }

        /// The Tavu base URL in the sandbox (``<url>/tavu``).
        #[getter]
        fn tavu_base_url(&self) -> String {
            format!("{}/tavu", self.url)
        }

        /// The Joviam base URL in the sandbox (``<url>/joviam``).
        #[getter]
        fn joviam_base_url(&self) -> String {
            format!("{}/joviam", self.url)
        }

        /// The Tavu API key the sandbox accepts.
        #[getter]
        fn tavu_key(&self) -> &str {
            &self.tavu_key
        }

        /// The Joviam access token the sandbox accepts.
        #[getter]
        fn joviam_token(&self) -> &str {
            &self.joviam_token
        }

        /// A TavuClient pointed at the sandbox, with its key.
        fn tavu_client(&self) -> PyResult<crate::tavu::PyTavuClient> {
            let client = self.with_running(|sb| {
                sb.tavu_client_builder()
                    .interrupt(crate::python::ctrl_c_interrupt())
                    .build()
            })?;
            Ok(crate::tavu::PyTavuClient::from_client(client))
        }

        /// A JoviamClient pointed at the sandbox, with its token.
        fn joviam_client(&self) -> PyResult<crate::joviam::PyJoviamClient> {
            let client = self.with_running(|sb| {
                sb.joviam_client_builder()
                    .interrupt(crate::python::ctrl_c_interrupt())
                    .build()
            })?;
            Ok(crate::joviam::PyJoviamClient::from_client(client))
        }

        /// Stops the server. Calling it again does nothing.
        fn stop(&self, py: Python<'_>) {
            let taken = self.inner.lock().ok().and_then(|mut guard| guard.take());
            if let Some(sandbox) = taken {
                py.detach(|| sandbox.stop());
            }
        }

        fn __enter__(slf: Py<Self>) -> Py<Self> {
            slf
        }

        #[pyo3(signature = (*_args))]
        fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
            self.stop(py);
            false
        }

        fn __repr__(&self) -> String {
            let state = match self.inner.lock() {
                Ok(guard) if guard.is_some() => "running",
                _ => "stopped",
            };
            format!(
                "Sandbox(url={}, {state})",
                crate::python::py_quote(&self.url)
            )
        }
    }
}
