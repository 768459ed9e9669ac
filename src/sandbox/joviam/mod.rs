//! The simulated Joviam API: every operation of `JoviamClient`, against objects kept in memory.
//!
//! Laid out as the client is: one file per resource (`instances`, `disks`, `networks`, ...)
//! holds its handlers, as `impl JoviamWorld` blocks; this one holds the world, the dispatch
//! from the declared operations to those handlers, and the lifecycle. [`catalogue`] seeds a
//! new world (regions, tiers, templates); [`support`] holds what the resources share.

mod catalogue;
mod console_sessions;
mod disks;
mod instance_settings;
mod instances;
mod ip_addresses;
mod networks;
mod public_keys;
mod support;

use std::sync::OnceLock;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::fresh;
use super::http::{self, Reply, Req};
use super::route::{self, Route};
use super::schedule::{Clock, Schedule};
use super::Settings;
use crate::joviam::{
    ConsoleSession, ConsoleSessionState, ConsoleSessionType, ContextVariables, Disk, DiskState,
    Instance, InstanceState, IpAddress, Network, PerformanceTier, PublicKey, Region, Template,
};
use crate::operation::OperationInfo;
use support::Answer;

/// Every Joviam object the sandbox holds, each list in creation order.
///
/// Objects are stored as the crate's own response models, so what a route answers is what was
/// stored, serialised. Three things are derived on the way out instead of stored twice: an
/// instance's `disks` (the disks whose `instance_id` names it, by `position`), its
/// `public_keys` and `network_adapters` (rendered from IDs), and an IP address's
/// `instance_ids` (the instances with an adapter holding it).
///
/// # Lifecycles
///
/// Nothing runs in the background. Work that takes time schedules its next states as
/// [`Due`] entries, each [`Settings::build_delay`] apart, and every request first applies all
/// entries that have come due ([`JoviamWorld::tick`]), oldest first. So, with `d` the build
/// delay:
///
/// - instance create: `provisioning`, `stopped` after `d` (with `start_when_ready`: `starting`
///   after `d`, `running` after `2d`); its new boot disk is `provisioning`, then `attached`
///   after `d`. Assemble uses existing disks, so it answers the instance `stopped` at once
///   (the reference's example: 200, `stopped`).
/// - start: `starting`, then `running` after `d`; stop: `stopping`, then `stopped`. Either in
///   any other state is a 422 with `{"state": [...]}`.
/// - instance delete (any state): `terminating`, then after `d` the instance is removed (404),
///   rather than kept as `terminated`; deletion waiters accept both. Its disks stay attached
///   while it terminates (the reference's example shows them so) and are then detached and
///   kept, `unattached`: deleting an instance never destroys data. Its IP addresses stay
///   allocated, released from it; its console sessions go with it.
/// - disks: create and clone answer `provisioning`, `unattached` after `d`; resize answers
///   `resizing`, back to `attached`/`unattached` after `d`; delete answers `terminating`, and
///   the disk is removed after `d`.
/// - disks set on a stopped instance attach and detach at once (200); on a running one (202)
///   they go `attaching` -> `attached` and `detaching` -> `unattached` over `d`.
/// - console sessions: `initiating`, then `ready` after `d`, when their connection details
///   (VNC `url` and `token`, serial `host`, `port` and `token`) appear.
/// - networks are `ready` when created; delete answers `terminating` and removes the network
///   after `d`.
///
/// # Where the reference is silent
///
/// - Objects a body names by ID (a region, a network, a disk to attach) that do not exist
///   are a 422 naming the field; only IDs in the URL are 404s.
/// - Deleting an attached disk, deallocating an IP address attached to an instance, and
///   deleting a network that still holds addresses or adapters are 422s: detach first.
///   Public networks cannot be changed or deleted.
/// - Disks and network adapters change only on a stopped (200) or running (202) instance;
///   remote access needs a running one. Keys and the availability group change in any state
///   but `terminating`; the availability group always answers 200 (the reference mentions
///   202 only for disks, keys and adapters) and is stored on the one instance only.
/// - A slug finds the latest version of a template; superseding makes a version with the old
///   one's name and slug, the next version number and the disk's size as its minimum.
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct JoviamWorld {
    regions: Vec<Region>,
    instance_tiers: Vec<PerformanceTier>,
    disk_tiers: Vec<PerformanceTier>,
    templates: Vec<Template>,
    networks: Vec<Network>,
    /// `instance_ids` is left empty here and derived when an address is shown.
    ip_addresses: Vec<IpAddress>,
    public_keys: Vec<PublicKey>,
    disks: Vec<Disk>,
    instances: Vec<InstanceRecord>,
    console_sessions: Vec<ConsoleSession>,
    /// Scheduled transitions.
    pending: Schedule<Due>,
}

