//! Networks (`joviam.networks()`), and the IPv4 arithmetic they and IP addresses need.

use std::net::Ipv4Addr;

use crate::joviam::{CreateNetwork, Network, NetworkState, Region, UpdateNetwork};
use crate::nullable::Nullable;
use crate::sandbox::fresh;
use crate::sandbox::http::{Reply, Req};
use crate::sandbox::schedule::Clock;

use super::support::{body, find, has_key, invalid, position, referenced, wrong_state, Answer};
use super::{Event, JoviamWorld};

impl JoviamWorld {
    pub(super) fn list_networks(&self, keep: impl Fn(&Network) -> bool) -> Reply {
        let networks: Vec<&Network> = self.networks.iter().filter(|n| keep(n)).collect();
        Reply::json(200, &networks)
    }

    pub(super) fn get_network(&self, id: &str) -> Answer {
        Ok(Reply::json(200, find(&self.networks, id)?))
    }

    /// `networks.create`: a private network, `ready` at once.
    pub(super) fn create_network(&mut self, req: &Req) -> Answer {
        let request: CreateNetwork = body(req)?;
        // Required but nullable: `null` names nothing, leaving the key out is a mistake.
        if !has_key(req, "name") {
            return Err(invalid(
                "name",
                "can't be blank (send null for a network without a name)",
            ));
        }
        let region = referenced(&self.regions, "region", &request.region)?.clone();
        let cidr = Cidr::parse(&request.specification).map_err(|m| invalid("specification", &m))?;
        let gateway = settable(&request.gateway, "gateway", Some(&cidr))?;
        let primary = settable(&request.primary_nameserver, "primary_nameserver", None)?;
        let secondary = settable(&request.secondary_nameserver, "secondary_nameserver", None)?;
        let stamp = Some(fresh::now());
        let network = Network {
            id: fresh::uuid(),
            name: request.name,
            is_public: false,
            specification: cidr.to_string(),
            netmask: Ipv4Addr::from(cidr.netmask()).to_string(),
            gateway: gateway.flatten(),
            primary_nameserver: primary.flatten(),
            secondary_nameserver: secondary.flatten(),
            state: NetworkState::Ready,
            network_address: Ipv4Addr::from(cidr.base).to_string(),
            region,
            created_at: stamp.clone().map(Into::into),
            updated_at: stamp.map(Into::into),
            extra: Default::default(),
        };
        self.networks.push(network.clone());
        Ok(Reply::json(201, &network))
    }

    /// `networks.update`: a private network's name, gateway and name servers; `null`
    /// clears one, leaving it out keeps it.
    pub(super) fn update_network(&mut self, id: &str, req: &Req) -> Answer {
        let request: UpdateNetwork = body(req)?;
        let i = position(&self.networks, id)?;
        let network = &self.networks[i];
        if network.is_public {
            return Err(invalid("is_public", "public networks cannot be changed"));
        }
        if network.state != NetworkState::Ready {
            return Err(wrong_state(format!("network {id} is {}", network.state)));
        }
        let cidr = Cidr::parse(&network.specification).map_err(|m| invalid("specification", &m))?;
        let gateway = settable(&request.gateway, "gateway", Some(&cidr))?;
        if let Some(Some(address)) = &gateway {
            if let Some(ip) = self
                .ip_addresses
                .iter()
                .find(|ip| ip.network_id == id && &ip.address == address)
            {
                return Err(invalid(
                    "gateway",
                    &format!("{address} is allocated as IP address {}", ip.id),
                ));
            }
        }
        let primary = settable(&request.primary_nameserver, "primary_nameserver", None)?;
        let secondary = settable(&request.secondary_nameserver, "secondary_nameserver", None)?;
        let network = &mut self.networks[i];
        match request.name {
            Nullable::Absent => {}
            Nullable::Null => network.name = None,
            Nullable::Value(name) => network.name = Some(name),
        }
        for (field, change) in [
            (&mut network.gateway, gateway),
            (&mut network.primary_nameserver, primary),
            (&mut network.secondary_nameserver, secondary),
        ] {
            if let Some(value) = change {
                *field = value;
            }
        }
        network.updated_at = Some(fresh::now().into());
        Ok(Reply::json(200, &*network))
    }

    /// `networks.delete`: answers the network `terminating` (200, as the reference's
    /// example); it is removed after the build delay. Refused for public networks and for
    /// networks that still hold IP addresses or instance adapters.
    pub(super) fn delete_network(&mut self, clock: &Clock, id: &str) -> Answer {
        let i = position(&self.networks, id)?;
        let network = &self.networks[i];
        if network.state == NetworkState::Terminating {
            return Ok(Reply::json(200, network));
        }
        if network.is_public {
            return Err(invalid("is_public", "public networks cannot be deleted"));
        }
        let held = self
            .ip_addresses
            .iter()
            .filter(|ip| ip.network_id == id)
            .count();
        if held > 0 {
            return Err(invalid(
                "ip_addresses",
                &format!("{held} IP address(es) are still allocated in this network; deallocate them first"),
            ));
        }
        if let Some(record) = self
            .instances
            .iter()
            .find(|r| r.adapters.iter().any(|a| a.network_id == id))
        {
            return Err(invalid(
                "network_adapters",
                &format!(
                    "instance {} is still connected to this network",
                    record.instance.id
                ),
            ));
        }
        let network = &mut self.networks[i];
        network.state = NetworkState::Terminating;
        network.updated_at = Some(fresh::now().into());
        let answer = Reply::json(200, &*network);
        self.schedule(clock.after(1), id, Event::NetworkGone);
        Ok(answer)
    }

