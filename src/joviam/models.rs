//! The objects the Joviam API returns, and the enumerations their states and modes take.
//!
//! Each model follows the reference's attribute table: a field the table marks nullable is an
//! `Option` (and may also be left out), every other field is required. Lists that are missing
//! or `null` read as empty, fields the models do not declare are kept in each model's `extra`,
//! and states, types and modes are [string enums](ConsoleSessionState) whose `Other` variant
//! keeps any value the reference does not list, so a new server-side state never breaks
//! parsing. Timestamps are [`Timestamp`]s and, as for Tavu, may be missing. Nested objects (a
//! region inside a performance tier inside a disk inside an instance) are one model each,
//! reused.

use crate::operation::{models, string_enum};
use crate::Timestamp;

string_enum! {
    /// State of a [`ConsoleSession`]. In Python, a plain `str`; compare with
    /// `vpsclient.joviam.ConsoleSessionState`.
    pub enum ConsoleSessionState {
        /// Setting the session up failed.
        Failed = "failed",
        /// Being set up.
        Initiating = "initiating",
        /// Ready: its connection details may be used, once.
        Ready = "ready",
    }
}

string_enum! {
    /// Kind of a [`ConsoleSession`], also the `type` asked for by
    /// [`InstancesHandler::remote_access`](crate::joviam::InstancesHandler::remote_access).
    /// In Python, a plain `str`; compare with `vpsclient.joviam.ConsoleSessionType`.
    pub enum ConsoleSessionType {
        /// A serial console, served over Mosh.
        Serial = "serial",
        /// A VNC console, wrapped in a websockets connection.
        Vnc = "vnc",
    }
}

string_enum! {
    /// State of a [`Disk`]. In Python, a plain `str`; compare with
    /// `vpsclient.joviam.DiskState`.
    pub enum DiskState {
        Attached = "attached",
        Attaching = "attaching",
        Detaching = "detaching",
        FailedToProvision = "failed_to_provision",
        FailedToTerminate = "failed_to_terminate",
        Initial = "initial",
        Pending = "pending",
        PendingVerification = "pending_verification",
        Provisioning = "provisioning",
        Resizing = "resizing",
        Terminated = "terminated",
        Terminating = "terminating",
        Transferred = "transferred",
        Unattached = "unattached",
    }
}

string_enum! {
    /// State of an [`Instance`]. In Python, a plain `str`; compare with
    /// `vpsclient.joviam.InstanceState`.
    pub enum InstanceState {
        FailedToProvision = "failed_to_provision",
        Initial = "initial",
        PendingVerification = "pending_verification",
        Provisioning = "provisioning",
        Running = "running",
        Starting = "starting",
        Stopped = "stopped",
        Stopping = "stopping",
        Terminated = "terminated",
        Terminating = "terminating",
        Transferred = "transferred",
        Updating = "updating",
        UpdatingNetwork = "updating_network",
    }
}

string_enum! {
    /// State of a [`Network`]. In Python, a plain `str`; compare with
    /// `vpsclient.joviam.NetworkState`.
    pub enum NetworkState {
        FailedToProvision = "failed_to_provision",
        Initial = "initial",
        PendingVerification = "pending_verification",
        Provisioning = "provisioning",
        Ready = "ready",
        Terminated = "terminated",
        Terminating = "terminating",
        Transferred = "transferred",
    }
}

string_enum! {
    /// Device an [`Instance`] boots from. In Python, a plain `str`; compare with
    /// `vpsclient.joviam.BootDevice`.
    pub enum BootDevice {
        /// The CD-ROM drive.
        Cdrom = "cdrom",
        /// The first disk (the API's default).
        Disk = "disk",
        /// The network (PXE).
        Network = "network",
    }
}

string_enum! {
    /// Virtualization mode of an [`Instance`], or the one a [`Template`] recommends. In Python,
    /// a plain `str`; compare with `vpsclient.joviam.Virtualization`.
    pub enum Virtualization {
        /// Hardware virtual machine.
        Hvm = "hvm",
        /// Paravirtualization.
        Pv = "pv",
    }
}

