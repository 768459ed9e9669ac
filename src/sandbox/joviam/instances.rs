//! Instances: `/instances` and everything under `/instances/{id}`, and console sessions.

use crate::joviam::{
    AdapterAddresses, AssembleInstance, BootDevice, ConsoleSession, ConsoleSessionState,
    ConsoleSessionType, ContextVariables, CreateInstance, Disk, DiskState, Instance, InstanceState,
    IpAddress, NetworkAdapter, Region, SetAvailabilityGroup, SetInstanceDisks,
    SetInstanceNetworkAdapters, SetInstancePublicKeys, StartRemoteAccess, UpdateInstance,
    Virtualization,
};
use crate::sandbox::fresh;
use crate::sandbox::http::{self, Reply, Req};

use super::support::{
    body, check_memory, check_size, find, hostname, invalid, no_duplicates, not_blank, one_of,
    position, referenced, wrong_state, Answer, Clock,
};
use super::{AdapterRecord, Event, InstanceRecord, JoviamWorld};

impl JoviamWorld {
    // ---- showing ----

    /// An instance as the API shows it: its disks (by position), keys and adapters filled in.
    fn instance_view(&self, record: &InstanceRecord) -> Instance {
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

    fn adapters_view(&self, adapters: &[AdapterRecord]) -> Vec<NetworkAdapter> {
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
                    created_at: Some(adapter.created_at.clone()),
                    updated_at: Some(adapter.updated_at.clone()),
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

    // ---- creating ----

    /// `POST /instances` ("Basic Create"): a new boot disk from the template and a new IP
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
            created_at: Some(stamp.clone()),
            updated_at: Some(stamp.clone()),
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

    /// `POST /instances/assemble` ("Advanced Create"): existing unattached disks, in device
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
                disk.updated_at = stamp.clone();
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

    // ---- changing ----

    /// `PUT /instances/{id}`: in any state but `terminating`. The host name stays the one
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
        instance.updated_at = Some(fresh::now());
        if let Some(note) = request.note {
            record.note = note;
        }
        self.instance_answer(200, id)
    }

    /// `DELETE /instances/{id}`: 202, `terminating`, gone after the build delay (see the
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

    /// `POST /instances/{id}/start`: a stopped instance is `starting`, then `running`.
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

    /// `POST /instances/{id}/stop`: a running instance is `stopping`, then `stopped`.
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
        instance.updated_at = Some(fresh::now());
    }

    /// `POST /instances/{id}/remote_access`: a console session (202) for a running instance,
    /// VNC unless `type` says serial, `initiating` and then `ready`.
    pub(super) fn remote_access(&mut self, clock: &Clock, id: &str, req: &Req) -> Answer {
        let request: StartRemoteAccess = body(req)?;
        let kind = request.r#type.unwrap_or(ConsoleSessionType::Vnc);
        one_of("type", kind.as_str(), ConsoleSessionType::VALUES)?;
        let record = find(&self.instances, id)?;
        if record.instance.state != InstanceState::Running {
            return Err(wrong_state(format!(
                "instance {id} is {}; remote access needs it running",
                record.instance.state
            )));
        }
        let stamp = Some(fresh::now());
        // The connection details appear when the session is ready.
        let session = ConsoleSession {
            id: fresh::uuid(),
            state: ConsoleSessionState::Initiating,
            host: None,
            port: None,
            token: None,
            r#type: kind,
            url: None,
            instance_id: id.to_owned(),
            created_at: stamp.clone(),
            updated_at: stamp,
        };
        self.schedule(clock.after(1), &session.id, Event::ConsoleReady);
        self.console_sessions.push(session.clone());
        Ok(Reply::json(202, &session))
    }

