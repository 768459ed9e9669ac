//! Instances, their state, note, power, remote access, the lists that replace
//! their disks, keys, adapters and availability group, and their context variables.

// `create` has seven required body fields, which the Python method takes positionally, as
// api-surface.md spells them; its generated signature is therefore long.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::joviam::{
    BootDevice, ConsoleSession, ConsoleSessionType, Disk, Instance, InstanceState, NetworkAdapter,
    PublicKey, Virtualization,
};
use crate::operation::{request, resource};

/// An instance's context variables: names to values, all strings. In Python, a `dict[str, str]`.
pub type ContextVariables = BTreeMap<String, String>;

request! {
    /// Body of [`InstancesHandler::create`]: an instance with a new boot disk (the console's
    /// "Basic Create").
    pub struct CreateInstance {
        /// Name of the instance.
        pub name: String,
        /// Memory in megabytes.
        pub memory: u64,
        /// ID of the region to create it in.
        pub region: String,
        /// ID of the instance's performance tier.
        pub instance_performance_tier: String,
        /// ID of the new boot disk's performance tier.
        pub disk_performance_tier: String,
        /// ID or slug of the template for the new boot disk.
        pub template: String,
        /// Size of the new boot disk, in gigabytes.
        pub size: u64,
    }
    optional {
        /// Allocate an address on the first available private network and attach it. The API
        /// defaults to false.
        pub allocate_private_ip: Option<bool>,
        /// Allocate an address on the first available public network and attach it. The API
        /// defaults to false.
        pub allocate_public_ip: Option<bool>,
        /// IDs of instances to group it with for high availability.
        pub availability_group: Option<Vec<String>>,
        /// IDs of networks to attach it to; a new address is allocated on each.
        pub networks: Option<Vec<String>>,
        /// IDs of public keys that can log into it.
        pub public_keys: Option<Vec<String>>,
        /// Start it as soon as its boot disk is provisioned. The API defaults to false.
        pub start_when_ready: Option<bool>,
    }
}

request! {
    /// Body of [`InstancesHandler::assemble`]: an instance from existing disks and IP
    /// addresses (the console's "Advanced Create").
    pub struct AssembleInstance {
        /// Name of the instance.
        pub name: String,
        /// Memory in megabytes.
        pub memory: u64,
        /// ID of the region to create it in.
        pub region: String,
        /// ID of its performance tier.
        pub performance_tier: String,
    }
    optional {
        /// IDs of instances to group it with for high availability.
        pub availability_group: Option<Vec<String>>,
        /// Device to boot from. The API defaults to `disk`.
        pub boot_device: Option<BootDevice>,
        /// IDs of disks to attach, in device order.
        pub disks: Option<Vec<String>>,
        /// IDs of IP addresses to assign.
        pub ip_addresses: Option<Vec<String>>,
        /// IDs of public keys that can log into it.
        pub public_keys: Option<Vec<String>>,
        /// Restart after a crash. The API defaults to true.
        pub start_on_crash: Option<bool>,
        /// Restart after a reboot. The API defaults to true.
        pub start_on_reboot: Option<bool>,
        /// Restart after a shutdown. The API defaults to false.
        pub start_on_shutdown: Option<bool>,
        /// Virtualization mode.
        pub virtualization: Option<Virtualization>,
    }
}

request! {
    /// Body of [`InstancesHandler::update`].
    pub struct UpdateInstance {}
    optional {
        /// Device to boot from.
        pub boot_device: Option<BootDevice>,
        /// Memory in megabytes.
        pub memory: Option<u64>,
        /// New name.
        pub name: Option<String>,
        /// Free text about the instance, read back with [`InstancesHandler::note`].
        pub note: Option<String>,
        /// ID of its new performance tier.
        pub performance_tier: Option<String>,
        /// Restart after a crash.
        pub start_on_crash: Option<bool>,
        /// Restart after a reboot.
        pub start_on_reboot: Option<bool>,
        /// Restart after a shutdown.
        pub start_on_shutdown: Option<bool>,
        /// Virtualization mode.
        pub virtualization: Option<Virtualization>,
    }
}

request! {
    /// Body of [`InstancesHandler::remote_access`].
    pub struct StartRemoteAccess {}
    optional {
        /// `vnc` or `serial`; the API chooses when it is left out.
        pub r#type: Option<ConsoleSessionType>,
    }
}

request! {
    /// Body of [`InstancesHandler::set_disks`].
    pub struct SetInstanceDisks {
        /// IDs of the disks to attach, in device order; disks not listed are detached.
        pub disks: Vec<String>,
    }
}

