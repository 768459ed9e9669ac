//! The simulated Tavu.io VPS API: all 93 operations of `TavuClient`, over a world of objects
//! kept in memory.
//!
//! Laid out as the client is: one file per resource (`instances`, `volumes`, `subnets`, ...)
//! holds its handlers, as `impl TavuWorld` blocks; this one holds the world, the dispatch from
//! the declared operations to those handlers, and the lifecycle. [`catalogue`] seeds a new
//! world; [`support`] holds what the resources share.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::http::{self, Reply, Req};
use super::route::{self, Route};
use super::schedule::Schedule;
use super::Settings;
use crate::operation::OperationInfo;
use crate::tavu::{
    AvailabilityZone, Configuration, Firewall, FirewallRule, FloatingIp, Image, InstanceScript,
    InstanceSnapshot, Network, Port, Router, SecurityGroup, SecurityGroupRule, SshKey, Subnet,
    Volume, VolumeSnapshot,
};

mod catalogue;
mod firewall_rules;
mod firewalls;
mod floating_ips;
mod instance_interfaces;
mod instance_scripts;
mod instance_snapshots;
mod instance_users;
mod instances;
mod networks;
mod ports;
mod router_interfaces;
mod routers;
mod security_group_rules;
mod security_groups;
mod ssh_keys;
mod subnets;
mod support;
mod volume_snapshots;
mod volumes;

use support::Answer;

/// Every Tavu object the sandbox holds, each kind in creation order (the order lists answer
/// in).
///
/// # Lifecycles
///
/// Asynchronous work takes [`Settings::build_delay`]. Nothing runs in the background: each
/// change that takes time is queued with the moment it is due ([`Schedule`]), and every request
/// first applies whatever has come due ([`TavuWorld::tick`]). A queued change applies only if
/// its object still exists and is still in the state the change started from.
///
/// - **Instances** are `building` after a create or a rebuild, then `active`. `stop` goes
///   `stopping` -> `stopped` and `start` goes `starting` -> `active`, each taking the delay.
///   `reboot` and `force_reboot` need an `active` instance and leave it `active` at once.
///   `resize` (from `active`) switches the configuration at once and goes `resizing` ->
///   `verify_resize`; `confirm_resize` makes it `active` at once, `revert_resize` restores the
///   old configuration and makes it `active` at once. An action in any other state is a 400
///   ("Cannot 'start' instance while it is in status active"). Generated credentials
///   (`username`, `password`) appear only in the answer to the create (unless
///   `disable_password` is true; from an instance snapshot only with `generate_credentials`)
///   and to a rebuild from an operating system (unless the instance was created with
///   `disable_password`), never in later reads. Every instance joins the `default` security group.
///   Deleting an instance deletes its ports (releasing their floating IPs) and detaches its
///   volumes.
/// - **Volumes** are `creating`, then `available`; attaching makes them `in-use` at once, with
///   the attachment (`/dev/vdb`, `/dev/vdc`, ...) shown on the volume and in the instance's
///   `volumes`. Detaching reverses both and sets `detach_time`. As in the reference's
///   examples, the answers to a create and an update leave out `detach_time`, `attachment`
///   and `snapshots`, and reads show `attachment` only while attached and `detach_time` only
///   once set.
/// - **Instance snapshots** are `queued`, then `active` (with a size); only an active one
///   can boot an instance.
/// - **Firewalls** are `PENDING_UPDATE` after an update, then `ACTIVE` (up, with routers) or
///   `INACTIVE`. Changing a firewall's rules clears its `audited` flag; `audit` sets it.
///
/// Port statuses are derived: an instance's port is `ACTIVE` while the instance runs
/// (`active`, `verify_resize`) and its admin state is up, `DOWN` otherwise. A floating IP is
/// `ACTIVE` while associated with a port; its `router_id` is the router that connects the
/// port's subnet to the public network.
///
/// # Errors
///
/// An unknown ID in the path is a 404. A body that does not match the client's request struct
/// (a missing required field, an unknown field, a wrong type) is a 400 naming the field, and so
/// is a body field that refers to nothing (`image_id`, `network_id`, ...) or holds an invalid
/// value. Acting on an object in the wrong state, or deleting one still in use (a network with
/// subnets or ports, an attached volume, a router with interfaces), is a 400 saying why.
#[derive(Serialize, Deserialize)]
pub(crate) struct TavuWorld {
    // The catalogue.
    zones: Vec<AvailabilityZone>,
    configurations: Vec<Configuration>,
    operating_systems: Vec<Image>,
    public_subnet: Subnet,
    // Compute.
    instances: Vec<InstanceRecord>,
    ssh_keys: Vec<SshKey>,
    instance_users: Vec<UserRecord>,
    instance_scripts: Vec<InstanceScript>,
    last_user_id: u64,
    last_script_id: u64,
    // Image and storage.
    instance_snapshots: Vec<InstanceSnapshot>,
    volumes: Vec<Volume>,
    volume_snapshots: Vec<VolumeSnapshot>,
    // Networking.
    ports: Vec<Port>,
    networks: Vec<Network>,
    subnets: Vec<Subnet>,
    firewalls: Vec<Firewall>,
    /// Each rule with the ID of its firewall.
    firewall_rules: Vec<(String, FirewallRule)>,
    routers: Vec<Router>,
    /// Stored without their rules, which live in `security_group_rules`.
    security_groups: Vec<SecurityGroup>,
    security_group_rules: Vec<SecurityGroupRule>,
    floating_ips: Vec<FloatingIp>,
    /// Changes waiting for their moment.
    pending: Schedule<Pending>,
}

