//! Routers (`tavu.routers()`).

use super::catalogue::{PUBLIC_NETWORK_ID, PUBLIC_SUBNET_ID};
use super::ports::new_port;
use super::subnets::check_routes;
use super::support::{decode, done, find, invalid, not_blank, ok, position, refused, Answer};
use super::TavuWorld;
use crate::sandbox::route::Body;
use crate::tavu::{IpAllocation, Port, UpdateRouter};

const ROUTER_GATEWAY_OWNER: &str = "network:router_gateway";

impl TavuWorld {
    pub(super) fn get_router(&self, id: &str) -> Answer {
        ok(find(&self.routers, id, "router")?)
    }

    pub(super) fn update_router(&mut self, id: &str, body: Body<'_>) -> Answer {
        let index = position(&self.routers, id, "router")?;
        let req: UpdateRouter = decode(body)?;
        let mut router = self.routers[index].clone();
        if let Some(name) = req.name {
            not_blank("name", &name)?;
            router.name = name;
        }
        if let Some(description) = req.description {
            router.description = Some(description);
        }
        if let Some(up) = req.admin_state_up {
            router.admin_state_up = Some(up);
        }
        if let Some(routes) = req.routes {
            router.routes = check_routes("routes", routes)?;
        }
        match req.attach_to_external {
            Some(true) if router.external_gateway_info.is_none() => {
                let address = self.allocate(&self.public_subnet, "attach_to_external")?;
                let allocation = IpAllocation {
                    ip_address: address,
                    subnet_id: Some(PUBLIC_SUBNET_ID.into()),
                    network_id: None,
                    extra: Default::default(),
                };
                let gateway = new_port(
                    PUBLIC_NETWORK_ID,
                    id,
                    ROUTER_GATEWAY_OWNER,
                    vec![allocation],
                );
                router.external_gateway_info = Some(Port {
                    status: Some("ACTIVE".into()),
                    ..gateway
                });
                router.external_gateway_snat_enabled = Some(true);
            }
            Some(false) if router.external_gateway_info.is_some() => {
                if let Some(ip) = self
                    .floating_ips
                    .iter()
                    .find(|f| f.router_id.as_deref() == Some(id))
                {
                    return Err(invalid(
                        "attach_to_external",
                        format!(
                            "floating IP {} reaches its port through this router's gateway; \
                             disassociate it first",
                            ip.id
                        ),
                    ));
                }
                router.external_gateway_info = None;
                router.external_gateway_snat_enabled = None;
            }
            _ => {}
        }
        self.routers[index] = router;
        ok(&self.routers[index])
    }

    pub(super) fn delete_router(&mut self, id: &str) -> Answer {
        let index = position(&self.routers, id, "router")?;
        let interfaces = self.router_ports(id).count();
        if interfaces > 0 {
            return Err(refused(format!(
                "Cannot delete router {id}: it still has {interfaces} interface(s); delete them first"
            )));
        }
        self.routers.remove(index);
        let attached: Vec<String> = self
            .firewalls
            .iter_mut()
            .filter(|f| f.router_ids.iter().any(|r| r == id))
            .map(|f| {
                f.router_ids.retain(|r| r != id);
                f.id.clone()
            })
            .collect();
        for firewall in attached {
            self.settle_firewall(&firewall);
        }
        done()
    }
}
