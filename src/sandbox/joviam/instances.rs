//! Instances (`joviam.instances()`): showing, creating, changing and powering them.

use crate::joviam::{
    AssembleInstance, BootDevice, ContextVariables, CreateInstance, Disk, DiskState, Instance,
    InstanceState, NetworkAdapter, Region, UpdateInstance, Virtualization,
};
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};
use crate::sandbox::schedule::Clock;

use super::support::{
    body, check_memory, check_size, find, hostname, invalid, no_duplicates, not_blank, one_of,
    position, referenced, wrong_state, Answer,
};
use super::{AdapterRecord, Event, InstanceRecord, JoviamWorld};

impl JoviamWorld {
    /// An instance as the API shows it: its disks (by position), keys and adapters filled in.
    pub(super) fn instance_view(&self, record: &InstanceRecord) -> Instance {
        let mut instance = record.instance.clone();
        instance.disks = self.disks_of(&instance.id);
        instance.public_keys = record
            .public_keys
            .iter()
            .filter_map(|id| self.public_keys.iter().find(|k| &k.id == id))
            .cloned()
            .collect();
        instance.network_adapters = self.adapters_view(&record.adapters);
        instance
    }

    /// The disks attached (or attaching, or detaching) to an instance, in device order.
    fn disks_of(&self, instance_id: &str) -> Vec<Disk> {
        let mut disks: Vec<Disk> = self
            .disks
            .iter()
            .filter(|d| d.instance_id.as_deref() == Some(instance_id))
            .cloned()
            .collect();
        disks.sort_by_key(|d| (d.position.is_none(), d.position));
        disks
    }

    pub(super) fn adapters_view(&self, adapters: &[AdapterRecord]) -> Vec<NetworkAdapter> {
        adapters
            .iter()
            .enumerate()
            .filter_map(|(index, adapter)| {
                let network = self.networks.iter().find(|n| n.id == adapter.network_id)?;
                Some(NetworkAdapter {
                    id: adapter.id.clone(),
                    index: index as u32,
                    dhcp: adapter.dhcp,
                    network: network.clone(),
                    ip_addresses: adapter
                        .ip_ids
                        .iter()
                        .filter_map(|id| self.ip_addresses.iter().find(|ip| &ip.id == id))
                        .map(|ip| self.ip_view(ip))
                        .collect(),
                    created_at: Some(adapter.created_at.clone().into()),
                    updated_at: Some(adapter.updated_at.clone().into()),
                    extra: Default::default(),
                })
            })
            .collect()
    }

    pub(super) fn instance_answer(&self, status: u16, id: &str) -> Answer {
        let record = find(&self.instances, id)?;
        Ok(Reply::json(status, &self.instance_view(record)))
    }

    pub(super) fn list_instances(&self) -> Reply {
        let instances: Vec<Instance> = self
            .instances
            .iter()
            .map(|r| self.instance_view(r))
            .collect();
        Reply::json(200, &instances)
    }

    pub(super) fn instance_state(&self, id: &str) -> Answer {
        let record = find(&self.instances, id)?;
        Ok(Reply::json(
            200,
            &serde_json::json!({ "state": record.instance.state.as_str() }),
        ))
    }

    /// The note set with `update(note=...)`; an empty string until then (the reference types
    /// it as a plain string, not a nullable one).
    pub(super) fn instance_note(&self, id: &str) -> Answer {
        let record = find(&self.instances, id)?;
        Ok(Reply::json(
            200,
            &serde_json::json!({ "note": record.note }),
        ))
    }

