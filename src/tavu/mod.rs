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

pub(crate) mod models;
pub use models::*;

pub(crate) mod configurations;
pub(crate) mod firewall_rules;
pub(crate) mod firewalls;
pub(crate) mod floating_ips;
pub(crate) mod instance_interfaces;
pub(crate) mod instance_scripts;
pub(crate) mod instance_snapshots;
pub(crate) mod instance_users;
pub(crate) mod instances;
pub(crate) mod networks;
pub(crate) mod operating_systems;
pub(crate) mod ports;
pub(crate) mod router_interfaces;
pub(crate) mod routers;
pub(crate) mod security_group_rules;
pub(crate) mod security_groups;
pub(crate) mod ssh_keys;
pub(crate) mod subnets;
pub(crate) mod volume_snapshots;
pub(crate) mod volumes;

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
    pub(crate) transport: Arc<Transport>,
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
client_resources! {
    impl TavuClient in tavu {
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