/// An instance and what the `Instance` model shows only as rendered objects.
#[derive(Serialize, Deserialize)]
struct InstanceRecord {
    /// The model, with `disks`, `public_keys` and `network_adapters` left empty.
    instance: Instance,
    public_keys: Vec<String>,
    adapters: Vec<AdapterRecord>,
    note: String,
    context: ContextVariables,
}

/// One network adapter of an instance.
#[derive(Serialize, Deserialize)]
struct AdapterRecord {
    id: String,
    dhcp: bool,
    network_id: String,
    ip_ids: Vec<String>,
    created_at: String,
    updated_at: String,
}

/// A transition scheduled for the object `id`.
#[derive(Serialize, Deserialize)]
struct Due {
    id: String,
    event: Event,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Event {
    /// The instance reaches this state.
    InstanceState(InstanceState),
    /// The terminating instance is gone: removed, its disks detached.
    InstanceGone,
    /// The disk's work is done: `attached` if it has an instance, else `unattached`.
    DiskSettled,
    /// The detaching disk leaves its instance.
    DiskDetached,
    /// The terminating disk is removed.
    DiskGone,
    /// The terminating network is removed.
    NetworkGone,
    /// The console session is ready, its connection details filled in.
    ConsoleReady,
}

impl JoviamWorld {
    /// Answers one request (path relative to the Joviam base URL): the declared operation it
    /// names, or 404.
    pub(crate) fn route(&mut self, settings: &Settings, req: &Req) -> Reply {
        let clock = Clock {
            now: Instant::now(),
            delay: settings.build_delay,
        };
        self.tick(clock.now);
        let answer = match route::find(operations(), req.method(), &req.segments, &req.body) {
            Some(route) => self
                .dispatch(&clock, &route, req)
                .unwrap_or_else(|| Err(unhandled(&route))),
            None => Err(http::joviam_error(
                404,
                "not_found",
                Some(
                    format!(
                        "no such endpoint: {} /{}",
                        req.method(),
                        req.segments.join("/")
                    )
                    .into(),
                ),
            )),
        };
        answer.unwrap_or_else(|error| error)
    }

