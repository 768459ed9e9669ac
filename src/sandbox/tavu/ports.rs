//! Ports (`tavu.ports()`), and the address bookkeeping instances and routers share.

use std::collections::HashSet;

use super::catalogue::{PUBLIC_NETWORK_ID, PUBLIC_SUBNET_ID};
use super::instances::COMPUTE_OWNER;
use super::support::{
    self, decode, find, find_mut, invalid, ok, parse_ip, referred, show_ip, Answer,
};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{IpAllocation, Port, Subnet, UpdatePort};

impl TavuWorld {
    /// The port as the API shows it: `ACTIVE` when its admin state is up and, for an
    /// instance's port, the instance runs; `DOWN` otherwise.
    pub(super) fn render_port(&self, port: &Port) -> Port {
        let up = port.admin_state_up != Some(false);
        let running = match port.device_owner.as_deref() {
            Some(COMPUTE_OWNER) => port
                .device_id
                .as_deref()
                .is_some_and(|id| self.instance_running(id)),
            _ => true,
        };
        let status = if up && running { "ACTIVE" } else { "DOWN" };
        Port {
            status: Some(status.into()),
            ..port.clone()
        }
    }

    pub(super) fn list_ports(&self) -> Answer {
        let all: Vec<Port> = self.ports.iter().map(|p| self.render_port(p)).collect();
        ok(&all)
    }

    pub(super) fn get_port(&self, id: &str) -> Answer {
        ok(&self.render_port(find(&self.ports, id, "port")?))
    }

    pub(super) fn update_port(&mut self, id: &str, body: Body<'_>) -> Answer {
        find(&self.ports, id, "port")?;
        let req: UpdatePort = decode(body)?;
        let port = find_mut(&mut self.ports, id, "port")?;
        if let Some(name) = req.name {
            port.name = Some(name);
        }
        if let Some(description) = req.description {
            port.description = Some(description);
        }
        if let Some(up) = req.admin_state_up {
            port.admin_state_up = Some(up);
        }
        self.get_port(id)
    }

    /// Refuses a network an instance cannot be attached to: `"public"` or a network's ID
    /// (the public network's own ID, which its ports and floating IPs show, included).
    pub(super) fn check_attachable_network(&self, network: &str, field: &str) -> Result<(), Reply> {
        if !is_public(network) {
            referred(&self.networks, network, field, "network")?;
        }
        Ok(())
    }

    /// Creates a port for a device in `network` (`"public"` or a network ID), with one
    /// address from each of the network's subnets (none when it has no subnet).
    pub(super) fn add_port(
        &mut self,
        network: &str,
        device_id: &str,
        owner: &str,
        field: &str,
    ) -> Result<Port, Reply> {
        let (network_id, subnets) = if is_public(network) {
            (PUBLIC_NETWORK_ID, vec![self.public_subnet.clone()])
        } else {
            let subnets = self
                .subnets
                .iter()
                .filter(|s| s.network_id == network)
                .cloned()
                .collect();
            (network, subnets)
        };
        let mut allocations = Vec::new();
        for subnet in &subnets {
            allocations.push(IpAllocation {
                ip_address: self.allocate(subnet, field)?,
                subnet_id: Some(subnet.id.clone()),
                network_id: Some(network_id.to_owned()),
                extra: Default::default(),
            });
        }
        let port = new_port(network_id, device_id, owner, allocations);
        self.ports.push(port.clone());
        Ok(port)
    }

    /// A free address of the subnet's allocation pools.
    pub(super) fn allocate(&self, subnet: &Subnet, field: &str) -> Result<String, Reply> {
        let v6 = subnet.ip_version == 6;
        let pools: Vec<(u128, u128)> = subnet
            .allocation_pools
            .iter()
            .filter_map(|p| Some((parse_ip(&p.start)?.0, parse_ip(&p.end)?.0)))
            .collect();
        support::pick_free(&pools, &self.used_addresses(subnet))
            .map(|n| show_ip(n, v6))
            .ok_or_else(|| {
                invalid(
                    field,
                    format!("subnet {} has no free addresses left", subnet.id),
                )
            })
    }

    /// Addresses of the subnet that are taken: by ports, router gateways, floating IPs and
    /// the gateway.
    fn used_addresses(&self, subnet: &Subnet) -> HashSet<u128> {
        let gateways = self
            .routers
            .iter()
            .filter_map(|r| r.external_gateway_info.as_ref());
        let mut used: HashSet<u128> = self
            .ports
            .iter()
            .chain(gateways)
            .flat_map(|p| &p.ip_allocations)
            .filter(|a| a.subnet_id.as_deref() == Some(&subnet.id))
            .filter_map(|a| parse_ip(&a.ip_address))
            .map(|(n, _)| n)
            .collect();
        used.extend(
            subnet
                .gateway_ip
                .as_deref()
                .and_then(parse_ip)
                .map(|(n, _)| n),
        );
        if subnet.id == PUBLIC_SUBNET_ID {
            used.extend(
                self.floating_ips
                    .iter()
                    .filter_map(|f| parse_ip(&f.floating_ip_address))
                    .map(|(n, _)| n),
            );
        }
        used
    }

    /// Deletes every port of a device (an instance going away).
    pub(super) fn remove_ports_of(&mut self, device_id: &str) {
        let doomed: Vec<String> = self
            .ports
            .iter()
            .filter(|p| p.device_id.as_deref() == Some(device_id))
            .map(|p| p.id.clone())
            .collect();
        for id in doomed {
            self.remove_port(&id);
        }
    }

    /// Deletes a port, releasing the floating IP associated with it.
    pub(super) fn remove_port(&mut self, port_id: &str) {
        self.ports.retain(|p| p.id != port_id);
        let now = fresh::now();
        for ip in &mut self.floating_ips {
            if ip.port_id.as_deref() == Some(port_id) {
                ip.port_id = None;
                ip.fixed_ip_address = None;
                ip.router_id = None;
                ip.status = Some("DOWN".into());
                ip.revision_number = Some(ip.revision_number.unwrap_or(0) + 1);
                ip.updated_at = Some(now.clone().into());
            }
        }
    }
}

/// Whether `network` names the public network: by the name `"public"` instances use, or by the
/// ID its ports, floating IPs and router gateways show.
fn is_public(network: &str) -> bool {
    network == "public" || network == PUBLIC_NETWORK_ID
}

/// A new port, `DOWN` until rendered with its device's state.
pub(super) fn new_port(
    network_id: &str,
    device_id: &str,
    owner: &str,
    allocations: Vec<IpAllocation>,
) -> Port {
    Port {
        id: fresh::uuid(),
        name: Some(String::new()),
        description: Some(String::new()),
        network_id: network_id.to_owned(),
        mac_address: Some(fresh::mac_address()),
        admin_state_up: Some(true),
        status: Some("DOWN".into()),
        device_id: Some(device_id.to_owned()),
        device_owner: Some(owner.to_owned()),
        ip_allocations: allocations,
        extra: Default::default(),
    }
}
