//! The Joviam API: [`JoviamClient`] and everything it returns.
//!
//! ```no_run
//! use vpsclient::joviam::{CreateInstance, InstanceState, JoviamClient};
//!
//! let joviam = JoviamClient::new("my-access-token")?;
//! let region = &joviam.regions().list()?[0];
//! let tier = &joviam.performance_tiers().list_instance()?[0];
//! let disk_tier = &joviam.performance_tiers().list_disk()?[0];
//! let instance = joviam.instances().create(&CreateInstance {
//!     start_when_ready: Some(true),
//!     ..CreateInstance::new("web-1", 2048u64, &*region.id, &*tier.id, &*disk_tier.id, "ubuntu-16-04", 30u64)
//! })?;
//! if joviam.instances().state(&instance.id)? == InstanceState::Running {
//!     println!("{} is up", instance.hostname);
//! }
//! # Ok::<_, vpsclient::Error>(())
//! ```
//!
//! Bodies are flat JSON objects. Fields that can be cleared with `null` (an IP address's
//! name, a network's gateway and name servers) are [`Nullable`](crate::Nullable); states and
//! modes are string enums ([`InstanceState`], [`DiskState`], ...) that keep values the
//! reference does not list in their `Other` variant.

use std::fmt;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::operation::{client_resources, config_setters};
use crate::transport::{ClientConfig, Transport};

mod models;
pub use models::*;

mod console_sessions;
mod disks;
mod instances;
mod ip_addresses;
mod networks;
mod performance_tiers;
mod public_keys;
mod regions;
mod templates;

pub use console_sessions::ConsoleSessionsHandler;
pub use disks::{CloneDisk, CreateDisk, DisksHandler, ResizeDisk, UpdateDisk};
pub use instances::{
    AdapterAddresses, AssembleInstance, ContextVariables, CreateInstance, InstancesHandler,
    NetworkAdapterSpec, SetAvailabilityGroup, SetInstanceDisks, SetInstanceNetworkAdapters,
    SetInstancePublicKeys, StartRemoteAccess, UpdateInstance,
};
pub use ip_addresses::{AllocateIpAddress, IpAddressesHandler, UpdateIpAddress};
pub use networks::{CreateNetwork, NetworksHandler, UpdateNetwork};
pub use performance_tiers::PerformanceTiersHandler;
pub use public_keys::{CreatePublicKey, PublicKeysHandler, UpdatePublicKey};
pub use regions::RegionsHandler;
pub use templates::{SupersedeTemplate, TemplatesHandler};

/// Production base URL of the Joviam API.
pub const DEFAULT_BASE_URL: &str = "https://cloud.joviam.com/api/v1";
/// Environment variable read for the access token when none is given.
pub const TOKEN_ENV: &str = "JOVIAM_TOKEN";

/// A client of the Joviam API.
///
/// Sends `Authorization: Bearer <token>` with every request. Cheap to clone: clones share one
/// connection pool.
#[derive(Clone)]
pub struct JoviamClient {
    transport: Arc<Transport>,
}

impl fmt::Debug for JoviamClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoviamClient")
            .field("base_url", &self.transport.base_url())
            .finish_non_exhaustive()
    }
}

impl JoviamClient {
    /// A client with this access token (the token alone, without `Bearer `).
    pub fn new(token: impl Into<String>) -> Result<Self> {
        Self::builder().token(token).build()
    }

    /// A client whose token comes from `JOVIAM_TOKEN`.
    pub fn from_env() -> Result<Self> {
        Self::builder().build()
    }

    /// A builder for every setting.
    pub fn builder() -> JoviamClientBuilder {
        JoviamClientBuilder {
            token: None,
            config: ClientConfig::new(DEFAULT_BASE_URL),
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.transport.base_url()
    }
}

/// Builds a [`JoviamClient`].
///
/// ```no_run
/// use std::time::Duration;
/// let joviam = vpsclient::JoviamClient::builder()
///     .token("my-access-token")
///     .timeout(Duration::from_secs(60))
///     .build()?;
/// # Ok::<_, vpsclient::Error>(())
/// ```
#[derive(Clone)]
pub struct JoviamClientBuilder {
    token: Option<String>,
    config: ClientConfig,
}

impl fmt::Debug for JoviamClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoviamClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("base_url", &self.config.base_url)
            .finish_non_exhaustive()
    }
}