    /// Calls the world's handler for a declared operation; `None` when it has none (a test
    /// checks that every declared operation has one).
    fn dispatch(&mut self, clock: &Clock, route: &Route<'_>, req: &Req) -> Option<Answer> {
        let (id, sub) = (route.param(0), route.param(1));
        let answer = match (route.handler, route.name) {
            ("RegionsHandler", "list") => Ok(Reply::json(200, &self.regions)),
            ("RegionsHandler", "get") => self.get_region(id),
            ("PerformanceTiersHandler", "list_instance") => {
                Ok(Reply::json(200, &self.instance_tiers))
            }
            ("PerformanceTiersHandler", "list_disk") => Ok(Reply::json(200, &self.disk_tiers)),

            ("TemplatesHandler", "list") => Ok(Reply::json(200, &self.templates)),
            ("TemplatesHandler", "get") => self.get_template(id),
            ("TemplatesHandler", "supersede") => self.supersede_template(req),

            ("PublicKeysHandler", "list") => Ok(Reply::json(200, &self.public_keys)),
            ("PublicKeysHandler", "get") => self.get_public_key(id),
            ("PublicKeysHandler", "create") => self.create_public_key(req),
            ("PublicKeysHandler", "update") => self.update_public_key(id, req),
            ("PublicKeysHandler", "delete") => self.delete_public_key(id),

            ("NetworksHandler", "list") => Ok(self.list_networks(|_| true)),
            ("NetworksHandler", "list_public") => Ok(self.list_networks(|n| n.is_public)),
            ("NetworksHandler", "list_private") => Ok(self.list_networks(|n| !n.is_public)),
            ("NetworksHandler", "get") => self.get_network(id),
            ("NetworksHandler", "create") => self.create_network(req),
            ("NetworksHandler", "update") => self.update_network(id, req),
            ("NetworksHandler", "delete") => self.delete_network(clock, id),

            ("IpAddressesHandler", "list") => Ok(self.list_ip_addresses(None)),
            ("IpAddressesHandler", "list_public") => Ok(self.list_ip_addresses(Some(true))),
            ("IpAddressesHandler", "list_private") => Ok(self.list_ip_addresses(Some(false))),
            ("IpAddressesHandler", "get") => self.get_ip_address(id),
            ("IpAddressesHandler", "allocate") => self.allocate_ip_address(req),
            ("IpAddressesHandler", "update") => self.update_ip_address(id, req),
            ("IpAddressesHandler", "deallocate") => self.deallocate_ip_address(id),

            ("DisksHandler", "list") => Ok(Reply::json(200, &self.disks)),
            ("DisksHandler", "get") => self.get_disk(id),
            ("DisksHandler", "state") => self.disk_state(id),
            ("DisksHandler", "create") => self.create_disk(clock, req),
            ("DisksHandler", "update") => self.update_disk(id, req),
            ("DisksHandler", "delete") => self.delete_disk(clock, id),
            ("DisksHandler", "resize") => self.resize_disk(clock, id, req),
            ("DisksHandler", "clone") => self.clone_disk(clock, id, req),

            ("InstancesHandler", "list") => Ok(self.list_instances()),
            ("InstancesHandler", "get") => self.instance_answer(200, id),
            ("InstancesHandler", "create") => self.create_instance(clock, req),
            ("InstancesHandler", "assemble") => self.assemble_instance(req),
            ("InstancesHandler", "update") => self.update_instance(id, req),
            ("InstancesHandler", "delete") => self.delete_instance(clock, id),
            ("InstancesHandler", "state") => self.instance_state(id),
            ("InstancesHandler", "note") => self.instance_note(id),
            ("InstancesHandler", "start") => self.start_instance(clock, id),
            ("InstancesHandler", "stop") => self.stop_instance(clock, id),
            ("InstancesHandler", "remote_access") => self.remote_access(clock, id, req),
            ("InstancesHandler", "set_disks") => self.set_instance_disks(clock, id, req),
            ("InstancesHandler", "set_public_keys") => self.set_instance_public_keys(id, req),
            ("InstancesHandler", "set_network_adapters") => {
                self.set_instance_network_adapters(id, req)
            }
            ("InstancesHandler", "set_availability_group") => self.set_availability_group(id, req),
            ("InstancesHandler", "get_context") => self.get_context(id),
            ("InstancesHandler", "set_context") => self.change_context(id, req, true),
            ("InstancesHandler", "update_context") => self.change_context(id, req, false),
            ("InstancesHandler", "delete_context_variable") => {
                self.delete_context_variable(id, sub)
            }

            ("ConsoleSessionsHandler", "get") => self.get_console_session(id),
            _ => return None,
        };
        Some(answer)
    }

    /// Schedules `event` for the object `id` at `at`.
    fn schedule(&mut self, at: Instant, id: &str, event: Event) {
        self.pending.at(
            at,
            Due {
                id: id.to_owned(),
                event,
            },
        );
    }

    /// Drops every transition scheduled for the object `id` (a new action replaces them).
    fn cancel(&mut self, id: &str) {
        self.pending.retain(|due| due.id != id);
    }