models! {
    python_module = "vpsclient.joviam";

    /// A physical region (a data center).
    pub struct Region {
        /// Region ID.
        pub id: String,
        /// Name, e.g. `AU East`.
        pub name: String,
        /// Code, e.g. `SY3`.
        pub code: String,
    }

    /// A pre-defined set of performance characteristics for a disk or an instance.
    pub struct PerformanceTier {
        /// Performance tier ID.
        pub id: String,
        /// Name, e.g. `Standard`.
        pub name: String,
        /// The region where it is available.
        pub region: Region,
    }

    /// A template boot disks are provisioned from.
    pub struct Template {
        /// Template ID.
        pub id: String,
        /// Name, e.g. `Ubuntu 16.04`.
        #[serde(default)]
        pub name: Option<String>,
        /// The region where it is available.
        pub region: Region,
        /// Smallest boot disk that can use it, in gigabytes.
        #[serde(default)]
        pub minimum_disk_size: Option<u64>,
        /// Whether its operating system supports SSH public keys.
        pub allows_public_key_auth: bool,
        /// Short name that finds the latest version of the template, e.g. `ubuntu-16-04`.
        #[serde(default)]
        pub slug: Option<String>,
        /// Version, from 1, raised each time its source disk changes.
        pub version: u32,
        /// The disk holding its data; `None` for system templates.
        #[serde(default)]
        pub disk_id: Option<String>,
        /// Whether it is published to other organizations.
        pub published: bool,
        /// The template that superseded this one, if any.
        #[serde(default)]
        pub superseded_by_id: Option<String>,
        /// The virtualization mode recommended (sometimes required) for it.
        pub recommended_virtualization: Virtualization,
    }

    /// A block device that can be attached to instances.
    pub struct Disk {
        /// Disk ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Position at which it is attached to its instance, from 0.
        #[serde(default)]
        pub position: Option<u32>,
        /// Size in gigabytes.
        pub size: u64,
        /// Its performance tier.
        pub performance_tier: PerformanceTier,
        /// The template it was sourced from, if any.
        #[serde(default)]
        pub template: Option<Template>,
        /// State, e.g. `attached`.
        pub state: DiskState,
        /// The region it is in.
        pub region: Region,
        /// The instance it is attached to, if any.
        #[serde(default)]
        pub instance_id: Option<String>,
        /// Whether it emulates a CD-ROM.
        pub cdrom: bool,
        /// Whether it is a template other disks can be cloned from.
        pub is_template: bool,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When its configuration last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }

    /// An SSH public key that can log into SSH-enabled instances.
    pub struct PublicKey {
        /// Public key ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// The key, in OpenSSH format.
        pub key: String,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }

    /// A virtual network.
    pub struct Network {
        /// Network ID.
        pub id: String,
        /// Name.
        #[serde(default)]
        pub name: Option<String>,
        /// Whether it is public (routable on the Internet).
        pub is_public: bool,
        /// Its range in CIDR notation, e.g. `192.168.2.0/24`.
        pub specification: String,
        /// Netmask, e.g. `255.255.255.0`.
        pub netmask: String,
        /// Gateway address, if any.
        #[serde(default)]
        pub gateway: Option<String>,
        /// Primary name server, if any.
        #[serde(default)]
        pub primary_nameserver: Option<String>,
        /// Secondary name server, if any.
        #[serde(default)]
        pub secondary_nameserver: Option<String>,
        /// State, e.g. `ready`.
        pub state: NetworkState,
        /// Reserved network address (the first of its range).
        pub network_address: String,
        /// The region it is in.
        pub region: Region,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }

    /// An IP address.
    pub struct IpAddress {
        /// IP address ID.
        pub id: String,
        /// Name, if any.
        #[serde(default)]
        pub name: Option<String>,
        /// The address, in IPv4 notation.
        pub address: String,
        /// The network it belongs to.
        pub network_id: String,
        /// The instances it is attached to.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub instance_ids: Vec<String>,
        /// Whether it can be shared between instances.
        pub shareable: bool,
        /// When it was allocated.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }

    /// A network adapter (NIC): the binding between an instance and a network.
    pub struct NetworkAdapter {
        /// Network adapter ID.
        pub id: String,
        /// Position on the instance (2 is `eth2`).
        pub index: u32,
        /// Whether DHCP is on for it.
        pub dhcp: bool,
        /// The network it connects to.
        pub network: Network,
        /// Static IP addresses attached to it.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub ip_addresses: Vec<IpAddress>,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }

    /// A virtual machine.
    pub struct Instance {
        /// Instance ID.
        pub id: String,
        /// Name.
        pub name: String,
        /// Memory in megabytes.
        pub memory: u64,
        /// Virtualization mode.
        pub virtualization: Virtualization,
        /// Host name.
        pub hostname: String,
        /// The device it boots from.
        pub boot_device: BootDevice,
        /// Whether it is restarted after a shutdown.
        pub start_on_shutdown: bool,
        /// Whether it is restarted after a reboot.
        pub start_on_reboot: bool,
        /// Whether it is restarted after a crash.
        pub start_on_crash: bool,
        /// State, e.g. `running`, `stopped`, `terminating`.
        pub state: InstanceState,
        /// Its performance tier.
        pub performance_tier: PerformanceTier,
        /// Attached disks, in device order.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub disks: Vec<Disk>,
        /// Public keys that can log into it.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub public_keys: Vec<PublicKey>,
        /// Network adapters, in order.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub network_adapters: Vec<NetworkAdapter>,
        /// IDs of the instances grouped with it for high availability.
        #[serde(default, deserialize_with = "crate::lenient::null_as_empty")]
        pub availability_group: Vec<String>,
        /// The region it is in.
        pub region: Region,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When its configuration last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }

    /// A remote console session to an instance, over VNC or serial. Once `ready`, its
    /// connection details can be used once. `repr()` masks the `token`.
    pub struct ConsoleSession {
        /// Console session ID.
        pub id: String,
        /// State: `initiating`, `ready` or `failed`.
        pub state: ConsoleSessionState,
        /// Host to connect to (serial sessions).
        #[serde(default)]
        pub host: Option<String>,
        /// Port to connect to (serial sessions).
        #[serde(default)]
        pub port: Option<u16>,
        /// The VNC password or serial key. A secret.
        #[serde(default)]
        pub token: Option<String>,
        /// `vnc` or `serial`.
        pub r#type: ConsoleSessionType,
        /// Websockets URL (VNC sessions).
        #[serde(default)]
        pub url: Option<String>,
        /// The instance it connects to.
        pub instance_id: String,
        /// When it was created.
        #[serde(default)]
        pub created_at: Option<Timestamp>,
        /// When it last changed.
        #[serde(default)]
        pub updated_at: Option<Timestamp>,
    }
}