    pub(super) fn get_console_session(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.console_sessions, id)?))
    }

    /// `PUT /instances/{id}/disks`: the disks given, in device order, are attached and the
    /// others detached. On a stopped instance at once (200); on a running one live (202),
    /// the disks `attaching` or `detaching` for the build delay. Answers the disks given.
    pub(super) fn set_instance_disks(&mut self, clock: &Clock, id: &str, req: &Req) -> Answer {
        let request: SetInstanceDisks = body(req)?;
        let i = position(&self.instances, id)?;
        let live = stopped_or_running(&self.instances[i], "its disks changed")?;
        let region = self.instances[i].instance.region.clone();
        no_duplicates("disks", &request.disks)?;
        for disk_id in &request.disks {
            let disk = referenced(&self.disks, "disks", disk_id)?;
            same_region("disks", disk_id, &disk.region, &region)?;
            match (disk.instance_id.as_deref(), &disk.state) {
                (Some(owner), DiskState::Attached) if owner == id => {}
                (None, DiskState::Unattached) => {}
                (Some(owner), _) if owner != id => {
                    return Err(invalid(
                        "disks",
                        &format!("disk {disk_id} is attached to instance {owner}"),
                    ))
                }
                (_, state) => {
                    return Err(invalid(
                        "disks",
                        &format!(
                            "disk {disk_id} is {state}; wait until it is attached or unattached"
                        ),
                    ))
                }
            }
        }
        let leaving: Vec<String> = self
            .disks
            .iter()
            .filter(|d| d.instance_id.as_deref() == Some(id) && !request.disks.contains(&d.id))
            .map(|d| {
                if d.state == DiskState::Attached {
                    Ok(d.id.clone())
                } else {
                    Err(invalid(
                        "disks",
                        &format!("disk {} is {} and cannot be detached now", d.id, d.state),
                    ))
                }
            })
            .collect::<Result<_, _>>()?;

        let stamp = Some(fresh::now());
        let mut settle = Vec::new();
        for (index, disk_id) in request.disks.iter().enumerate() {
            if let Some(disk) = self.disks.iter_mut().find(|d| &d.id == disk_id) {
                disk.position = Some(index as u32);
                if disk.instance_id.is_none() {
                    disk.instance_id = Some(id.to_owned());
                    disk.state = if live {
                        settle.push(disk.id.clone());
                        DiskState::Attaching
                    } else {
                        DiskState::Attached
                    };
                }
                disk.updated_at = stamp.clone();
            }
        }
        for disk in self.disks.iter_mut().filter(|d| leaving.contains(&d.id)) {
            disk.position = None;
            if live {
                disk.state = DiskState::Detaching;
            } else {
                disk.instance_id = None;
                disk.state = DiskState::Unattached;
            }
            disk.updated_at = stamp.clone();
        }
        for disk_id in &settle {
            self.schedule(clock.after(1), disk_id, Event::DiskSettled);
        }
        if live {
            for disk_id in &leaving {
                self.schedule(clock.after(1), disk_id, Event::DiskDetached);
            }
        }
        self.instances[i].instance.updated_at = stamp;
        let disks: Vec<&Disk> = request
            .disks
            .iter()
            .filter_map(|d| self.disks.iter().find(|disk| &disk.id == d))
            .collect();
        Ok(Reply::json(if live { 202 } else { 200 }, &disks))
    }

    /// `PUT /instances/{id}/public_keys`: 200, or 202 while the instance runs.
    pub(super) fn set_instance_public_keys(&mut self, id: &str, req: &Req) -> Answer {
        let request: SetInstancePublicKeys = body(req)?;
        let i = position(&self.instances, id)?;
        not_terminating(&self.instances[i])?;
        let keys = self.known_public_keys(request.public_keys)?;
        let record = &mut self.instances[i];
        record.public_keys = keys;
        record.instance.updated_at = Some(fresh::now());
        let status = if record.instance.state == InstanceState::Running {
            202
        } else {
            200
        };
        let keys: Vec<_> = self.instance_view(&self.instances[i]).public_keys;
        Ok(Reply::json(status, &keys))
    }

    /// `PUT /instances/{id}/network_adapters`: the adapters given replace all others, each on
    /// a network with either DHCP or the listed addresses (which must be on that network and
    /// free, unless shareable). An adapter keeps its ID when the one at its index was on the
    /// same network. 200 on a stopped instance, 202 on a running one.
    pub(super) fn set_instance_network_adapters(&mut self, id: &str, req: &Req) -> Answer {
        let request: SetInstanceNetworkAdapters = body(req)?;
        let i = position(&self.instances, id)?;
        let live = stopped_or_running(&self.instances[i], "its network adapters changed")?;
        let region = self.instances[i].instance.region.clone();
        let field = "network_adapters";
        let mut listed: Vec<&String> = Vec::new();
        for (n, spec) in request.network_adapters.iter().enumerate() {
            self.usable_network(field, &spec.network, &region)?;
            if let AdapterAddresses::Ids(ids) = &spec.ip_addresses {
                for ip_id in ids {
                    if listed.contains(&ip_id) {
                        return Err(invalid(
                            field,
                            &format!("adapter {n}: IP address {ip_id} is listed more than once"),
                        ));
                    }
                    listed.push(ip_id);
                    let ip = self.attachable_ip(field, ip_id, Some(id))?;
                    if ip.network_id != spec.network {
                        return Err(invalid(
                            field,
                            &format!(
                                "adapter {n}: IP address {ip_id} is on network {}, not {}",
                                ip.network_id, spec.network
                            ),
                        ));
                    }
                }
            }
        }
        let stamp = fresh::now();
        let old = std::mem::take(&mut self.instances[i].adapters);
        let adapters = request
            .network_adapters
            .into_iter()
            .enumerate()
            .map(|(n, spec)| {
                let kept = old.get(n).filter(|a| a.network_id == spec.network);
                let (dhcp, ip_ids) = match spec.ip_addresses {
                    AdapterAddresses::Dhcp => (true, Vec::new()),
                    AdapterAddresses::Ids(ids) => (false, ids),
                };
                AdapterRecord {
                    id: kept.map_or_else(fresh::uuid, |a| a.id.clone()),
                    dhcp,
                    network_id: spec.network,
                    ip_ids,
                    created_at: kept.map_or_else(|| stamp.clone(), |a| a.created_at.clone()),
                    updated_at: stamp.clone(),
                }
            })
            .collect();
        let record = &mut self.instances[i];
        record.adapters = adapters;
        record.instance.updated_at = Some(stamp);
        let view = self.adapters_view(&self.instances[i].adapters);
        Ok(Reply::json(if live { 202 } else { 200 }, &view))
    }

    /// `PUT /instances/{id}/availability_group`: always 200 (unlike disks, keys and adapters,
    /// the reference says nothing of 202 here). The grouping is stored on this instance only.
    pub(super) fn set_availability_group(&mut self, id: &str, req: &Req) -> Answer {
        let request: SetAvailabilityGroup = body(req)?;
        let i = position(&self.instances, id)?;
        not_terminating(&self.instances[i])?;
        let group = self.known_group(Some(id), request.availability_group)?;
        let instance = &mut self.instances[i].instance;
        instance.availability_group = group;
        instance.updated_at = Some(fresh::now());
        Ok(Reply::json(200, &instance.availability_group))
    }

    // ---- context variables ----

    pub(super) fn get_context(&self, id: &str) -> Answer {
        Ok(Reply::json(200, &find(&self.instances, id)?.context))
    }

    /// `POST` (`replace`: the variables given are all there will be) or `PUT` (merged into
    /// the existing ones) `/instances/{id}/context`.
    pub(super) fn change_context(&mut self, id: &str, req: &Req, replace: bool) -> Answer {
        let variables: ContextVariables = body(req)?;
        if variables.keys().any(|k| k.is_empty()) {
            return Err(invalid("base", "context variable names can't be blank"));
        }
        let i = position(&self.instances, id)?;
        let context = &mut self.instances[i].context;
        if replace {
            *context = variables;
        } else {
            context.extend(variables);
        }
        Ok(Reply::json(200, &*context))
    }

    /// `DELETE /instances/{id}/context/{key}`: answers the variables left; an unknown key is
    /// a 404.
    pub(super) fn delete_context_variable(&mut self, id: &str, key: &str) -> Answer {
        let i = position(&self.instances, id)?;
        let context = &mut self.instances[i].context;
        if context.remove(key).is_none() {
            return Err(http::joviam_error(
                404,
                "not_found",
                Some(format!("instance {id} has no context variable {key:?}").into()),
            ));
        }
        Ok(Reply::json(200, &*context))
    }

    // ---- checks shared by the routes above ----

    /// Public key IDs from a body, each known and listed once.
    fn known_public_keys(&self, ids: Vec<String>) -> Result<Vec<String>, Reply> {
        no_duplicates("public_keys", &ids)?;
        for id in &ids {
            referenced(&self.public_keys, "public_keys", id)?;
        }
        Ok(ids)
    }

    /// Instance IDs for an availability group, each known, listed once, and not `own`.
    fn known_group(&self, own: Option<&str>, ids: Vec<String>) -> Result<Vec<String>, Reply> {
        no_duplicates("availability_group", &ids)?;
        for id in &ids {
            if Some(id.as_str()) == own {
                return Err(invalid(
                    "availability_group",
                    "an instance cannot be grouped with itself",
                ));
            }
            referenced(&self.instances, "availability_group", id)?;
        }
        Ok(ids)
    }

    /// An IP address a body names, which may be attached to the instance `to`: it is on no
    /// other instance, or it is shareable.
    fn attachable_ip(&self, field: &str, id: &str, to: Option<&str>) -> Result<&IpAddress, Reply> {
        let ip = referenced(&self.ip_addresses, field, id)?;
        let others: Vec<String> = self
            .ip_holders(id)
            .into_iter()
            .filter(|holder| Some(holder.as_str()) != to)
            .collect();
        if let Some(other) = others.first() {
            if !ip.shareable {
                return Err(invalid(
                    field,
                    &format!(
                        "IP address {id} is attached to instance {other} and is not shareable"
                    ),
                ));
            }
        }
        Ok(ip)
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
        created_at: stamp.clone(),
        updated_at: stamp,
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

fn same_region(field: &str, id: &str, object: &Region, wanted: &Region) -> Result<(), Reply> {
    if object.id != wanted.id {
        return Err(invalid(
            field,
            &format!("{id} is in region {}, not {}", object.id, wanted.id),
        ));
    }
    Ok(())
}

fn not_terminating(record: &InstanceRecord) -> Result<(), Reply> {
    if record.instance.state == InstanceState::Terminating {
        return Err(wrong_state(format!(
            "instance {} is terminating",
            record.instance.id
        )));
    }
    Ok(())
}

/// Hardware changes (disks, adapters) need a settled instance: `Ok(false)` when stopped,
/// `Ok(true)` when running (a live change, answered 202), a 422 otherwise.
fn stopped_or_running(record: &InstanceRecord, what: &str) -> Result<bool, Reply> {
    match &record.instance.state {
        InstanceState::Stopped => Ok(false),
        InstanceState::Running => Ok(true),
        other => Err(wrong_state(format!(
            "instance {} is {other}; it can only have {what} when stopped or running",
            record.instance.id
        ))),
    }
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