impl JoviamClientBuilder {
    /// The access token of the organization, without `Bearer `. Defaults to the
    /// `JOVIAM_TOKEN` environment variable.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    config_setters!();

    /// Builds the client. Fails with [`Error::Config`] when no token is given or set in the
    /// environment, when the token is not printable ASCII without spaces, or when a setting
    /// is invalid (a base URL that is malformed, not https or holds user info; a zero timeout
    /// or size limit; an unreadable CA bundle; a malformed proxy URL).
    pub fn build(self) -> Result<JoviamClient> {
        let token = self
            .token
            .or_else(|| std::env::var(TOKEN_ENV).ok())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                Error::Config(format!(
                    "no Joviam access token: pass one, or set the {TOKEN_ENV} environment variable"
                ))
            })?;
        crate::transport::check_credential("token", &token)?;
        let headers = vec![("authorization", format!("Bearer {token}"))];
        Ok(JoviamClient {
            transport: Arc::new(Transport::new(self.config, headers, vec![token])?),
        })
    }
}

/// A client of the Joviam API (the Python class `vpsclient.JoviamClient`).
///
/// Args:
///     token: The organization's access token (without "Bearer "); defaults to the
///         JOVIAM_TOKEN environment variable.
///     base_url: The API's base URL; https, or http to a loopback host.
///     timeout: Overall limit of one request, in seconds.
///     connect_timeout: Limit for opening a connection, in seconds.
///     max_retries: Retries of a request when retrying is safe.
///     max_response_bytes: Largest response body accepted (default 64 MiB); a larger one
///         raises TransportError instead of being read into memory.
///     ca_bundle: A PEM file, or a folder of them, whose certificates are trusted instead of
///         the bundled Mozilla roots (a private CA, a corporate TLS proxy). Defaults to
///         REQUESTS_CA_BUNDLE or SSL_CERT_FILE when set.
///     system_trust: Trust the operating system's certificate store instead (not together
///         with ca_bundle).
///     proxy: A proxy URL to send every request through, False for no proxy, or None (the
///         default) for the HTTPS_PROXY/HTTP_PROXY/ALL_PROXY environment variables, honouring
///         NO_PROXY and never for loopback hosts.
///     pool_size: Idle connections kept open for reuse (default 16): at least the number of
///         threads that share the client, so none has to open a new one.
///
/// Raises:
///     ConfigError: no token was given or found, or a setting is invalid; the message
///         names the parameter and never shows a credential.
///
/// Resources are attributes: ``joviam.instances.list()``, ``joviam.disks.state(disk_id)``.
#[cfg(feature = "python")]
#[pyo3::pyclass(name = "JoviamClient", module = "vpsclient", frozen)]
pub(crate) struct PyJoviamClient {
    transport: Arc<Transport>,
}

#[cfg(feature = "python")]
impl PyJoviamClient {
    /// Wraps a Rust client (the sandbox hands these out).
    pub(crate) fn from_client(client: JoviamClient) -> Self {
        PyJoviamClient {
            transport: client.transport,
        }
    }
}

