//! The objects the Tavu.io VPS API returns.
//!
//! Fields the reference shows as `null`, or that some responses leave out, are `Option`s; lists
//! that may be missing read as empty. Fields the models do not declare are kept in each
//! model's `extra`, and status strings are kept as the server sends them, so new values never
//! break parsing. Timestamps are [`Timestamp`]s: the reference mixes `+03:00`, `Z` and
//! offset-less forms (read as UTC), and one that cannot be read keeps its text.

use crate::operation::models;
use crate::Timestamp;

models! {
    python_module = "vpsclient.tavu";

    /// An availability zone inside a region.
    pub struct AvailabilityZone {
        /// Zone ID.
        pub id: String,
        /// Region name, e.g. `Ulvila`.
        #[serde(default)]
        pub region: Option<String>,
        /// Zone number within the region.
        #[serde(default)]
        pub number: Option<u32>,
    }

    /// A rule of a security group.
    pub struct SecurityGroupRule {
        /// Rule ID.
        pub id: String,
        /// The security group the rule belongs to.
        #[serde(default)]
        pub security_group_id: Option<String>,
        /// Remote security group the rule admits, if any.
        #[serde(default)]
        pub remote_group_id: Option<String>,
        /// `ingress` or `egress`.
        pub direction: String,
        /// `IPv4` or `IPv6`.
        #[serde(default)]
        pub ethertype: Option<String>,
        /// `icmp`, `icmpv6`, `tcp`, `udp`, a protocol number, or `None` for any.
        #[serde(default)]
        pub protocol: Option<String>,
        /// Lowest port (or ICMP type) of the range.
        #[serde(default)]
        pub port_range_min: Option<i64>,
        /// Highest port (or ICMP code) of the range.
        #[serde(default)]
        pub port_range_max: Option<i64>,
        /// Remote CIDR the rule admits, if any.
        #[serde(default)]
        pub remote_ip_prefix: Option<String>,
    }

    /// A security group. Its `rules` are filled in where the API embeds them (inside an
    /// instance); use `security_group_rules.list` for a group's rules otherwise.
    pub struct SecurityGroup {
        /// Security group ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// Rules, where the response embeds them.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub rules: Vec<SecurityGroupRule>,
    }

    /// Where a volume is attached.
    pub struct VolumeAttachment {
        /// Device path inside the instance, e.g. `/dev/vdb`.
        #[serde(default)]
        pub mounted_at: Option<String>,
        /// The instance the volume is attached to.
        pub instance_id: String,
        /// When it was attached.
        #[serde(default)]
        pub attach_time: Option<Timestamp>,
        /// Attachment status, e.g. `attached`.
        #[serde(default)]
        pub status: Option<String>,
    }

    /// A snapshot of a volume.
    pub struct VolumeSnapshot {
        /// Snapshot ID.
        pub id: String,
        /// Name.
        #[serde(default)]
        pub name: Option<String>,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// The volume it was taken of.
        pub volume_id: String,
        /// Size of that volume, in gigabytes.
        #[serde(default)]
        pub volume_size: Option<u64>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
    }

    /// A block storage volume.
    pub struct Volume {
        /// Volume ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// Size in gigabytes.
        pub size: u64,
        /// Status, e.g. `creating`, `available`, `in-use`.
        pub status: String,
        /// The snapshot the volume was made from, if any.
        #[serde(default)]
        pub snapshot_id: Option<String>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it was last detached.
        #[serde(default)]
        pub detach_time: Option<Timestamp>,
        /// Where it is attached, if it is.
        #[serde(default)]
        pub attachment: Option<VolumeAttachment>,
        /// Its snapshots, where the response lists them.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub snapshots: Vec<VolumeSnapshot>,
    }

    /// An instance configuration (flavour): CPU, memory, disk and bandwidth.
    pub struct Configuration {
        /// Configuration ID.
        pub id: String,
        /// Number of virtual CPUs.
        pub cpu: u32,
        /// Memory in megabytes.
        pub ram: u64,
        /// Disk size in gigabytes.
        pub disk: u64,
        /// Disk type: `hdd`, `ssd`, `nvme`, ...
        #[serde(default)]
        pub disk_type: Option<String>,
        /// Bandwidth, as the decimal string the API sends (e.g. `"500.0"`).
        #[serde(default)]
        pub bandwidth: Option<String>,
        /// Zones where the configuration is available.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub availability_zones: Vec<AvailabilityZone>,
    }

    /// A bootable image: an operating system (from `operating_systems.list`) or the image an
    /// instance was built from.
    pub struct Image {
        /// Image ID.
        pub id: String,
        /// Name, e.g. `Ubuntu`.
        pub name: String,
        /// Version, e.g. `14.04`.
        #[serde(default)]
        pub version: Option<String>,
    }

    /// An IP address allocated to a port.
    pub struct IpAllocation {
        /// The address.
        pub ip_address: String,
        /// The subnet it comes from.
        #[serde(default)]
        pub subnet_id: Option<String>,
        /// The network it comes from (not always sent).
        #[serde(default)]
        pub network_id: Option<String>,
    }

    /// A network port: an instance interface, a router interface or gateway, a DHCP port.
    pub struct Port {
        /// Port ID.
        pub id: String,
        /// Name (often empty).
        #[serde(default)]
        pub name: Option<String>,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// The network the port is on.
        pub network_id: String,
        /// MAC address.
        #[serde(default)]
        pub mac_address: Option<String>,
        /// Administrative state (the API sends `true` or `1`).
        #[serde(default, deserialize_with = "crate::lenient::opt_bool_or_int")]
        pub admin_state_up: Option<bool>,
        /// Status, e.g. `ACTIVE`, `DOWN`.
        #[serde(default)]
        pub status: Option<String>,
        /// The device (instance or router) using the port.
        #[serde(default)]
        pub device_id: Option<String>,
        /// What kind of device owns it, e.g. `compute:None`, `network:router_interface`.
        #[serde(default)]
        pub device_owner: Option<String>,
        /// Addresses allocated to the port.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub ip_allocations: Vec<IpAllocation>,
    }

    /// A virtual machine.
    ///
    /// `username` and `password` are sent once, in the answer to a create or rebuild when the
    /// API generated credentials; `repr()` masks the password.
    pub struct Instance {
        /// Instance ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Status, e.g. `building`, `active`, `stopped`, `error`.
        pub status: String,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// Name of the SSH key it was created with, if any.
        #[serde(default)]
        pub ssh_key: Option<String>,
        /// Where it runs.
        #[serde(default)]
        pub availability_zone: Option<AvailabilityZone>,
        /// Security groups, with their rules where the response embeds them.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub security_groups: Vec<SecurityGroup>,
        /// Attached volumes.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub volumes: Vec<Volume>,
        /// Its configuration.
        #[serde(default)]
        pub configuration: Option<Configuration>,
        /// The image it was built from.
        #[serde(default)]
        pub image: Option<Image>,
        /// Its network ports.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub ports: Vec<Port>,
        /// Login name of generated credentials (create and rebuild only).
        #[serde(default)]
        pub username: Option<String>,
        /// Generated password (create and rebuild only). A secret: store it, do not log it.
        #[serde(default)]
        pub password: Option<String>,
    }

    /// An SSH key. Its name is its ID.
    pub struct SshKey {
        /// Name, unique per account; also the key's ID.
        pub name: String,
        /// The public key.
        #[serde(default)]
        pub public_key: Option<String>,
        /// Fingerprint of the public key.
        #[serde(default)]
        pub fingerprint: Option<String>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// The private key, sent once when the API generated the key pair. A secret.
        #[serde(default)]
        pub private_key: Option<String>,
    }

    /// A user account that instances can be created with.
    pub struct InstanceUser {
        /// Instance user ID (an integer).
        pub id: u64,
        /// Login name.
        pub username: String,
        /// SSH keys the user can log in with.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub ssh_keys: Vec<SshKey>,
        /// Whether password login is disabled.
        #[serde(default)]
        pub disable_password: Option<bool>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
    }

    /// A saved first-boot script (cloud-init user data).
    pub struct InstanceScript {
        /// Instance script ID (an integer).
        pub id: u64,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// The script, strict Base64.
        #[serde(default)]
        pub script: Option<String>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
    }

    /// A snapshot of an instance, usable as an image.
    pub struct InstanceSnapshot {
        /// Snapshot ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Size in megabytes, once known.
        #[serde(default)]
        pub size: Option<u64>,
        /// Status, e.g. `queued`, `active`.
        pub status: String,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// The instance it was taken of.
        #[serde(default)]
        pub instance_id: Option<String>,
    }

    /// The answer to attaching a volume.
    pub struct VolumeAttachResult {
        /// The volume.
        pub volume_id: String,
        /// The instance it was attached to.
        pub instance_id: String,
        /// Device path inside the instance, e.g. `/dev/vdb`.
        #[serde(default)]
        pub mount_point: Option<String>,
    }

    /// A private network.
    pub struct Network {
        /// Network ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// Status, e.g. `ACTIVE`.
        #[serde(default)]
        pub status: Option<String>,
        /// Administrative state.
        #[serde(default, deserialize_with = "crate::lenient::opt_bool_or_int")]
        pub admin_state_up: Option<bool>,
    }

    /// A range of addresses a subnet hands out.
    pub struct AllocationPool {
        /// First address.
        pub start: String,
        /// Last address.
        pub end: String,
    }

    /// A static route: a subnet's host route or a router's route.
    pub struct Route {
        /// Destination CIDR.
        pub destination: String,
        /// Next-hop address.
        pub nexthop: String,
    }

    /// A subnet of a network.
    pub struct Subnet {
        /// Subnet ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// The network it belongs to.
        pub network_id: String,
        /// 4 or 6.
        pub ip_version: u8,
        /// Address range, e.g. `192.168.2.0/24`.
        pub cidr: String,
        /// Gateway address, if any.
        #[serde(default)]
        pub gateway_ip: Option<String>,
        /// Whether DHCP is on.
        #[serde(default)]
        pub enable_dhcp: Option<bool>,
        /// IPv6 router advertisement mode.
        #[serde(default)]
        pub ipv6_ra_mode: Option<String>,
        /// IPv6 address mode.
        #[serde(default)]
        pub ipv6_address_mode: Option<String>,
        /// Address pools.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub allocation_pools: Vec<AllocationPool>,
        /// DNS servers handed out.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub dns_nameservers: Vec<String>,
        /// Host routes handed out.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub host_routes: Vec<Route>,
    }

    /// A firewall attached to routers.
    pub struct Firewall {
        /// Firewall ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// Whether its rules have been audited.
        #[serde(default)]
        pub audited: Option<bool>,
        /// Administrative state.
        #[serde(default, deserialize_with = "crate::lenient::opt_bool_or_int")]
        pub admin_state_up: Option<bool>,
        /// Status, e.g. `ACTIVE`, `INACTIVE`, `PENDING_UPDATE`.
        #[serde(default)]
        pub status: Option<String>,
        /// Routers it is attached to.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub router_ids: Vec<String>,
    }

    /// A rule of a firewall.
    pub struct FirewallRule {
        /// Rule ID.
        pub id: String,
        /// Name.
        #[serde(default)]
        pub name: Option<String>,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// `icmp`, `tcp`, `udp`, or `None` for any.
        #[serde(default)]
        pub protocol: Option<String>,
        /// 4 or 6.
        #[serde(default)]
        pub ip_version: Option<u8>,
        /// Source address or CIDR.
        #[serde(default)]
        pub source_ip_address: Option<String>,
        /// Destination address or CIDR.
        #[serde(default)]
        pub destination_ip_address: Option<String>,
        /// Lowest source port.
        #[serde(default)]
        pub source_port_range_min: Option<u16>,
        /// Highest source port.
        #[serde(default)]
        pub source_port_range_max: Option<u16>,
        /// Lowest destination port.
        #[serde(default)]
        pub destination_port_range_min: Option<u16>,
        /// Highest destination port.
        #[serde(default)]
        pub destination_port_range_max: Option<u16>,
        /// `allow`, `deny` or `reject`.
        #[serde(default)]
        pub action: Option<String>,
        /// Whether the rule is in use.
        #[serde(default)]
        pub enabled: Option<bool>,
        /// Position in the firewall's rule order.
        #[serde(default)]
        pub position: Option<i64>,
    }

    /// A router.
    pub struct Router {
        /// Router ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// Status, e.g. `ACTIVE`.
        #[serde(default)]
        pub status: Option<String>,
        /// Administrative state.
        #[serde(default, deserialize_with = "crate::lenient::opt_bool_or_int")]
        pub admin_state_up: Option<bool>,
        /// Static routes.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub routes: Vec<Route>,
        /// Whether source NAT is on for the external gateway.
        #[serde(default)]
        pub external_gateway_snat_enabled: Option<bool>,
        /// The gateway port in the external network, if attached. The API names this field
        /// `external_gateway_info` in most answers and `external_gateway_port` in the update
        /// answer; both are read here.
        #[serde(default, alias = "external_gateway_port")]
        pub external_gateway_info: Option<Port>,
    }

    /// The answer to adding or removing a router interface.
    pub struct RouterInterface {
        /// The router's ID.
        pub id: String,
        /// The network of the subnet.
        #[serde(default)]
        pub network_id: Option<String>,
        /// The subnet.
        #[serde(default)]
        pub subnet_id: Option<String>,
        /// The port created or removed.
        pub port_id: String,
    }

    /// A floating (public) IP address.
    pub struct FloatingIp {
        /// Floating IP ID.
        pub id: String,
        /// The address.
        pub floating_ip_address: String,
        /// The external network it belongs to.
        #[serde(default)]
        pub floating_network_id: Option<String>,
        /// Description.
        #[serde(default)]
        pub description: Option<String>,
        /// The port it is associated with, if any.
        #[serde(default)]
        pub port_id: Option<String>,
        /// The fixed address it maps to, if associated.
        #[serde(default)]
        pub fixed_ip_address: Option<String>,
        /// The router doing the mapping, if associated.
        #[serde(default)]
        pub router_id: Option<String>,
        /// Status, e.g. `DOWN`, `ACTIVE`.
        #[serde(default)]
        pub status: Option<String>,
        /// Revision counter.
        #[serde(default)]
        pub revision_number: Option<i64>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it was last updated.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }
}