/// An instance as the world keeps it; answers render it into [`crate::tavu::Instance`], with
/// its volumes, ports and security groups looked up at that moment.
#[derive(Serialize, Deserialize)]
struct InstanceRecord {
    id: String,
    name: String,
    status: String,
    created_at: String,
    configuration_id: String,
    /// The configuration before a resize, until the resize is confirmed or reverted.
    previous_configuration_id: Option<String>,
    image: Image,
    zone_id: String,
    ssh_keys: Vec<String>,
    security_group_ids: Vec<String>,
    /// The login of generated credentials, when the instance has them.
    login: Option<String>,
    /// Created with `disable_password`: no generated credentials, on create or rebuild.
    #[serde(default)]
    password_disabled: bool,
}

/// An instance user as the world keeps it: SSH keys by name, and a password never shown.
#[derive(Serialize, Deserialize)]
struct UserRecord {
    id: u64,
    username: String,
    ssh_keys: Vec<String>,
    password: Option<String>,
    disable_password: bool,
    created_at: String,
}

/// A change waiting in the [`Schedule`].
#[derive(Serialize, Deserialize)]
struct Pending {
    change: Change,
}

/// The changes that take time.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Change {
    /// The instance moves from status `from` to `to`.
    Instance {
        id: String,
        from: String,
        to: String,
    },
    /// The volume moves from status `from` to `to`.
    Volume {
        id: String,
        from: String,
        to: String,
    },
    /// The instance snapshot becomes `active`.
    InstanceSnapshot { id: String },
    /// The firewall settles after an update.
    Firewall { id: String },
}

impl TavuWorld {
    /// The world as a new account sees it: the catalogue of the reference (configurations,
    /// operating systems, availability zones), the public network, the `default` security
    /// group, and one firewall, one router and two floating IPs (the API cannot create those).
    pub(crate) fn seeded() -> Self {
        let (firewall, rules) = catalogue::firewall();
        let (default_group, default_rules) = catalogue::default_security_group();
        TavuWorld {
            zones: catalogue::zones(),
            configurations: catalogue::configurations(),
            operating_systems: catalogue::operating_systems(),
            public_subnet: catalogue::public_subnet(),
            instances: Vec::new(),
            ssh_keys: Vec::new(),
            instance_users: Vec::new(),
            instance_scripts: Vec::new(),
            last_user_id: 0,
            last_script_id: 0,
            instance_snapshots: Vec::new(),
            volumes: Vec::new(),
            volume_snapshots: Vec::new(),
            ports: Vec::new(),
            networks: Vec::new(),
            subnets: Vec::new(),
            firewall_rules: rules
                .into_iter()
                .map(|rule| (firewall.id.clone(), rule))
                .collect(),
            firewalls: vec![firewall],
            routers: vec![catalogue::router()],
            security_groups: vec![default_group],
            security_group_rules: default_rules,
            floating_ips: catalogue::floating_ips(),
            pending: Schedule::default(),
        }
    }

    /// Answers one request (path relative to the Tavu base URL): the declared operation it
    /// names, or 404.
    pub(crate) fn route(&mut self, settings: &Settings, req: &Req) -> Reply {
        self.tick(Instant::now());
        let answer = match route::find(operations(), req.method(), &req.segments, &req.body) {
            Some(route) => self
                .dispatch(settings.build_delay, &route)
                .unwrap_or_else(|| Err(unhandled(&route))),
            None => Err(http::tavu_error(
                404,
                format!(
                    "no such endpoint: {} /{}",
                    req.method(),
                    req.segments.join("/")
                ),
            )),
        };
        answer.unwrap_or_else(|rejection| rejection)
    }

