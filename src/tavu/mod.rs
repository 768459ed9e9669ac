//! The Tavu.io VPS API: [`TavuClient`] and everything it returns.
//!
//! ```no_run
//! use vpsclient::tavu::{CreateInstance, TavuClient};
//!
//! let tavu = TavuClient::new("my-api-key")?;
//! for instance in tavu.instances().list()? {
//!     println!("{} {} {}", instance.id, instance.name, instance.status);
//! }
//! let created = tavu.instances().create(&CreateInstance {
//!     networks: Some(vec!["public".into()]),
//!     ..CreateInstance::new("web-1", "00ed37ab-7a47-45b3-9419-543a40b3c3f2", "9c345ee8-9f33-49e0-80d6-73a1f766a268")
//! })?;
//! println!("password, shown once: {:?}", created.password);
//! # Ok::<_, vpsclient::Error>(())
//! ```

use std::fmt;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::operation::{client_resources, config_setters};
use crate::transport::{ClientConfig, Transport};

mod models;
pub use models::*;

mod configurations;
mod firewall_rules;
mod firewalls;
mod floating_ips;
mod instance_interfaces;
mod instance_scripts;
mod instance_snapshots;
mod instance_users;
mod instances;
mod networks;
mod operating_systems;
mod ports;
mod router_interfaces;
mod routers;
mod security_group_rules;
mod security_groups;
mod ssh_keys;
mod subnets;
mod volume_snapshots;
mod volumes;

pub use configurations::ConfigurationsHandler;
pub use firewall_rules::{FirewallRuleFields, FirewallRulesHandler};
pub use firewalls::{FirewallsHandler, UpdateFirewall};
pub use floating_ips::{FloatingIpsHandler, UpdateFloatingIp};
pub use instance_interfaces::{CreateInstanceInterface, InstanceInterfacesHandler};
pub use instance_scripts::{CreateInstanceScript, InstanceScriptsHandler, UpdateInstanceScript};
pub use instance_snapshots::{CreateInstanceSnapshot, InstanceSnapshotsHandler};
pub use instance_users::{CreateInstanceUser, InstanceUsersHandler, UpdateInstanceUser};
pub use instances::{
    CreateInstance, InstancesHandler, RebuildInstance, ResizeInstance, UpdateInstance,
};
pub use networks::{CreateNetwork, NetworksHandler, UpdateNetwork};
pub use operating_systems::OperatingSystemsHandler;
pub use ports::{PortsHandler, UpdatePort};
pub use router_interfaces::{CreateRouterInterface, RouterInterfacesHandler};
pub use routers::{RoutersHandler, UpdateRouter};
pub use security_group_rules::{CreateSecurityGroupRule, SecurityGroupRulesHandler};
pub use security_groups::{CreateSecurityGroup, SecurityGroupsHandler, UpdateSecurityGroup};
pub use ssh_keys::{CreateSshKey, SshKeysHandler};
pub use subnets::{AllocationPoolSpec, CreateSubnet, RouteSpec, SubnetsHandler, UpdateSubnet};
pub use volume_snapshots::{CreateVolumeSnapshot, UpdateVolumeSnapshot, VolumeSnapshotsHandler};
pub use volumes::{AttachVolume, CreateVolume, DetachVolume, UpdateVolume, VolumesHandler};

/// Production base URL of the Tavu.io VPS API.
pub const DEFAULT_BASE_URL: &str = "https://api.tavu.io/vps";
/// Environment variable read for the API key when none is given.
pub const API_KEY_ENV: &str = "TAVU_API_KEY";
/// Environment variable read for the team ID when none is given.
pub const TEAM_ID_ENV: &str = "TAVU_TEAM_ID";

/// A client of the Tavu.io VPS API.
///
/// Sends `Authorization: <api key>` and, when a team is set, `X-Team-Id: <team>` with every
/// request. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct TavuClient {
    transport: Arc<Transport>,
    team_id: Option<String>,
}

impl fmt::Debug for TavuClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TavuClient")
            .field("base_url", &self.transport.base_url())
            .field("team_id", &self.team_id)
            .finish_non_exhaustive()
    }
}

impl TavuClient {
    /// A client with this API key; the team comes from `TAVU_TEAM_ID` if that is set.
    pub fn new(api_key: impl Into<String>) -> Result<Self> {
        Self::builder().api_key(api_key).build()
    }

    /// A client whose key (and team) come from `TAVU_API_KEY` (and `TAVU_TEAM_ID`).
    pub fn from_env() -> Result<Self> {
        Self::builder().build()
    }