    /// A network a body names in `field` that can take new addresses and adapters: it must
    /// exist, be `ready` and be in `region`.
    pub(super) fn usable_network(
        &self,
        field: &str,
        id: &str,
        region: &Region,
    ) -> Result<&Network, Reply> {
        let network = referenced(&self.networks, field, id)?;
        if network.region.id != region.id {
            return Err(invalid(
                field,
                &format!(
                    "network {id} is in region {}, not {}",
                    network.region.id, region.id
                ),
            ));
        }
        if network.state != NetworkState::Ready {
            return Err(invalid(
                field,
                &format!("network {id} is {}", network.state),
            ));
        }
        Ok(network)
    }

    /// The first ready public (or private) network of a region, in creation order.
    pub(super) fn first_network(&self, region: &Region, public: bool) -> Option<&Network> {
        self.networks.iter().find(|n| {
            n.region.id == region.id && n.is_public == public && n.state == NetworkState::Ready
        })
    }
}

/// A gateway or name server from a body: `None` when left out (keep), `Some(None)` for
/// `null` (clear), `Some(Some(address))` for an IPv4 address, which for a gateway must be a
/// host address of `within`.
fn settable(
    value: &Nullable<String>,
    field: &str,
    within: Option<&Cidr>,
) -> Result<Option<Option<String>>, crate::sandbox::http::Reply> {
    match value {
        Nullable::Absent => Ok(None),
        Nullable::Null => Ok(Some(None)),
        Nullable::Value(text) => {
            let address: Ipv4Addr = text
                .parse()
                .map_err(|_| invalid(field, &format!("{text:?} is not an IPv4 address")))?;
            if let Some(cidr) = within {
                if !cidr.is_host(u32::from(address)) {
                    return Err(invalid(
                        field,
                        &format!("{address} is not a host address of {cidr}"),
                    ));
                }
            }
            Ok(Some(Some(address.to_string())))
        }
    }
}

/// An IPv4 range in CIDR notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cidr {
    /// The network address.
    base: u32,
    prefix: u8,
}

impl Cidr {
    /// Reads `a.b.c.d/n`: a network address (no host bits set) and a prefix of at most 30, so
    /// that there are host addresses to hand out.
    pub(super) fn parse(spec: &str) -> Result<Cidr, String> {
        let bad =
            || format!("{spec:?} is not an IPv4 network in CIDR notation (e.g. 192.168.2.0/24)");
        let (address, prefix) = spec.trim().split_once('/').ok_or_else(bad)?;
        let address: Ipv4Addr = address.parse().map_err(|_| bad())?;
        let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32).ok_or_else(bad)?;
        if prefix > 30 {
            return Err(format!(
                "{spec:?} is too small: the prefix must be /30 or shorter"
            ));
        }
        let cidr = Cidr {
            base: u32::from(address),
            prefix,
        };
        if cidr.base & !cidr.netmask() != 0 {
            return Err(format!(
                "{spec:?} has host bits set: the network is {}/{prefix}",
                Ipv4Addr::from(cidr.base & cidr.netmask())
            ));
        }
        Ok(cidr)
    }

    pub(super) fn netmask(&self) -> u32 {
        u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0)
    }

    pub(super) fn broadcast(&self) -> u32 {
        self.base | !self.netmask()
    }

    /// Whether `a` is in the range and neither its network nor its broadcast address.
    pub(super) fn is_host(&self, a: u32) -> bool {
        a & self.netmask() == self.base && a != self.base && a != self.broadcast()
    }

    pub(super) fn hosts(&self) -> impl Iterator<Item = u32> {
        self.base + 1..self.broadcast()
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.base), self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_parsing() {
        let cidr = Cidr::parse("192.168.2.0/24").unwrap();
        assert_eq!(Ipv4Addr::from(cidr.netmask()).to_string(), "255.255.255.0");
        assert!(cidr.is_host(u32::from(Ipv4Addr::new(192, 168, 2, 1))));
        assert!(!cidr.is_host(u32::from(Ipv4Addr::new(192, 168, 2, 0))));
        assert!(!cidr.is_host(u32::from(Ipv4Addr::new(192, 168, 2, 255))));
        assert!(!cidr.is_host(u32::from(Ipv4Addr::new(192, 168, 3, 1))));
        assert_eq!(cidr.hosts().count(), 254);
        assert_eq!(Cidr::parse("0.0.0.0/0").unwrap().netmask(), 0);
        assert_eq!(Cidr::parse("10.0.0.0/30").unwrap().hosts().count(), 2);
        for bad in [
            "192.168.2.0",
            "192.168.2.5/24",
            "10.0.0.0/31",
            "10.0.0.0/33",
            "300.1.1.0/24",
            "a/b",
            "",
        ] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
    }
}