    /// `instances.create` ("Basic Create"): a new boot disk from the template and a new IP
    /// address on each network asked for. Answers 201 with the instance `provisioning`.
    pub(super) fn create_instance(&mut self, clock: &Clock, req: &Req) -> Answer {
        let request: CreateInstance = body(req)?;
        not_blank("name", &request.name)?;
        check_memory(request.memory)?;
        let region = referenced(&self.regions, "region", &request.region)?.clone();
        let tier = Self::tier_in(
            &self.instance_tiers,
            "instance_performance_tier",
            &request.instance_performance_tier,
            &region,
        )?;
        let disk_tier = Self::tier_in(
            &self.disk_tiers,
            "disk_performance_tier",
            &request.disk_performance_tier,
            &region,
        )?;
        let template = self.template_for("template", &request.template, &region)?;
        check_size("size", request.size, Some(&template))?;
        let networks = request.networks.unwrap_or_default();
        no_duplicates("networks", &networks)?;
        let mut wanted: Vec<(String, &str)> = Vec::new();
        for id in &networks {
            self.usable_network("networks", id, &region)?;
            wanted.push((id.clone(), "networks"));
        }
        for (asked, public, field) in [
            (request.allocate_public_ip, true, "allocate_public_ip"),
            (request.allocate_private_ip, false, "allocate_private_ip"),
        ] {
            if asked == Some(true) {
                let kind = if public { "public" } else { "private" };
                let network = self.first_network(&region, public).ok_or_else(|| {
                    invalid(field, &format!("there is no {kind} network in this region"))
                })?;
                wanted.push((network.id.clone(), field));
            }
        }
        let public_keys = self.known_public_keys(request.public_keys.unwrap_or_default())?;
        let group = self.known_group(None, request.availability_group.unwrap_or_default())?;

        // Everything is valid; only a full network can still fail, and then the addresses
        // allocated so far are given back.
        let mut adapters: Vec<AdapterRecord> = Vec::new();
        let mut allocated: Vec<String> = Vec::new();
        for (network_id, field) in &wanted {
            match self.new_ip(network_id, None, None, false) {
                Ok(ip) => {
                    allocated.push(ip.clone());
                    add_to_adapter(&mut adapters, network_id, ip);
                }
                Err(message) => {
                    self.ip_addresses.retain(|ip| !allocated.contains(&ip.id));
                    return Err(invalid(field, &message));
                }
            }
        }

        let stamp = fresh::now();
        let id = fresh::uuid();
        let boot_disk = Disk {
            id: fresh::uuid(),
            name: format!("{} boot disk", request.name),
            position: Some(0),
            size: request.size,
            performance_tier: disk_tier,
            template: Some(template.clone()),
            state: DiskState::Provisioning,
            region: region.clone(),
            instance_id: Some(id.clone()),
            cdrom: false,
            is_template: false,
            created_at: Some(stamp.clone().into()),
            updated_at: Some(stamp.clone().into()),
            extra: Default::default(),
        };
        self.schedule(clock.after(1), &boot_disk.id, Event::DiskSettled);
        self.disks.push(boot_disk);
        if request.start_when_ready == Some(true) {
            self.schedule(
                clock.after(1),
                &id,
                Event::InstanceState(InstanceState::Starting),
            );
            self.schedule(
                clock.after(2),
                &id,
                Event::InstanceState(InstanceState::Running),
            );
        } else {
            self.schedule(
                clock.after(1),
                &id,
                Event::InstanceState(InstanceState::Stopped),
            );
        }
        let instance = new_instance(
            &id,
            &request.name,
            request.memory,
            tier,
            region,
            template.recommended_virtualization,
            group,
            InstanceState::Provisioning,
        );
        self.instances.push(InstanceRecord {
            instance,
            public_keys,
            adapters,
            note: String::new(),
            context: ContextVariables::new(),
        });
        self.instance_answer(201, &id)
    }

