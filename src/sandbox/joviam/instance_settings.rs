//! What an instance is given (`joviam.instances()`): its disks, public keys, network
//! adapters, availability group and context variables.

use crate::joviam::{
    AdapterAddresses, ContextVariables, Disk, DiskState, InstanceState, IpAddress,
    SetAvailabilityGroup, SetInstanceDisks, SetInstanceNetworkAdapters, SetInstancePublicKeys,
};
use crate::sandbox::fresh;
use crate::sandbox::http::{self, Reply, Req};
use crate::sandbox::schedule::Clock;

use super::instances::{not_terminating, same_region};
use super::support::{
    body, find, invalid, no_duplicates, position, referenced, wrong_state, Answer,
};
use super::{AdapterRecord, Event, InstanceRecord, JoviamWorld};

impl JoviamWorld {
    /// `instances.set_disks`: the disks given, in device order, are attached and the
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
                disk.updated_at = stamp.clone().map(Into::into);
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
            disk.updated_at = stamp.clone().map(Into::into);
        }
        for disk_id in &settle {
            self.schedule(clock.after(1), disk_id, Event::DiskSettled);
        }
        if live {
            for disk_id in &leaving {
                self.schedule(clock.after(1), disk_id, Event::DiskDetached);
            }
        }
        self.instances[i].instance.updated_at = stamp.map(Into::into);
        let disks: Vec<&Disk> = request
            .disks
            .iter()
            .filter_map(|d| self.disks.iter().find(|disk| &disk.id == d))
            .collect();
        Ok(Reply::json(if live { 202 } else { 200 }, &disks))
    }

    /// `instances.set_public_keys`: 200, or 202 while the instance runs.
    pub(super) fn set_instance_public_keys(&mut self, id: &str, req: &Req) -> Answer {
        let request: SetInstancePublicKeys = body(req)?;
        let i = position(&self.instances, id)?;
        not_terminating(&self.instances[i])?;
        let keys = self.known_public_keys(request.public_keys)?;
        let record = &mut self.instances[i];
        record.public_keys = keys;
        record.instance.updated_at = Some(fresh::now().into());
        let status = if record.instance.state == InstanceState::Running {
            202
        } else {
            200
        };
        let keys: Vec<_> = self.instance_view(&self.instances[i]).public_keys;
        Ok(Reply::json(status, &keys))
    }

    /// `instances.set_network_adapters`: the adapters given replace all others, each on
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
        record.instance.updated_at = Some(stamp.into());
        let view = self.adapters_view(&self.instances[i].adapters);
        Ok(Reply::json(if live { 202 } else { 200 }, &view))
    }

    /// `instances.set_availability_group`: always 200 (unlike disks, keys and adapters,
    /// the reference says nothing of 202 here). The grouping is stored on this instance only.
    pub(super) fn set_availability_group(&mut self, id: &str, req: &Req) -> Answer {
        let request: SetAvailabilityGroup = body(req)?;
        let i = position(&self.instances, id)?;
        not_terminating(&self.instances[i])?;
        let group = self.known_group(Some(id), request.availability_group)?;
        let instance = &mut self.instances[i].instance;
        instance.availability_group = group;
        instance.updated_at = Some(fresh::now().into());
        Ok(Reply::json(200, &instance.availability_group))
    }

    pub(super) fn get_context(&self, id: &str) -> Answer {
        Ok(Reply::json(200, &find(&self.instances, id)?.context))
    }

    /// `instances.set_context` (`replace`: the variables given are all there will be) or
    /// `instances.update_context` (merged into the existing ones).
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

    /// `instances.delete_context_variable`: answers the variables left; an unknown key is
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

    /// Public key IDs from a body, each known and listed once.
    pub(super) fn known_public_keys(&self, ids: Vec<String>) -> Result<Vec<String>, Reply> {
        no_duplicates("public_keys", &ids)?;
        for id in &ids {
            referenced(&self.public_keys, "public_keys", id)?;
        }
        Ok(ids)
    }

    /// Instance IDs for an availability group, each known, listed once, and not `own`.
    pub(super) fn known_group(
        &self,
        own: Option<&str>,
        ids: Vec<String>,
    ) -> Result<Vec<String>, Reply> {
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
    pub(super) fn attachable_ip(
        &self,
        field: &str,
        id: &str,
        to: Option<&str>,
    ) -> Result<&IpAddress, Reply> {
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
