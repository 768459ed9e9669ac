//! Floating IPs (`tavu.floating_ips()`).

use super::instances::COMPUTE_OWNER;
use super::support::{decode, done, find, invalid, ok, parse_ip, position, referred, Answer};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::UpdateFloatingIp;
use crate::Nullable;

impl TavuWorld {
    pub(super) fn list_floating_ips(&self) -> Answer {
        ok(&self.floating_ips)
    }

    pub(super) fn get_floating_ip(&self, id: &str) -> Answer {
        ok(find(&self.floating_ips, id, "floating IP")?)
    }

    pub(super) fn update_floating_ip(&mut self, id: &str, body: Body<'_>) -> Answer {
        let index = position(&self.floating_ips, id, "floating IP")?;
        let req: UpdateFloatingIp = decode(body)?;
        // What the association becomes: (port, fixed address, router).
        let association = match &req.port_id {
            Nullable::Absent => None,
            Nullable::Null => Some(None),
            Nullable::Value(port_id) => Some(Some(self.floating_ip_target(id, port_id)?)),
        };
        let ip = &mut self.floating_ips[index];
        if let Some(association) = association {
            let (port, fixed, router) = match association {
                Some((port, fixed, router)) => (Some(port), Some(fixed), Some(router)),
                None => (None, None, None),
            };
            ip.status = Some(if port.is_some() { "ACTIVE" } else { "DOWN" }.into());
            ip.port_id = port;
            ip.fixed_ip_address = fixed;
            ip.router_id = router;
        }
        if let Some(description) = req.description {
            ip.description = Some(description);
        }
        ip.revision_number = Some(ip.revision_number.unwrap_or(0) + 1);
        ip.updated_at = Some(fresh::now().into());
        ok(ip)
    }

    /// Where floating IP `ip_id` would map to on `port_id`: the port, its IPv4 address in a
    /// subnet that a router with an external gateway connects, and that router.
    fn floating_ip_target(
        &self,
        ip_id: &str,
        port_id: &str,
    ) -> Result<(String, String, String), Reply> {
        let port = referred(&self.ports, port_id, "port_id", "port")?;
        if port.device_owner.as_deref() != Some(COMPUTE_OWNER) {
            return Err(invalid(
                "port_id",
                format!("port {port_id} is not an instance interface"),
            ));
        }
        if let Some(other) = self
            .floating_ips
            .iter()
            .find(|f| f.id != ip_id && f.port_id.as_deref() == Some(port_id))
        {
            return Err(invalid(
                "port_id",
                format!(
                    "port {port_id} already has floating IP {}",
                    other.floating_ip_address
                ),
            ));
        }
        for allocation in &port.ip_allocations {
            let Some(subnet_id) = allocation.subnet_id.as_deref() else {
                continue;
            };
            if !matches!(parse_ip(&allocation.ip_address), Some((_, false))) {
                continue;
            }
            let router = self.routers.iter().find(|r| {
                r.external_gateway_info.is_some()
                    && self
                        .router_ports(&r.id)
                        .flat_map(|p| &p.ip_allocations)
                        .any(|a| a.subnet_id.as_deref() == Some(subnet_id))
            });
            if let Some(router) = router {
                return Ok((
                    port_id.to_owned(),
                    allocation.ip_address.clone(),
                    router.id.clone(),
                ));
            }
        }
        Err(invalid(
            "port_id",
            format!(
                "port {port_id} is not reachable from the public network: connect one of its \
                 IPv4 subnets to a router with an external gateway"
            ),
        ))
    }

    pub(super) fn delete_floating_ip(&mut self, id: &str) -> Answer {
        let index = position(&self.floating_ips, id, "floating IP")?;
        self.floating_ips.remove(index);
        done()
    }
}