    /// `instances.assemble` ("Advanced Create"): existing unattached disks, in device
    /// order, and existing IP addresses (one adapter per network, in the order given). Nothing
    /// needs provisioning, so it answers 200 with the instance `stopped`, as the reference's
    /// example does.
    pub(super) fn assemble_instance(&mut self, req: &Req) -> Answer {
        let request: AssembleInstance = body(req)?;
        not_blank("name", &request.name)?;
        check_memory(request.memory)?;
        let region = referenced(&self.regions, "region", &request.region)?.clone();
        let tier = Self::tier_in(
            &self.instance_tiers,
            "performance_tier",
            &request.performance_tier,
            &region,
        )?;
        check_modes(
            request.boot_device.as_ref(),
            request.virtualization.as_ref(),
        )?;
        let disk_ids = request.disks.unwrap_or_default();
        no_duplicates("disks", &disk_ids)?;
        for id in &disk_ids {
            let disk = referenced(&self.disks, "disks", id)?;
            same_region("disks", &disk.id, &disk.region, &region)?;
            if let Some(owner) = &disk.instance_id {
                return Err(invalid(
                    "disks",
                    &format!("disk {id} is attached to instance {owner}"),
                ));
            }
            if disk.state != DiskState::Unattached {
                return Err(invalid(
                    "disks",
                    &format!("disk {id} is {}; it must be unattached", disk.state),
                ));
            }
        }
        let ip_ids = request.ip_addresses.unwrap_or_default();
        no_duplicates("ip_addresses", &ip_ids)?;
        let mut adapters: Vec<AdapterRecord> = Vec::new();
        for ip_id in &ip_ids {
            let ip = self.attachable_ip("ip_addresses", ip_id, None)?;
            let network_id = ip.network_id.clone();
            self.usable_network("ip_addresses", &network_id, &region)?;
            add_to_adapter(&mut adapters, &network_id, ip_id.clone());
        }
        let public_keys = self.known_public_keys(request.public_keys.unwrap_or_default())?;
        let group = self.known_group(None, request.availability_group.unwrap_or_default())?;

        // Without a mode given, the first disk's template recommends one.
        let virtualization = request
            .virtualization
            .or_else(|| {
                let first = disk_ids.first()?;
                let disk = self.disks.iter().find(|d| &d.id == first)?;
                Some(disk.template.as_ref()?.recommended_virtualization.clone())
            })
            .unwrap_or(Virtualization::Hvm);
        let id = fresh::uuid();
        let stamp = Some(fresh::now());
        for (index, disk_id) in disk_ids.iter().enumerate() {
            if let Some(disk) = self.disks.iter_mut().find(|d| &d.id == disk_id) {
                disk.instance_id = Some(id.clone());
                disk.position = Some(index as u32);
                disk.state = DiskState::Attached;
                disk.updated_at = stamp.clone().map(Into::into);
            }
        }
        let mut instance = new_instance(
            &id,
            &request.name,
            request.memory,
            tier,
            region,
            virtualization,
            group,
            InstanceState::Stopped,
        );
        if let Some(boot_device) = request.boot_device {
            instance.boot_device = boot_device;
        }
        apply_restart_policy(
            &mut instance,
            request.start_on_crash,
            request.start_on_reboot,
            request.start_on_shutdown,
        );
        self.instances.push(InstanceRecord {
            instance,
            public_keys,
            adapters,
            note: String::new(),
            context: ContextVariables::new(),
        });
        self.instance_answer(200, &id)
    }

    /// `instances.update`: in any state but `terminating`. The host name stays the one
    /// given at creation.
    pub(super) fn update_instance(&mut self, id: &str, req: &Req) -> Answer {
        let request: UpdateInstance = body(req)?;
        let i = position(&self.instances, id)?;
        not_terminating(&self.instances[i])?;
        if let Some(name) = &request.name {
            not_blank("name", name)?;
        }
        if let Some(memory) = request.memory {
            check_memory(memory)?;
        }
        check_modes(
            request.boot_device.as_ref(),
            request.virtualization.as_ref(),
        )?;
        let tier = match &request.performance_tier {
            Some(tier) => Some(Self::tier_in(
                &self.instance_tiers,
                "performance_tier",
                tier,
                &self.instances[i].instance.region,
            )?),
            None => None,
        };
        let record = &mut self.instances[i];
        let instance = &mut record.instance;
        if let Some(name) = request.name {
            instance.name = name;
        }
        if let Some(memory) = request.memory {
            instance.memory = memory;
        }
        if let Some(tier) = tier {
            instance.performance_tier = tier;
        }
        if let Some(boot_device) = request.boot_device {
            instance.boot_device = boot_device;
        }
        if let Some(virtualization) = request.virtualization {
            instance.virtualization = virtualization;
        }
        apply_restart_policy(
            instance,
            request.start_on_crash,
            request.start_on_reboot,
            request.start_on_shutdown,
        );
        instance.updated_at = Some(fresh::now().into());
        if let Some(note) = request.note {
            record.note = note;
        }
        self.instance_answer(200, id)
    }

    /// `instances.delete`: 202, `terminating`, gone after the build delay (see the
    /// world's documentation for what happens to its disks and addresses). Deleting an
    /// instance already terminating answers it again.
    pub(super) fn delete_instance(&mut self, clock: &Clock, id: &str) -> Answer {
        let i = position(&self.instances, id)?;
        if self.instances[i].instance.state != InstanceState::Terminating {
            self.cancel(id);
            self.set_instance_state(i, InstanceState::Terminating);
            self.schedule(clock.after(1), id, Event::InstanceGone);
        }
        self.instance_answer(202, id)
    }

    /// `instances.start`: a stopped instance is `starting`, then `running`.
    pub(super) fn start_instance(&mut self, clock: &Clock, id: &str) -> Answer {
        self.power(
            clock,
            id,
            "started",
            InstanceState::Stopped,
            InstanceState::Starting,
            InstanceState::Running,
        )
    }

