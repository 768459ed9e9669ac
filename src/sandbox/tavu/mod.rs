//! The simulated Tavu.io VPS API: all 93 operations of `TavuClient`, over a world of objects
//! kept in memory.
//!
//! The routes live by service: [`compute`] (instances, their actions and interfaces,
//! instance users and scripts, configurations, SSH keys), [`storage`] (operating systems,
//! instance snapshots, volumes, volume snapshots) and [`networking`] (ports, networks,
//! subnets, firewalls and their rules, routers and their interfaces, security groups and
//! their rules, floating IPs). [`catalogue`] seeds a new world; [`support`] holds what they
//! share.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::http::{self, Reply, Req};
use super::Settings;
use crate::tavu::{
    AvailabilityZone, Configuration, Firewall, FirewallRule, FloatingIp, Image, InstanceScript,
    InstanceSnapshot, Network, Port, Router, SecurityGroup, SecurityGroupRule, SshKey, Subnet,
    Volume, VolumeSnapshot,
};

mod catalogue;
mod compute;
mod networking;
mod storage;
mod support;

use support::Answer;

/// Every Tavu object the sandbox holds, each kind in creation order (the order lists answer
/// in).
///
/// # Lifecycles
///
/// Asynchronous work takes [`Settings::build_delay`]. Nothing runs in the background: each
/// change that takes time is queued with the moment it is due ([`Pending`]), and every request
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
    pending: Vec<Pending>,
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