client_resources! {
    impl JoviamClient / PyJoviamClient {
        /// Console sessions: remote VNC or serial access to instances.
        console_sessions: console_sessions::ConsoleSessionsHandler,
        /// Disks: create, resize, clone and delete block devices.
        disks: disks::DisksHandler,
        /// Instances: create, change, start, stop and delete virtual machines, and their
        /// disks, keys, network adapters, availability group and context variables.
        instances: instances::InstancesHandler,
        /// IP addresses: allocate, update and deallocate.
        ip_addresses: ip_addresses::IpAddressesHandler,
        /// Networks: public ones, and private ones to create, change and delete.
        networks: networks::NetworksHandler,
        /// Performance tiers on offer for instances and disks.
        performance_tiers: performance_tiers::PerformanceTiersHandler,
        /// SSH public keys.
        public_keys: public_keys::PublicKeysHandler,
        /// Regions (data centers).
        regions: regions::RegionsHandler,
        /// Templates boot disks are provisioned from.
        templates: templates::TemplatesHandler,
    }
    python {
        /// Draws the account as SVG: networks, instances with their addresses, disks and
        /// IP addresses.
        ///
        /// Returns:
        ///     A vpsclient.Topology: shown inline in Jupyter; ``save(path)`` writes the SVG.
        ///
        /// Raises:
        ///     VpsClientError: a list request failed (the first failure is raised).
        fn topology(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<crate::topology::PyTopology> {
            let client = JoviamClient {
                transport: Arc::clone(&self.transport),
            };
            crate::topology::joviam_topology_py(py, &client)
        }

        /// Builds the client; see the class documentation for the arguments.
        #[new]
        #[pyo3(signature = (token=None, *, base_url=None, timeout=None, connect_timeout=None, max_retries=None, max_response_bytes=None, ca_bundle=None, system_trust=None, proxy=None, pool_size=None))]
        // Spelled out so help() and inspect show the real defaults.
        #[pyo3(text_signature = "(token=None, *, base_url='https://cloud.joviam.com/api/v1', timeout=30.0, connect_timeout=10.0, max_retries=2, max_response_bytes=67108864, ca_bundle=None, system_trust=False, proxy=None, pool_size=16)")]
        #[allow(clippy::too_many_arguments)]
        fn py_new(
            py: pyo3::Python<'_>,
            token: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            base_url: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            timeout: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            connect_timeout: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            max_retries: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            max_response_bytes: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            ca_bundle: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            system_trust: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            proxy: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            pool_size: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
        ) -> pyo3::PyResult<Self> {
            crate::python::ensure_logging(py)?;
            let settings = crate::python::Settings::read(
                py,
                DEFAULT_BASE_URL,
                [base_url, timeout, connect_timeout, max_retries, max_response_bytes, ca_bundle, system_trust, proxy, pool_size],
            )?;
            let mut builder = JoviamClient::builder()
                .settings(settings)
                .interrupt(crate::python::ctrl_c_interrupt());
            if let Some(secret) = crate::python::credential("token", token)? {
                builder = builder.token(secret);
            }
            let client = builder.build().map_err(crate::python::to_pyerr)?;
            Ok(PyJoviamClient {
                transport: client.transport,
            })
        }

        /// The base URL requests go to.
        #[getter]
        fn base_url(&self) -> &str {
            self.transport.base_url()
        }

        fn __repr__(&self) -> String {
            // Never the token.
            format!("JoviamClient(base_url={:?})", self.transport.base_url())
        }
    }
}

/// Adds the Joviam classes to the Python module, prefixed `Joviam_` (re-exported by
/// `vpsclient.joviam` without the prefix).
#[cfg(feature = "python")]
pub(crate) fn register_python(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
    crate::python::add_class::<PyJoviamClient>(m, "", "JoviamClient")?;
    register_handlers(m, "Joviam_")?;
    models::register_models(m, "Joviam_")
}

/// Everything this provider declares (resources, models, enums): what the Python stubs, docs
/// and the Python enum classes are generated from.
pub fn declarations() -> crate::Declarations {
    crate::Declarations {
        resources: JoviamClient::resources(),
        models: models::MODEL_INFO,
        enums: &[
            ConsoleSessionState::INFO,
            ConsoleSessionType::INFO,
            DiskState::INFO,
            InstanceState::INFO,
            NetworkState::INFO,
            BootDevice::INFO,
            Virtualization::INFO,
        ],
    }
}