    /// `instances.stop`: a running instance is `stopping`, then `stopped`.
    pub(super) fn stop_instance(&mut self, clock: &Clock, id: &str) -> Answer {
        self.power(
            clock,
            id,
            "stopped",
            InstanceState::Running,
            InstanceState::Stopping,
            InstanceState::Stopped,
        )
    }

    fn power(
        &mut self,
        clock: &Clock,
        id: &str,
        verb: &str,
        from: InstanceState,
        during: InstanceState,
        to: InstanceState,
    ) -> Answer {
        let i = position(&self.instances, id)?;
        let state = &self.instances[i].instance.state;
        if *state != from {
            return Err(wrong_state(format!(
                "instance {id} is {state}; it can only be {verb} when {from}"
            )));
        }
        self.set_instance_state(i, during);
        self.schedule(clock.after(1), id, Event::InstanceState(to));
        self.instance_answer(202, id)
    }

    fn set_instance_state(&mut self, i: usize, state: InstanceState) {
        let instance = &mut self.instances[i].instance;
        instance.state = state;
        instance.updated_at = Some(fresh::now().into());
    }
}

/// A new instance model with the reference's defaults (boot from disk, restart on crash and
/// reboot but not on shutdown); its disks, keys and adapters are rendered, never stored.
#[allow(clippy::too_many_arguments)]
fn new_instance(
    id: &str,
    name: &str,
    memory: u64,
    tier: crate::joviam::PerformanceTier,
    region: Region,
    virtualization: Virtualization,
    availability_group: Vec<String>,
    state: InstanceState,
) -> Instance {
    let stamp = Some(fresh::now());
    Instance {
        id: id.to_owned(),
        name: name.to_owned(),
        memory,
        virtualization,
        hostname: hostname(name),
        boot_device: BootDevice::Disk,
        start_on_shutdown: false,
        start_on_reboot: true,
        start_on_crash: true,
        state,
        performance_tier: tier,
        disks: Vec::new(),
        public_keys: Vec::new(),
        network_adapters: Vec::new(),
        availability_group,
        region,
        created_at: stamp.clone().map(Into::into),
        updated_at: stamp.map(Into::into),
        extra: Default::default(),
    }
}

/// Adds an IP address to the adapter on `network_id`, or to a new adapter on it.
fn add_to_adapter(adapters: &mut Vec<AdapterRecord>, network_id: &str, ip_id: String) {
    match adapters.iter_mut().find(|a| a.network_id == network_id) {
        Some(adapter) => adapter.ip_ids.push(ip_id),
        None => {
            let stamp = fresh::now();
            adapters.push(AdapterRecord {
                id: fresh::uuid(),
                dhcp: false,
                network_id: network_id.to_owned(),
                ip_ids: vec![ip_id],
                created_at: stamp.clone(),
                updated_at: stamp,
            });
        }
    }
}

/// `boot_device` and `virtualization` must be values the reference lists.
fn check_modes(
    boot_device: Option<&BootDevice>,
    virtualization: Option<&Virtualization>,
) -> Result<(), Reply> {
    if let Some(value) = boot_device {
        one_of("boot_device", value.as_str(), BootDevice::VALUES)?;
    }
    if let Some(value) = virtualization {
        one_of("virtualization", value.as_str(), Virtualization::VALUES)?;
    }
    Ok(())
}

pub(super) fn same_region(
    field: &str,
    id: &str,
    object: &Region,
    wanted: &Region,
) -> Result<(), Reply> {
    if object.id != wanted.id {
        return Err(invalid(
            field,
            &format!("{id} is in region {}, not {}", object.id, wanted.id),
        ));
    }
    Ok(())
}

pub(super) fn not_terminating(record: &InstanceRecord) -> Result<(), Reply> {
    if record.instance.state == InstanceState::Terminating {
        return Err(wrong_state(format!(
            "instance {} is terminating",
            record.instance.id
        )));
    }
    Ok(())
}

/// Sets the restart flags an assemble or update request gives; unset ones keep their value.
fn apply_restart_policy(
    instance: &mut Instance,
    on_crash: Option<bool>,
    on_reboot: Option<bool>,
    on_shutdown: Option<bool>,
) {
    if let Some(value) = on_crash {
        instance.start_on_crash = value;
    }
    if let Some(value) = on_reboot {
        instance.start_on_reboot = value;
    }
    if let Some(value) = on_shutdown {
        instance.start_on_shutdown = value;
    }
}
