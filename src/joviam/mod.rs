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

pub(crate) mod models;
pub use models::*;

pub(crate) mod console_sessions;
pub(crate) mod disks;
pub(crate) mod instances;
pub(crate) mod ip_addresses;
pub(crate) mod networks;
pub(crate) mod performance_tiers;
pub(crate) mod public_keys;
pub(crate) mod regions;
pub(crate) mod templates;

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
    pub(crate) transport: Arc<Transport>,
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
client_resources! {
    impl JoviamClient in joviam {
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