    /// Calls the world's handler for a declared operation; `None` when it has none (a test
    /// checks that every declared operation has one).
    fn dispatch(&mut self, delay: Duration, route: &Route<'_>) -> Option<Answer> {
        let body = route.body;
        let (id, sub) = (route.param(0), route.param(1));
        let answer = match (route.handler, route.name) {
            ("InstancesHandler", "list") => self.list_instances(),
            ("InstancesHandler", "create") => self.create_instance(delay, body),
            ("InstancesHandler", "get") => self.get_instance(id),
            ("InstancesHandler", "update") => self.update_instance(id, body),
            ("InstancesHandler", "delete") => self.delete_instance(id),
            (
                "InstancesHandler",
                "start" | "stop" | "reboot" | "force_reboot" | "resize" | "confirm_resize"
                | "revert_resize" | "rebuild",
            ) => self.instance_action(delay, id, body),
            ("InstanceInterfacesHandler", "list") => self.list_interfaces(id),
            ("InstanceInterfacesHandler", "create") => self.create_interface(id, body),
            ("InstanceInterfacesHandler", "get") => self.get_interface(id, sub),
            ("InstanceInterfacesHandler", "delete") => self.delete_interface(id, sub),
            ("InstanceUsersHandler", "list") => self.list_users(),
            ("InstanceUsersHandler", "create") => self.create_user(body),
            ("InstanceUsersHandler", "get") => self.get_user(id),
            ("InstanceUsersHandler", "update") => self.update_user(id, body),
            ("InstanceUsersHandler", "delete") => self.delete_user(id),
            ("InstanceScriptsHandler", "list") => self.list_scripts(),
            ("InstanceScriptsHandler", "create") => self.create_script(body),
            ("InstanceScriptsHandler", "get") => self.get_script(id),
            ("InstanceScriptsHandler", "update") => self.update_script(id, body),
            ("InstanceScriptsHandler", "delete") => self.delete_script(id),
            ("ConfigurationsHandler", "list") => support::ok(&self.configurations),
            ("SshKeysHandler", "list") => support::ok(&self.ssh_keys),
            ("SshKeysHandler", "create") => self.create_ssh_key(body),
            ("SshKeysHandler", "get") => self.get_ssh_key(id),
            ("SshKeysHandler", "delete") => self.delete_ssh_key(id),
            ("OperatingSystemsHandler", "list") => support::ok(&self.operating_systems),
            ("InstanceSnapshotsHandler", "list") => support::ok(&self.instance_snapshots),
            ("InstanceSnapshotsHandler", "create") => self.create_instance_snapshot(delay, body),
            ("InstanceSnapshotsHandler", "get") => self.get_instance_snapshot(id),
            ("InstanceSnapshotsHandler", "delete") => self.delete_instance_snapshot(id),
            ("VolumesHandler", "list") => self.list_volumes(),
            ("VolumesHandler", "create") => self.create_volume(delay, body),
            ("VolumesHandler", "get") => self.get_volume(id),
            ("VolumesHandler", "update") => self.update_volume(id, body),
            ("VolumesHandler", "delete") => self.delete_volume(id),
            ("VolumesHandler", "attach") => self.attach_volume(id, body),
            ("VolumesHandler", "detach") => self.detach_volume(id, body),
            ("VolumeSnapshotsHandler", "list") => support::ok(&self.volume_snapshots),
            ("VolumeSnapshotsHandler", "create") => self.create_volume_snapshot(body),
            ("VolumeSnapshotsHandler", "get") => self.get_volume_snapshot(id),
            ("VolumeSnapshotsHandler", "update") => self.update_volume_snapshot(id, body),
            ("VolumeSnapshotsHandler", "delete") => self.delete_volume_snapshot(id),
            ("PortsHandler", "list") => self.list_ports(),
            ("PortsHandler", "get") => self.get_port(id),
            ("PortsHandler", "update") => self.update_port(id, body),
            ("NetworksHandler", "list") => support::ok(&self.networks),
            ("NetworksHandler", "create") => self.create_network(body),
            ("NetworksHandler", "get") => self.get_network(id),
            ("NetworksHandler", "update") => self.update_network(id, body),
            ("NetworksHandler", "delete") => self.delete_network(id),
            ("SubnetsHandler", "list") => support::ok(&self.subnets),
            ("SubnetsHandler", "create") => self.create_subnet(body),
            ("SubnetsHandler", "get") => self.get_subnet(id),
            ("SubnetsHandler", "update") => self.update_subnet(id, body),
            ("SubnetsHandler", "delete") => self.delete_subnet(id),
            ("FirewallsHandler", "list") => support::ok(&self.firewalls),
            ("FirewallsHandler", "get") => self.get_firewall(id),
            ("FirewallsHandler", "update") => self.update_firewall(delay, id, body),
            ("FirewallsHandler", "delete") => self.delete_firewall(id),
            ("FirewallsHandler", "audit") => self.audit_firewall(id),
            ("FirewallRulesHandler", "list") => self.list_firewall_rules(id),
            ("FirewallRulesHandler", "create") => self.create_firewall_rule(id, body),
            ("FirewallRulesHandler", "get") => self.get_firewall_rule(id, sub),
            ("FirewallRulesHandler", "update") => self.update_firewall_rule(id, sub, body),
            ("FirewallRulesHandler", "delete") => self.delete_firewall_rule(id, sub),
            ("RoutersHandler", "list") => support::ok(&self.routers),
            ("RoutersHandler", "get") => self.get_router(id),
            ("RoutersHandler", "update") => self.update_router(id, body),
            ("RoutersHandler", "delete") => self.delete_router(id),
            ("RouterInterfacesHandler", "list") => self.list_router_interfaces(id),
            ("RouterInterfacesHandler", "create") => self.create_router_interface(id, body),
            ("RouterInterfacesHandler", "get") => self.get_router_interface(id, sub),
            ("RouterInterfacesHandler", "delete") => self.delete_router_interface(id, sub),
            ("SecurityGroupsHandler", "list") => {
                support::ok_without(&self.security_groups, "rules")
            }
            ("SecurityGroupsHandler", "create") => self.create_security_group(body),
            ("SecurityGroupsHandler", "get") => self.get_security_group(id),
            ("SecurityGroupsHandler", "update") => self.update_security_group(id, body),
            ("SecurityGroupsHandler", "delete") => self.delete_security_group(id),
            ("SecurityGroupRulesHandler", "list") => self.list_security_group_rules(id),
            ("SecurityGroupRulesHandler", "create") => self.create_security_group_rule(id, body),
            ("SecurityGroupRulesHandler", "get") => self.get_security_group_rule(id, sub),
            ("SecurityGroupRulesHandler", "delete") => self.delete_security_group_rule(id, sub),
            ("FloatingIpsHandler", "list") => self.list_floating_ips(),
            ("FloatingIpsHandler", "get") => self.get_floating_ip(id),
            ("FloatingIpsHandler", "update") => self.update_floating_ip(id, body),
            ("FloatingIpsHandler", "delete") => self.delete_floating_ip(id),
            _ => return None,
        };
        Some(answer)
    }