request! {
    /// Body of [`InstancesHandler::set_public_keys`].
    pub struct SetInstancePublicKeys {
        /// IDs of the public keys that can log into the instance.
        pub public_keys: Vec<String>,
    }
}

/// The addresses of a [`NetworkAdapterSpec`]: a list of IP address IDs (zero or more), or
/// DHCP.
///
/// Sent as the JSON list or as the string `"dhcp"`, and read back from either, so in Python
/// `ip_addresses` is a list of IDs or the string `"dhcp"`.
///
/// ```
/// use vpsclient::joviam::AdapterAddresses;
/// let dhcp = AdapterAddresses::Dhcp;
/// let fixed = AdapterAddresses::from(vec!["41ba5632-95f5-82b1-416e-e4a1ff74fee4"]);
/// assert_eq!(serde_json::to_string(&dhcp).unwrap(), r#""dhcp""#);
/// assert_eq!(serde_json::to_string(&fixed).unwrap(), r#"["41ba5632-95f5-82b1-416e-e4a1ff74fee4"]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdapterAddresses {
    /// Addresses come from DHCP (`"dhcp"`).
    Dhcp,
    /// These static IP addresses, by ID; an empty list attaches none.
    Ids(Vec<String>),
}

impl Default for AdapterAddresses {
    /// No addresses: an empty list.
    fn default() -> Self {
        AdapterAddresses::Ids(Vec::new())
    }
}

impl From<Vec<String>> for AdapterAddresses {
    fn from(ids: Vec<String>) -> Self {
        AdapterAddresses::Ids(ids)
    }
}

impl From<Vec<&str>> for AdapterAddresses {
    fn from(ids: Vec<&str>) -> Self {
        AdapterAddresses::Ids(ids.into_iter().map(str::to_owned).collect())
    }
}

impl Serialize for AdapterAddresses {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AdapterAddresses::Dhcp => serializer.serialize_str("dhcp"),
            AdapterAddresses::Ids(ids) => ids.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AdapterAddresses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Text(String),
            Ids(Vec<String>),
        }
        match Wire::deserialize(deserializer).map_err(|_| {
            serde::de::Error::custom(r#"expected "dhcp" or a list of IP address IDs"#)
        })? {
            Wire::Text(text) if text == "dhcp" => Ok(AdapterAddresses::Dhcp),
            Wire::Text(other) => Err(serde::de::Error::custom(format!(
                r#"expected "dhcp" or a list of IP address IDs, not the string {other:?}"#
            ))),
            Wire::Ids(ids) => Ok(AdapterAddresses::Ids(ids)),
        }
    }
}

// The reference's table lists both keys without marking either optional, so both are
// required; an empty list is how to attach no address.
request! {
    /// One network adapter for [`InstancesHandler::set_network_adapters`]: a network and the
    /// addresses to use on it. In Python a dict `{"network": id, "ip_addresses": [ids]}` or
    /// `{"network": id, "ip_addresses": "dhcp"}`.
    pub struct NetworkAdapterSpec {
        /// ID of the network to connect to.
        pub network: String,
        /// The IP address IDs to attach, or DHCP.
        pub ip_addresses: AdapterAddresses,
    }
}

impl NetworkAdapterSpec {
    /// An adapter on `network` that takes its address from DHCP.
    pub fn dhcp(network: impl Into<String>) -> Self {
        Self::new(network, AdapterAddresses::Dhcp)
    }
}

request! {
    /// Body of [`InstancesHandler::set_network_adapters`].
    pub struct SetInstanceNetworkAdapters {
        /// The adapters, in order (the first is `eth0`); adapters not listed are removed.
        pub network_adapters: Vec<NetworkAdapterSpec>,
    }
}

request! {
    /// Body of [`InstancesHandler::set_availability_group`].
    pub struct SetAvailabilityGroup {
        /// IDs of the instances to group the instance with for high availability.
        pub availability_group: Vec<String>,
    }
}