    /// A builder for every setting.
    pub fn builder() -> TavuClientBuilder {
        TavuClientBuilder {
            api_key: None,
            team_id: None,
            config: ClientConfig::new(DEFAULT_BASE_URL),
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    /// The team requests act for, if one is set.
    pub fn team_id(&self) -> Option<&str> {
        self.team_id.as_deref()
    }
}

/// Builds a [`TavuClient`].
///
/// ```no_run
/// use std::time::Duration;
/// let tavu = vpsclient::TavuClient::builder()
///     .api_key("my-api-key")
///     .team_id("my-team")
///     .timeout(Duration::from_secs(60))
///     .build()?;
/// # Ok::<_, vpsclient::Error>(())
/// ```
#[derive(Clone)]
pub struct TavuClientBuilder {
    api_key: Option<String>,
    team_id: Option<String>,
    config: ClientConfig,
}

impl fmt::Debug for TavuClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TavuClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("team_id", &self.team_id)
            .field("base_url", &self.config.base_url)
            .finish_non_exhaustive()
    }
}

impl TavuClientBuilder {
    /// The API key. Defaults to the `TAVU_API_KEY` environment variable.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The team to act for, sent as `X-Team-Id`. Defaults to the `TAVU_TEAM_ID` environment
    /// variable, or no team.
    pub fn team_id(mut self, team: impl Into<String>) -> Self {
        self.team_id = Some(team.into());
        self
    }

    config_setters!();

    /// Builds the client. Fails with [`Error::Config`] when no API key is given or set in the
    /// environment, when the key or team is not printable ASCII without spaces, when the team
    /// is given but empty, or when a setting is invalid (a base URL that is malformed, not
    /// https or holds user info; a zero timeout or size limit; an unreadable CA bundle; a
    /// malformed proxy URL).
    pub fn build(self) -> Result<TavuClient> {
        let api_key = self
            .api_key
            .or_else(|| non_empty_env(API_KEY_ENV))
            .filter(|k| !k.is_empty())
            .ok_or_else(|| {
                Error::Config(format!(
                    "no Tavu API key: pass one, or set the {API_KEY_ENV} environment variable"
                ))
            })?;
        crate::transport::check_credential("api_key", &api_key)?;
        let team_id = self.team_id.or_else(|| non_empty_env(TEAM_ID_ENV));
        if let Some(team) = &team_id {
            if team.is_empty() {
                return Err(Error::Config(
                    "team_id must not be empty: leave it out to act for no team".into(),
                ));
            }
            crate::transport::check_credential("team_id", team)?;
        }
        let mut headers = vec![("authorization", api_key.clone())];
        if let Some(team) = &team_id {
            headers.push(("x-team-id", team.clone()));
        }
        Ok(TavuClient {
            transport: Arc::new(Transport::new(self.config, headers, vec![api_key])?),
            team_id,
        })
    }
}

pub(crate) fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A client of the Tavu.io VPS API (the Python class `vpsclient.TavuClient`).
///
/// Args:
///     api_key: The API key; defaults to the TAVU_API_KEY environment variable.
///     team_id: The team to act for (sent as X-Team-Id); defaults to TAVU_TEAM_ID.
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
///     ConfigError: no API key was given or found, or a setting is invalid; the message
///         names the parameter and never shows a credential.
///
/// Resources are attributes: ``tavu.instances.list()``, ``tavu.volumes.attach(volume_id,
/// instance_id)``.
#[cfg(feature = "python")]
#[pyo3::pyclass(name = "TavuClient", module = "vpsclient", frozen)]
pub(crate) struct PyTavuClient {
    transport: Arc<Transport>,
    team_id: Option<String>,
}

#[cfg(feature = "python")]
impl PyTavuClient {
    /// Wraps a Rust client (the sandbox hands these out).
    pub(crate) fn from_client(client: TavuClient) -> Self {
        PyTavuClient {
            transport: client.transport,
            team_id: client.team_id,
        }
    }
}