    /// Queues `change` to take effect after `delay`.
    fn schedule(&mut self, delay: Duration, change: Change) {
        self.pending.at(Instant::now() + delay, Pending { change });
    }

    /// Applies every queued change due by `now`, oldest first.
    fn tick(&mut self, now: Instant) {
        for pending in self.pending.take_due(now) {
            self.apply(pending.change);
        }
    }

    fn apply(&mut self, change: Change) {
        match change {
            Change::Instance { id, from, to } => {
                if let Some(instance) = self
                    .instances
                    .iter_mut()
                    .find(|i| i.id == id && i.status == from)
                {
                    instance.status = to;
                }
            }
            Change::Volume { id, from, to } => {
                if let Some(volume) = self
                    .volumes
                    .iter_mut()
                    .find(|v| v.id == id && v.status == from)
                {
                    volume.status = to;
                }
            }
            Change::InstanceSnapshot { id } => self.finish_instance_snapshot(&id),
            Change::Firewall { id } => self.settle_firewall(&id),
        }
    }
}

/// Every operation `TavuClient` declares, read once.
fn operations() -> &'static [OperationInfo] {
    static OPERATIONS: OnceLock<Vec<OperationInfo>> = OnceLock::new();
    OPERATIONS.get_or_init(crate::tavu::TavuClient::operations)
}

/// The answer to a declared operation the world has no handler for.
fn unhandled(route: &Route<'_>) -> Reply {
    http::tavu_error(
        501,
        format!(
            "the sandbox does not simulate {}::{}",
            route.handler, route.name
        ),
    )
}