/// A change that takes effect at `due`.
#[derive(Serialize, Deserialize)]
struct Pending {
    #[serde(rename = "due_in_ms", with = "crate::sandbox::state::instant")]
    due: Instant,
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
            pending: Vec::new(),
        }
    }

    /// Answers one request (path relative to the Tavu base URL).
    pub(crate) fn route(&mut self, settings: &Settings, req: &Req) -> Reply {
        self.tick(Instant::now());
        let delay = settings.build_delay;
        let body = req.body.as_slice();
        let path = req.path();
        let answer: Answer = match (req.method(), path.as_slice()) {
            // Compute: instances and their actions.
            ("GET", ["compute", "v1", "instances"]) => self.list_instances(),
            ("POST", ["compute", "v1", "instances"]) => self.create_instance(delay, body),
            ("GET", ["compute", "v1", "instances", id]) => self.get_instance(id),
            ("PATCH", ["compute", "v1", "instances", id]) => self.update_instance(id, body),
            ("DELETE", ["compute", "v1", "instances", id]) => self.delete_instance(id),
            ("POST", ["compute", "v1", "instances", id, "action"]) => {
                self.instance_action(delay, id, body)
            }
            // Compute: instance interfaces.
            ("GET", ["compute", "v1", "instances", id, "interfaces"]) => self.list_interfaces(id),
            ("POST", ["compute", "v1", "instances", id, "interfaces"]) => {
                self.create_interface(id, body)
            }
            ("GET", ["compute", "v1", "instances", id, "interfaces", port]) => {
                self.get_interface(id, port)
            }
            ("DELETE", ["compute", "v1", "instances", id, "interfaces", port]) => {
                self.delete_interface(id, port)
            }
            // Compute: instance users.
            ("GET", ["compute", "v1", "instance-users"]) => self.list_users(),
            ("POST", ["compute", "v1", "instance-users"]) => self.create_user(body),
            ("GET", ["compute", "v1", "instance-users", id]) => self.get_user(id),
            ("PATCH", ["compute", "v1", "instance-users", id]) => self.update_user(id, body),
            ("DELETE", ["compute", "v1", "instance-users", id]) => self.delete_user(id),
            // Compute: instance scripts (the reference's examples show update and delete at
            // /instance-users/..., a copy-paste slip; its request line says /instance-scripts).
            ("GET", ["compute", "v1", "instance-scripts"]) => self.list_scripts(),
            ("POST", ["compute", "v1", "instance-scripts"]) => self.create_script(body),
            ("GET", ["compute", "v1", "instance-scripts", id]) => self.get_script(id),
            ("PATCH", ["compute", "v1", "instance-scripts", id]) => self.update_script(id, body),
            ("DELETE", ["compute", "v1", "instance-scripts", id]) => self.delete_script(id),
            // Compute: configurations and SSH keys.
            ("GET", ["compute", "v1", "configurations"]) => support::ok(&self.configurations),
            ("GET", ["compute", "v1", "ssh-keys"]) => support::ok(&self.ssh_keys),
            ("POST", ["compute", "v1", "ssh-keys"]) => self.create_ssh_key(body),
            ("GET", ["compute", "v1", "ssh-keys", name]) => self.get_ssh_key(name),
            ("DELETE", ["compute", "v1", "ssh-keys", name]) => self.delete_ssh_key(name),
            // Image.
            ("GET", ["image", "v1", "operating-systems"]) => support::ok(&self.operating_systems),
            ("GET", ["image", "v1", "instance-snapshots"]) => support::ok(&self.instance_snapshots),
            ("POST", ["image", "v1", "instance-snapshots"]) => {
                self.create_instance_snapshot(delay, body)
            }
            ("GET", ["image", "v1", "instance-snapshots", id]) => self.get_instance_snapshot(id),
            ("DELETE", ["image", "v1", "instance-snapshots", id]) => {
                self.delete_instance_snapshot(id)
            }
            // Storage: volumes.
            ("GET", ["storage", "v1", "volumes"]) => self.list_volumes(),
            ("POST", ["storage", "v1", "volumes"]) => self.create_volume(delay, body),
            ("GET", ["storage", "v1", "volumes", id]) => self.get_volume(id),
            ("PATCH", ["storage", "v1", "volumes", id]) => self.update_volume(id, body),
            ("DELETE", ["storage", "v1", "volumes", id]) => self.delete_volume(id),
            ("PATCH", ["storage", "v1", "volumes", id, "attach"]) => self.attach_volume(id, body),
            ("PATCH", ["storage", "v1", "volumes", id, "detach"]) => self.detach_volume(id, body),
            // Storage: volume snapshots.
            ("GET", ["storage", "v1", "volume-snapshots"]) => support::ok(&self.volume_snapshots),
            ("POST", ["storage", "v1", "volume-snapshots"]) => self.create_volume_snapshot(body),
            ("GET", ["storage", "v1", "volume-snapshots", id]) => self.get_volume_snapshot(id),
            ("PATCH", ["storage", "v1", "volume-snapshots", id]) => {
                self.update_volume_snapshot(id, body)
            }
            ("DELETE", ["storage", "v1", "volume-snapshots", id]) => {
                self.delete_volume_snapshot(id)
            }
            // Networking: ports.
            ("GET", ["networking", "v1", "ports"]) => self.list_ports(),
            ("GET", ["networking", "v1", "ports", id]) => self.get_port(id),
            ("PATCH", ["networking", "v1", "ports", id]) => self.update_port(id, body),
            // Networking: networks.
            ("GET", ["networking", "v1", "networks"]) => support::ok(&self.networks),
            ("POST", ["networking", "v1", "networks"]) => self.create_network(body),
            ("GET", ["networking", "v1", "networks", id]) => self.get_network(id),
            ("PATCH", ["networking", "v1", "networks", id]) => self.update_network(id, body),
            ("DELETE", ["networking", "v1", "networks", id]) => self.delete_network(id),
            // Networking: subnets.
            ("GET", ["networking", "v1", "subnets"]) => support::ok(&self.subnets),
            ("POST", ["networking", "v1", "subnets"]) => self.create_subnet(body),
            ("GET", ["networking", "v1", "subnets", id]) => self.get_subnet(id),
            ("PATCH", ["networking", "v1", "subnets", id]) => self.update_subnet(id, body),
            ("DELETE", ["networking", "v1", "subnets", id]) => self.delete_subnet(id),
            // Networking: firewalls and their rules.
            ("GET", ["networking", "v1", "firewalls"]) => support::ok(&self.firewalls),
            ("GET", ["networking", "v1", "firewalls", id]) => self.get_firewall(id),
            ("PATCH", ["networking", "v1", "firewalls", id]) => {
                self.update_firewall(delay, id, body)
            }
            ("DELETE", ["networking", "v1", "firewalls", id]) => self.delete_firewall(id),
            ("GET", ["networking", "v1", "firewalls", id, "audit"]) => self.audit_firewall(id),
            ("GET", ["networking", "v1", "firewalls", id, "rules"]) => self.list_firewall_rules(id),
            ("POST", ["networking", "v1", "firewalls", id, "rules"]) => {
                self.create_firewall_rule(id, body)
            }
            ("GET", ["networking", "v1", "firewalls", id, "rules", rule]) => {
                self.get_firewall_rule(id, rule)
            }
            ("PATCH", ["networking", "v1", "firewalls", id, "rules", rule]) => {
                self.update_firewall_rule(id, rule, body)
            }
            ("DELETE", ["networking", "v1", "firewalls", id, "rules", rule]) => {
                self.delete_firewall_rule(id, rule)
            }
            // Networking: routers and their interfaces.
            ("GET", ["networking", "v1", "routers"]) => support::ok(&self.routers),
            ("GET", ["networking", "v1", "routers", id]) => self.get_router(id),
            ("PATCH", ["networking", "v1", "routers", id]) => self.update_router(id, body),
            ("DELETE", ["networking", "v1", "routers", id]) => self.delete_router(id),
            ("GET", ["networking", "v1", "routers", id, "interfaces"]) => {
                self.list_router_interfaces(id)
            }
            ("POST", ["networking", "v1", "routers", id, "interfaces"]) => {
                self.create_router_interface(id, body)
            }
            ("GET", ["networking", "v1", "routers", id, "interfaces", port]) => {
                self.get_router_interface(id, port)
            }
            ("DELETE", ["networking", "v1", "routers", id, "interfaces", port]) => {
                self.delete_router_interface(id, port)
            }
            // Networking: security groups and their rules.
            ("GET", ["networking", "v1", "security-groups"]) => {
                support::ok_without(&self.security_groups, "rules")
            }
            ("POST", ["networking", "v1", "security-groups"]) => self.create_security_group(body),
            ("GET", ["networking", "v1", "security-groups", id]) => self.get_security_group(id),
            ("PATCH", ["networking", "v1", "security-groups", id]) => {
                self.update_security_group(id, body)
            }
            ("DELETE", ["networking", "v1", "security-groups", id]) => {
                self.delete_security_group(id)
            }
            ("GET", ["networking", "v1", "security-groups", id, "rules"]) => {
                self.list_security_group_rules(id)
            }
            ("POST", ["networking", "v1", "security-groups", id, "rules"]) => {
                self.create_security_group_rule(id, body)
            }
            ("GET", ["networking", "v1", "security-groups", id, "rules", rule]) => {
                self.get_security_group_rule(id, rule)
            }
            ("DELETE", ["networking", "v1", "security-groups", id, "rules", rule]) => {
                self.delete_security_group_rule(id, rule)
            }
            // Networking: floating IPs.
            ("GET", ["networking", "v1", "floating-ips"]) => self.list_floating_ips(),
            ("GET", ["networking", "v1", "floating-ips", id]) => self.get_floating_ip(id),
            ("PATCH", ["networking", "v1", "floating-ips", id]) => {
                self.update_floating_ip(id, body)
            }
            ("DELETE", ["networking", "v1", "floating-ips", id]) => self.delete_floating_ip(id),
            (method, _) => Err(http::tavu_error(
                404,
                format!("no such endpoint: {method} /{}", path.join("/")),
            )),
        };
        answer.unwrap_or_else(|rejection| rejection)
    }

    /// Queues `change` to take effect after `delay`.
    fn schedule(&mut self, delay: Duration, change: Change) {
        self.pending.push(Pending {
            due: Instant::now() + delay,
            change,
        });
    }

    /// Applies every queued change due by `now`, oldest first.
    fn tick(&mut self, now: Instant) {
        let (mut due, later): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.due <= now);
        self.pending = later;
        due.sort_by_key(|p| p.due);
        for pending in due {
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