client_resources! {
    impl TavuClient / PyTavuClient {
        /// Instances: create, list, change, delete, start, stop, resize, rebuild.
        instances: instances::InstancesHandler,
        /// An instance's network interfaces.
        instance_interfaces: instance_interfaces::InstanceInterfacesHandler,
        /// Instance users: accounts new instances are created with.
        instance_users: instance_users::InstanceUsersHandler,
        /// Instance scripts: saved first-boot scripts.
        instance_scripts: instance_scripts::InstanceScriptsHandler,
        /// Configurations: the instance sizes on offer.
        configurations: configurations::ConfigurationsHandler,
        /// SSH keys.
        ssh_keys: ssh_keys::SshKeysHandler,
        /// Operating systems to boot from.
        operating_systems: operating_systems::OperatingSystemsHandler,
        /// Instance snapshots.
        instance_snapshots: instance_snapshots::InstanceSnapshotsHandler,
        /// Block storage volumes.
        volumes: volumes::VolumesHandler,
        /// Volume snapshots.
        volume_snapshots: volume_snapshots::VolumeSnapshotsHandler,
        /// Network ports.
        ports: ports::PortsHandler,
        /// Private networks.
        networks: networks::NetworksHandler,
        /// Subnets.
        subnets: subnets::SubnetsHandler,
        /// Firewalls.
        firewalls: firewalls::FirewallsHandler,
        /// Firewall rules.
        firewall_rules: firewall_rules::FirewallRulesHandler,
        /// Routers.
        routers: routers::RoutersHandler,
        /// Router interfaces.
        router_interfaces: router_interfaces::RouterInterfacesHandler,
        /// Security groups.
        security_groups: security_groups::SecurityGroupsHandler,
        /// Security group rules.
        security_group_rules: security_group_rules::SecurityGroupRulesHandler,
        /// Floating IPs.
        floating_ips: floating_ips::FloatingIpsHandler,
    }
    python {
        #[new]
        #[pyo3(signature = (api_key=None, *, team_id=None, base_url=None, timeout=None, connect_timeout=None, max_retries=None, max_response_bytes=None, ca_bundle=None, system_trust=None, proxy=None, pool_size=None))]
        // Spelled out so help() and inspect show the real defaults.
        #[pyo3(text_signature = "(api_key=None, *, team_id=None, base_url='https://api.tavu.io/vps', timeout=30.0, connect_timeout=10.0, max_retries=2, max_response_bytes=67108864, ca_bundle=None, system_trust=False, proxy=None, pool_size=16)")]
        #[allow(clippy::too_many_arguments)]
        fn py_new(
            py: pyo3::Python<'_>,
            api_key: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            team_id: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
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
            let mut builder = TavuClient::builder()
                .settings(settings)
                .interrupt(crate::python::ctrl_c_interrupt());
            if let Some(secret) = crate::python::credential("api_key", api_key)? {
                builder = builder.api_key(secret);
            }
            if let Some(team) = crate::python::credential("team_id", team_id)? {
                builder = builder.team_id(team);
            }
            let client = builder.build().map_err(crate::python::to_pyerr)?;
            Ok(PyTavuClient {
                transport: client.transport,
                team_id: client.team_id,
            })
        }

        /// The base URL requests go to.
        #[getter]
        fn base_url(&self) -> &str {
            self.transport.base_url()
        }

        /// The team requests act for, or None.
        #[getter]
        fn team_id(&self) -> Option<&str> {
            self.team_id.as_deref()
        }

        /// Draws the account as SVG: networks and subnets, routers and their interfaces,
        /// instances with their addresses, volumes and floating IPs.
        ///
        /// Returns:
        ///     A vpsclient.Topology: shown inline in Jupyter; ``save(path)`` writes the SVG.
        ///
        /// Raises:
        ///     VpsClientError: a list request failed (the first failure is raised).
        fn topology(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<crate::topology::PyTopology> {
            let client = TavuClient {
                transport: Arc::clone(&self.transport),
                team_id: self.team_id.clone(),
            };
            crate::topology::tavu_topology_py(py, &client)
        }

        fn __repr__(&self) -> String {
            // Never the key.
            let base_url = crate::python::py_quote(self.transport.base_url());
            match &self.team_id {
                Some(team) => format!("TavuClient(base_url={base_url}, team_id={})", crate::python::py_quote(team)),
                None => format!("TavuClient(base_url={base_url})"),
            }
        }
    }
}

/// Adds the Tavu classes to the Python module, prefixed `Tavu_` (re-exported by
/// `vpsclient.tavu` without the prefix).
#[cfg(feature = "python")]
pub(crate) fn register_python(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
    crate::python::add_class::<PyTavuClient>(m, "", "TavuClient")?;
    register_handlers(m, "Tavu_")?;
    models::register_models(m, "Tavu_")
}

/// Everything this provider declares (resources, models, enums): what the Python stubs and
/// docs are generated from.
pub fn declarations() -> crate::Declarations {
    crate::Declarations {
        resources: TavuClient::resources(),
        models: models::MODEL_INFO,
        enums: &[],
    }
}
