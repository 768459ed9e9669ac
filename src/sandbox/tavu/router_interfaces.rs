//! Router interfaces (`tavu.router_interfaces()`).

use super::ports::new_port;
use super::support::{decode, find, invalid, not_found, ok, referred, refused, Answer};
use super::TavuWorld;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{CreateRouterInterface, IpAllocation, Port, RouterInterface};

const ROUTER_INTERFACE_OWNER: &str = "network:router_interface";

impl TavuWorld {
    pub(super) fn router_ports<'a>(&'a self, router_id: &'a str) -> impl Iterator<Item = &'a Port> {
        self.ports
            .iter()
            .filter(move |p| is_router_interface(p, router_id))
    }

    fn router_port(&self, router_id: &str, port_id: &str) -> Result<&Port, Reply> {
        find(&self.routers, router_id, "router")?;
        self.ports
            .iter()
            .find(|p| p.id == port_id && is_router_interface(p, router_id))
            .ok_or_else(|| not_found("router interface", port_id))
    }

    pub(super) fn list_router_interfaces(&self, router_id: &str) -> Answer {
        find(&self.routers, router_id, "router")?;
        let all: Vec<Port> = self
            .router_ports(router_id)
            .map(|p| self.render_port(p))
            .collect();
        ok(&all)
    }

    pub(super) fn get_router_interface(&self, router_id: &str, port_id: &str) -> Answer {
        ok(&self.render_port(self.router_port(router_id, port_id)?))
    }

    pub(super) fn create_router_interface(&mut self, router_id: &str, body: Body<'_>) -> Answer {
        find(&self.routers, router_id, "router")?;
        let req: CreateRouterInterface = decode(body)?;
        let subnet = referred(&self.subnets, &req.subnet_id, "subnet_id", "subnet")?.clone();
        if self
            .router_ports(router_id)
            .flat_map(|p| &p.ip_allocations)
            .any(|a| a.subnet_id.as_deref() == Some(&subnet.id))
        {
            return Err(invalid(
                "subnet_id",
                format!(
                    "router {router_id} already has an interface in subnet {}",
                    subnet.id
                ),
            ));
        }
        // The router takes the subnet's gateway address unless a port already has it.
        let gateway_taken = |ip: &str| {
            self.ports
                .iter()
                .flat_map(|p| &p.ip_allocations)
                .any(|a| a.ip_address == ip && a.subnet_id.as_deref() == Some(&subnet.id))
        };
        let address = match subnet.gateway_ip.as_deref() {
            Some(gateway) if !gateway_taken(gateway) => gateway.to_owned(),
            _ => self.allocate(&subnet, "subnet_id")?,
        };
        let allocation = IpAllocation {
            ip_address: address,
            subnet_id: Some(subnet.id.clone()),
            network_id: Some(subnet.network_id.clone()),
            extra: Default::default(),
        };
        let port = new_port(
            &subnet.network_id,
            router_id,
            ROUTER_INTERFACE_OWNER,
            vec![allocation],
        );
        self.ports.push(port.clone());
        ok(&RouterInterface {
            id: router_id.to_owned(),
            network_id: Some(subnet.network_id),
            subnet_id: Some(subnet.id),
            port_id: port.id,
            extra: Default::default(),
        })
    }

    pub(super) fn delete_router_interface(&mut self, router_id: &str, port_id: &str) -> Answer {
        let port = self.router_port(router_id, port_id)?;
        let subnet_id = port
            .ip_allocations
            .first()
            .and_then(|a| a.subnet_id.clone());
        let answer = RouterInterface {
            id: router_id.to_owned(),
            network_id: Some(port.network_id.clone()),
            subnet_id: subnet_id.clone(),
            port_id: port.id.clone(),
            extra: Default::default(),
        };
        // A floating IP that reaches its port through this interface keeps it in place.
        let needed = self.floating_ips.iter().find(|f| {
            f.router_id.as_deref() == Some(router_id)
                && f.port_id.as_deref().is_some_and(|p| {
                    self.ports.iter().any(|port| {
                        port.id == p && port.ip_allocations.iter().any(|a| a.subnet_id == subnet_id)
                    })
                })
        });
        if let Some(ip) = needed {
            return Err(refused(format!(
                "Cannot delete router interface {port_id}: floating IP {} reaches its port \
                 through it; disassociate it first",
                ip.id
            )));
        }
        self.remove_port(port_id);
        ok(&answer)
    }
}

fn is_router_interface(port: &Port, router_id: &str) -> bool {
    port.device_id.as_deref() == Some(router_id)
        && port.device_owner.as_deref() == Some(ROUTER_INTERFACE_OWNER)
}