    /// Applies every transition due by `now`, oldest first (ties in the order scheduled).
    fn tick(&mut self, now: Instant) {
        for due in self.pending.take_due(now) {
            self.apply(due);
        }
    }

    /// Applies one transition; one whose object has gone meanwhile does nothing.
    fn apply(&mut self, due: Due) {
        let stamp = Some(fresh::now());
        let id = due.id.as_str();
        match due.event {
            Event::InstanceState(state) => {
                if let Some(record) = self.instances.iter_mut().find(|r| r.instance.id == id) {
                    record.instance.state = state;
                    record.instance.updated_at = stamp.map(Into::into);
                }
            }
            Event::InstanceGone => self.remove_instance(id),
            Event::DiskSettled => {
                if let Some(disk) = self.disks.iter_mut().find(|d| d.id == id) {
                    disk.state = if disk.instance_id.is_some() {
                        DiskState::Attached
                    } else {
                        DiskState::Unattached
                    };
                    disk.updated_at = stamp.map(Into::into);
                }
            }
            Event::DiskDetached => {
                if let Some(disk) = self.disks.iter_mut().find(|d| d.id == id) {
                    disk.instance_id = None;
                    disk.position = None;
                    disk.state = DiskState::Unattached;
                    disk.updated_at = stamp.map(Into::into);
                }
            }
            Event::DiskGone => self.disks.retain(|d| d.id != id),
            Event::NetworkGone => self.networks.retain(|n| n.id != id),
            Event::ConsoleReady => {
                if let Some(session) = self.console_sessions.iter_mut().find(|s| s.id == id) {
                    session.state = ConsoleSessionState::Ready;
                    session.token = Some(fresh::secret(16));
                    match session.r#type {
                        ConsoleSessionType::Serial => {
                            session.host = Some("127.0.0.1".into());
                            session.port = Some(serial_port(id));
                        }
                        _ => {
                            session.url = Some(format!("wss://console.sandbox.invalid/{id}"));
                        }
                    }
                    session.updated_at = stamp.map(Into::into);
                }
            }
        }
    }

    /// The end of a terminating instance: it goes, its disks are detached and kept, its
    /// console sessions go, and no other instance is grouped with it any more.
    fn remove_instance(&mut self, id: &str) {
        self.instances.retain(|r| r.instance.id != id);
        let stamp = fresh::now();
        for disk in self
            .disks
            .iter_mut()
            .filter(|d| d.instance_id.as_deref() == Some(id))
        {
            disk.instance_id = None;
            disk.position = None;
            // A disk still provisioning or resizing settles to `unattached` on its own.
            if matches!(
                disk.state,
                DiskState::Attached | DiskState::Attaching | DiskState::Detaching
            ) {
                disk.state = DiskState::Unattached;
            }
            disk.updated_at = Some(stamp.clone().into());
        }
        self.console_sessions.retain(|s| s.instance_id != id);
        for record in &mut self.instances {
            record.instance.availability_group.retain(|g| g != id);
        }
    }
}

/// A port for a serial console session, from its ID: the sandbox serves no console, so any
/// stable number in the range the reference's example uses will do.
fn serial_port(id: &str) -> u16 {
    let seed = id.bytes().fold(0u32, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u32::from(b))
    });
    50_000 + (seed % 10_000) as u16
}

/// Every operation `JoviamClient` declares, read once.
fn operations() -> &'static [OperationInfo] {
    static OPERATIONS: OnceLock<Vec<OperationInfo>> = OnceLock::new();
    OPERATIONS.get_or_init(crate::joviam::JoviamClient::operations)
}

/// The answer to a declared operation the world has no handler for.
fn unhandled(route: &Route<'_>) -> Reply {
    http::joviam_error(
        501,
        "not_implemented",
        Some(
            format!(
                "the sandbox does not simulate {}::{}",
                route.handler, route.name
            )
            .into(),
        ),
    )
}