resource! {
    /// Instances (`joviam.instances()`): create, assemble, change, start, stop and delete
    /// virtual machines, replace their disks, keys, adapters and availability group, open
    /// remote consoles, and manage their context variables.
    pub struct InstancesHandler in "vpsclient.joviam";
    // `terminated` is where a deleted instance ends; the reference does not say whether it
    // then vanishes (404), so deletion waits accept either.
    waiters {
        resource "instance";
        object Instance.state;
        args (instance_id, state);
        failure_states ["failed_to_provision"];
        gone_states ["terminated"];
        fn wait_for_state, wait_for_state_all, wait_for_deletion;
    }

    /// Lists instances.
    fn list() -> Vec<Instance> = GET "/instances" => json;
    /// Shows one instance.
    fn get(instance_id: str) -> Instance = GET "/instances/{}" => json;
    /// Creates an instance with a new boot disk ("Basic Create") from
    /// `name`, `memory` (MB), `region`, `instance_performance_tier`, `disk_performance_tier`,
    /// `template` (ID or slug) and `size` (GB); optionally `allocate_private_ip`,
    /// `allocate_public_ip`, `availability_group`, `networks`, `public_keys`,
    /// `start_when_ready`.
    fn create(; CreateInstance) -> Instance = POST "/instances" => json;
    /// Creates an instance from existing disks and IP addresses ("Advanced
    /// Create") from `name`, `memory` (MB), `region` and `performance_tier`;
    /// optionally `availability_group`, `boot_device`, `disks`, `ip_addresses`, `public_keys`,
    /// `start_on_crash`, `start_on_reboot`, `start_on_shutdown`, `virtualization`.
    fn assemble(; AssembleInstance) -> Instance = POST "/instances/assemble" => json;
    /// Updates an instance: `boot_device`, `memory`, `name`,
    /// `note`, `performance_tier`, `start_on_crash`, `start_on_reboot`, `start_on_shutdown`,
    /// `virtualization`; only the fields given are sent.
    fn update(instance_id: str; UpdateInstance) -> Instance = PUT "/instances/{}" => json;
    /// Deletes an instance; the API accepts (202) and
    /// returns it `terminating`.
    fn delete(instance_id: str) -> Instance = DELETE "/instances/{}" => json;
    /// The state of an instance, e.g. `running`.
    fn state(instance_id: str) -> InstanceState = GET "/instances/{}/state" => field("state");
    // The reference types the note as a (non-nullable) string, so it is returned as one.
    /// The note of an instance: free text set with
    /// `update(note=...)`.
    fn note(instance_id: str) -> String = GET "/instances/{}/note" => field("note");
    /// Starts an instance; the API accepts (202) and
    /// returns it `starting`.
    fn start(instance_id: str) -> Instance = POST "/instances/{}/start" => json;
    /// Stops an instance; the API accepts (202) and
    /// returns it `stopping`.
    fn stop(instance_id: str) -> Instance = POST "/instances/{}/stop" => json;
    /// Starts a remote console session,
    /// optionally of `type` `vnc` or `serial`; poll it with `console_sessions.get` until it is
    /// `ready`.
    fn remote_access(instance_id: str; StartRemoteAccess) -> ConsoleSession = POST "/instances/{}/remote_access" => json;
    // The issue describes this answer as a list of disk IDs, but the reference's example
    // answers with full disk objects, and this follows the reference.
    /// Replaces the disks attached to an instance with `disks`, IDs in device order, and returns the attached disks. A running
    /// instance attaches and detaches them live (the API answers 202).
    fn set_disks(instance_id: str; SetInstanceDisks) -> Vec<Disk> = PUT "/instances/{}/disks" => json;
    /// Replaces the public keys of an instance with `public_keys`, by ID, and returns them (202 while it runs).
    fn set_public_keys(instance_id: str; SetInstancePublicKeys) -> Vec<PublicKey> = PUT "/instances/{}/public_keys" => json;
    /// Replaces the network adapters of an instance and returns them (202 while it runs).
    /// Each adapter is `{"network": id, "ip_addresses": [ids] or "dhcp"}`
    /// ([`NetworkAdapterSpec`] in Rust).
    fn set_network_adapters(instance_id: str; SetInstanceNetworkAdapters) -> Vec<NetworkAdapter> = PUT "/instances/{}/network_adapters" => json;
    /// Replaces the instances grouped with this one for high availability
    /// and returns their IDs.
    fn set_availability_group(instance_id: str; SetAvailabilityGroup) -> Vec<String> = PUT "/instances/{}/availability_group" => json;
    /// The context variables of an instance, as a map
    /// of names to values.
    fn get_context(instance_id: str) -> ContextVariables = GET "/instances/{}/context" => json;
    /// Replaces all context variables of an instance with `variables`, a map of names to
    /// string values, and returns them.
    fn set_context(instance_id: str; body variables: ContextVariables) -> ContextVariables = POST "/instances/{}/context" => json;
    /// Merges `variables`, a map of names to string values, into the context variables of an
    /// instance and returns all of them.
    fn update_context(instance_id: str; body variables: ContextVariables) -> ContextVariables = PUT "/instances/{}/context" => json;
    /// Deletes the context variable `key` of an instance
    /// and returns the variables left.
    fn delete_context_variable(instance_id: str, key: str) -> ContextVariables = DELETE "/instances/{}/context/{}" => json;
}
