//! IP addresses (`joviam.ip_addresses()`).

use std::net::Ipv4Addr;

use crate::joviam::{AllocateIpAddress, IpAddress, Network, UpdateIpAddress};
use crate::nullable::Nullable;
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};

use super::networks::Cidr;
use super::support::{body, find, invalid, position, referenced, Answer};
use super::JoviamWorld;

impl JoviamWorld {
    /// An IP address as the API shows it: with the instances holding it.
    pub(super) fn ip_view(&self, ip: &IpAddress) -> IpAddress {
        IpAddress {
            instance_ids: self.ip_holders(&ip.id),
            ..ip.clone()
        }
    }

    /// The instances with an adapter holding the address, in creation order.
    pub(super) fn ip_holders(&self, ip_id: &str) -> Vec<String> {
        self.instances
            .iter()
            .filter(|r| {
                r.adapters
                    .iter()
                    .any(|a| a.ip_ids.iter().any(|i| i == ip_id))
            })
            .map(|r| r.instance.id.clone())
            .collect()
    }

    /// `public`: `None` lists all, `Some(true)` those on public networks, `Some(false)` the
    /// others.
    pub(super) fn list_ip_addresses(&self, public: Option<bool>) -> Reply {
        let is_public = |ip: &IpAddress| {
            self.networks
                .iter()
                .any(|n| n.id == ip.network_id && n.is_public)
        };
        let ips: Vec<IpAddress> = self
            .ip_addresses
            .iter()
            .filter(|ip| public.is_none_or(|p| is_public(ip) == p))
            .map(|ip| self.ip_view(ip))
            .collect();
        Reply::json(200, &ips)
    }

    pub(super) fn get_ip_address(&self, id: &str) -> Answer {
        Ok(Reply::json(
            200,
            &self.ip_view(find(&self.ip_addresses, id)?),
        ))
    }

    /// `ip_addresses.allocate`: in `network`, or with only a `region`, in the region's public
    /// network; at `address` if given, else the lowest free one.
    pub(super) fn allocate_ip_address(&mut self, req: &Req) -> Answer {
        let request: AllocateIpAddress = body(req)?;
        let region = match &request.region {
            Some(id) => Some(referenced(&self.regions, "region", id)?.clone()),
            None => None,
        };
        let network_id = match (&request.network, &region) {
            (Some(id), _) => {
                let network = referenced(&self.networks, "network", id)?;
                let region = region.as_ref().unwrap_or(&network.region);
                self.usable_network("network", id, region)?.id.clone()
            }
            (None, Some(region)) => self
                .first_network(region, true)
                .ok_or_else(|| invalid("region", "has no public network"))?
                .id
                .clone(),
            (None, None) => {
                return Err(invalid(
                    "network",
                    "can't be blank unless a region is given (for a public address)",
                ))
            }
        };
        let name = match request.name {
            Nullable::Value(name) => Some(name),
            Nullable::Null | Nullable::Absent => None,
        };
        let field = if request.address.is_some() {
            "address"
        } else {
            "network"
        };
        let id = self
            .new_ip(
                &network_id,
                request.address.as_deref(),
                name,
                request.shareable.unwrap_or(false),
            )
            .map_err(|m| invalid(field, &m))?;
        Ok(Reply::json(
            201,
            &self.ip_view(find(&self.ip_addresses, &id)?),
        ))
    }

    /// Allocates an address in a network and returns the new IP address's ID, or why not.
    pub(super) fn new_ip(
        &mut self,
        network_id: &str,
        wanted: Option<&str>,
        name: Option<String>,
        shareable: bool,
    ) -> Result<String, String> {
        let network = self
            .networks
            .iter()
            .find(|n| n.id == network_id)
            .ok_or_else(|| format!("no network with ID {network_id}"))?;
        let address = self.free_address(network, wanted)?;
        let stamp = Some(fresh::now());
        let ip = IpAddress {
            id: fresh::uuid(),
            name,
            address: address.to_string(),
            network_id: network_id.to_owned(),
            instance_ids: Vec::new(),
            shareable,
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            extra: Default::default(),
        };
        let id = ip.id.clone();
        self.ip_addresses.push(ip);
        Ok(id)
    }

    /// `wanted` if it is a free host address of the network, else the lowest free one. The
    /// network and broadcast addresses, the gateway and the name servers are never handed out.
    fn free_address(&self, network: &Network, wanted: Option<&str>) -> Result<Ipv4Addr, String> {
        let cidr = Cidr::parse(&network.specification)?;
        let reserved: Vec<u32> = [
            &network.gateway,
            &network.primary_nameserver,
            &network.secondary_nameserver,
        ]
        .into_iter()
        .flatten()
        .filter_map(|a| a.parse::<Ipv4Addr>().ok().map(u32::from))
        .collect();
        let taken: Vec<u32> = self
            .ip_addresses
            .iter()
            .filter(|ip| ip.network_id == network.id)
            .filter_map(|ip| ip.address.parse::<Ipv4Addr>().ok().map(u32::from))
            .collect();
        match wanted {
            Some(text) => {
                let address: Ipv4Addr = text
                    .parse()
                    .map_err(|_| format!("{text:?} is not an IPv4 address"))?;
                let a = u32::from(address);
                if !cidr.is_host(a) {
                    Err(format!("{address} is not a host address of {cidr}"))
                } else if taken.contains(&a) {
                    Err(format!("{address} is already allocated"))
                } else if reserved.contains(&a) {
                    Err(format!(
                        "{address} is the network's gateway or a name server"
                    ))
                } else {
                    Ok(address)
                }
            }
            None => cidr
                .hosts()
                .find(|a| !taken.contains(a) && !reserved.contains(a))
                .map(Ipv4Addr::from)
                .ok_or_else(|| format!("network {} ({cidr}) has no free address left", network.id)),
        }
    }

    /// `ip_addresses.update`: `name` (`null` clears it) and `shareable`.
    pub(super) fn update_ip_address(&mut self, id: &str, req: &Req) -> Answer {
        let request: UpdateIpAddress = body(req)?;
        let i = position(&self.ip_addresses, id)?;
        if request.shareable == Some(false) {
            let holders = self.ip_holders(id);
            if holders.len() > 1 {
                return Err(invalid(
                    "shareable",
                    &format!(
                        "the address is shared by {} instances; detach it from all but one first",
                        holders.len()
                    ),
                ));
            }
        }
        let ip = &mut self.ip_addresses[i];
        match request.name {
            Nullable::Absent => {}
            Nullable::Null => ip.name = None,
            Nullable::Value(name) => ip.name = Some(name),
        }
        if let Some(shareable) = request.shareable {
            ip.shareable = shareable;
        }
        ip.updated_at = Some(fresh::now().into());
        Ok(Reply::json(200, &self.ip_view(&self.ip_addresses[i])))
    }

    /// `ip_addresses.deallocate`: answers `{}`. An address still attached to an instance is
    /// refused (422), as an attached disk is: detach it (or delete the instance) first.
    pub(super) fn deallocate_ip_address(&mut self, id: &str) -> Answer {
        let i = position(&self.ip_addresses, id)?;
        if let Some(holder) = self.ip_holders(id).first() {
            return Err(invalid(
                "instance_ids",
                &format!("the address is attached to instance {holder}; detach it first"),
            ));
        }
        self.ip_addresses.remove(i);
        Ok(Reply::json(200, &serde_json::json!({})))
    }
}
