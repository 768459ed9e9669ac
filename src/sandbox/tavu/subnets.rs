//! Subnets (`tavu.subnets()`).

use super::support::{
    decode, done, find, find_mut, invalid, not_blank, ok, one_of, parse_ip, position, referred,
    refused, show_ip, Answer, Cidr,
};
use super::TavuWorld;
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::sandbox::route::Body;
use crate::tavu::{
    AllocationPool, AllocationPoolSpec, CreateSubnet, Route, RouteSpec, Subnet, UpdateSubnet,
};
use crate::Nullable;

const IPV6_MODES: [&str; 3] = ["dhcpv6-stateless", "dhcpv6-stateful", "slaac"];

impl TavuWorld {
    pub(super) fn get_subnet(&self, id: &str) -> Answer {
        ok(find(&self.subnets, id, "subnet")?)
    }

    pub(super) fn create_subnet(&mut self, body: Body<'_>) -> Answer {
        let req: CreateSubnet = decode(body)?;
        not_blank("name", &req.name)?;
        referred(&self.networks, &req.network_id, "network_id", "network")?;
        let cidr = Cidr::parse(&req.cidr).ok_or_else(|| {
            invalid(
                "cidr",
                format!(
                    "'{}' is not in CIDR notation (e.g. 192.168.2.0/24)",
                    req.cidr
                ),
            )
        })?;
        if cidr.has_host_bits() {
            return Err(invalid(
                "cidr",
                format!(
                    "{} has host bits set; did you mean {}?",
                    req.cidr,
                    cidr.canonical()
                ),
            ));
        }
        if req.ip_version != 4 && req.ip_version != 6 {
            return Err(invalid("ip_version", "must be 4 or 6"));
        }
        if req.ip_version != cidr.version() {
            return Err(invalid(
                "ip_version",
                format!(
                    "is {} but the CIDR {} is IPv{}; they must match",
                    req.ip_version,
                    req.cidr,
                    cidr.version()
                ),
            ));
        }
        if let Some(other) = self.subnets.iter().find(|s| {
            s.network_id == req.network_id
                && Cidr::parse(&s.cidr).is_some_and(|c| c.overlaps(&cidr))
        }) {
            return Err(invalid(
                "cidr",
                format!(
                    "{} overlaps {} of subnet {} in the same network",
                    req.cidr, other.cidr, other.id
                ),
            ));
        }
        for (field, mode) in [
            ("ipv6_ra_mode", &req.ipv6_ra_mode),
            ("ipv6_address_mode", &req.ipv6_address_mode),
        ] {
            if let Some(mode) = mode {
                if !cidr.v6 {
                    return Err(invalid(field, "applies to IPv6 subnets only"));
                }
                one_of(field, mode, &IPV6_MODES)?;
            }
        }
        let gateway_ip = match &req.gateway_ip {
            Nullable::Absent => cidr.first_host().map(|n| show_ip(n, cidr.v6)),
            Nullable::Null => None,
            Nullable::Value(gateway) => Some(address_in("gateway_ip", gateway, &cidr)?),
        };
        let allocation_pools = match &req.allocation_pools {
            Some(pools) => check_pools(pools, &cidr)?,
            None => default_pools(&cidr, gateway_ip.as_deref()),
        };
        check_gateway_outside_pools(gateway_ip.as_deref(), &allocation_pools)?;
        let subnet = Subnet {
            id: fresh::uuid(),
            name: req.name,
            description: Some(req.description.unwrap_or_default()),
            network_id: req.network_id,
            ip_version: req.ip_version,
            cidr: req.cidr,
            gateway_ip,
            enable_dhcp: Some(req.enable_dhcp.unwrap_or(true)),
            ipv6_ra_mode: req.ipv6_ra_mode,
            ipv6_address_mode: req.ipv6_address_mode,
            allocation_pools,
            dns_nameservers: check_nameservers(req.dns_nameservers.unwrap_or_default())?,
            host_routes: check_routes("host_routes", req.host_routes.unwrap_or_default())?,
            extra: Default::default(),
        };
        self.subnets.push(subnet.clone());
        ok(&subnet)
    }

    /// Updates a subnet. `gateway_ip: null` removes the gateway. (The reference's example
    /// sends `null` and answers with the old gateway still set; the parameter's meaning, and
    /// the client's `Nullable`, say it clears it, which is what the sandbox does.)
    pub(super) fn update_subnet(&mut self, id: &str, body: Body<'_>) -> Answer {
        let mut subnet = find(&self.subnets, id, "subnet")?.clone();
        let req: UpdateSubnet = decode(body)?;
        let cidr = Cidr::parse(&subnet.cidr).expect("stored subnets have valid CIDRs");
        if let Some(name) = req.name {
            not_blank("name", &name)?;
            subnet.name = name;
        }
        if let Some(description) = req.description {
            subnet.description = Some(description);
        }
        match req.gateway_ip {
            Nullable::Absent => {}
            Nullable::Null => subnet.gateway_ip = None,
            Nullable::Value(gateway) => {
                subnet.gateway_ip = Some(address_in("gateway_ip", &gateway, &cidr)?)
            }
        }
        if let Some(dhcp) = req.enable_dhcp {
            subnet.enable_dhcp = Some(dhcp);
        }
        if let Some(servers) = req.dns_nameservers {
            subnet.dns_nameservers = check_nameservers(servers)?;
        }
        if let Some(pools) = req.allocation_pools {
            subnet.allocation_pools = check_pools(&pools, &cidr)?;
        }
        if let Some(routes) = req.host_routes {
            subnet.host_routes = check_routes("host_routes", routes)?;
        }
        check_gateway_outside_pools(subnet.gateway_ip.as_deref(), &subnet.allocation_pools)?;
        let answer = ok(&subnet);
        *find_mut(&mut self.subnets, id, "subnet")? = subnet;
        answer
    }

    pub(super) fn delete_subnet(&mut self, id: &str) -> Answer {
        let index = position(&self.subnets, id, "subnet")?;
        let users = self
            .ports
            .iter()
            .filter(|p| {
                p.ip_allocations
                    .iter()
                    .any(|a| a.subnet_id.as_deref() == Some(id))
            })
            .count();
        if users > 0 {
            return Err(refused(format!(
                "Cannot delete subnet {id}: {users} port(s) still have addresses in it"
            )));
        }
        self.subnets.remove(index);
        done()
    }
}

/// The address, if it is one and lies inside the CIDR.
fn address_in(field: &str, address: &str, cidr: &Cidr) -> Result<String, Reply> {
    match parse_ip(address) {
        Some((n, v6)) if cidr.contains(n, v6) => Ok(address.to_owned()),
        Some(_) => Err(invalid(
            field,
            format!(
                "{address} is outside the subnet's CIDR {}",
                cidr.canonical()
            ),
        )),
        None => Err(invalid(field, format!("'{address}' is not an IP address"))),
    }
}

/// Checks pools against the CIDR, each start no later than its end.
fn check_pools(pools: &[AllocationPoolSpec], cidr: &Cidr) -> Result<Vec<AllocationPool>, Reply> {
    pools
        .iter()
        .map(|pool| {
            let start = address_in("allocation_pools", &pool.start, cidr)?;
            let end = address_in("allocation_pools", &pool.end, cidr)?;
            if parse_ip(&start) > parse_ip(&end) {
                return Err(invalid(
                    "allocation_pools",
                    format!("the pool {start} - {end} ends before it starts"),
                ));
            }
            Ok(AllocationPool {
                start,
                end,
                extra: Default::default(),
            })
        })
        .collect()
}

/// The usable range of the CIDR without the gateway: one pool, or two around the gateway.
fn default_pools(cidr: &Cidr, gateway: Option<&str>) -> Vec<AllocationPool> {
    let Some(first) = cidr.first_host() else {
        return Vec::new();
    };
    let last = cidr.last_host();
    let mut ranges = Vec::new();
    match gateway.and_then(parse_ip).map(|(n, _)| n) {
        Some(g) if (first..=last).contains(&g) => {
            if g > first {
                ranges.push((first, g - 1));
            }
            if g < last {
                ranges.push((g + 1, last));
            }
        }
        _ => ranges.push((first, last)),
    }
    ranges
        .into_iter()
        .map(|(start, end)| AllocationPool {
            start: show_ip(start, cidr.v6),
            end: show_ip(end, cidr.v6),
            extra: Default::default(),
        })
        .collect()
}

fn check_gateway_outside_pools(
    gateway: Option<&str>,
    pools: &[AllocationPool],
) -> Result<(), Reply> {
    let Some((g, _)) = gateway.and_then(parse_ip) else {
        return Ok(());
    };
    for pool in pools {
        let (Some((start, _)), Some((end, _))) = (parse_ip(&pool.start), parse_ip(&pool.end))
        else {
            continue;
        };
        if (start..=end).contains(&g) {
            return Err(invalid(
                "gateway_ip",
                format!(
                    "{} lies in the allocation pool {} - {}",
                    gateway.unwrap_or_default(),
                    pool.start,
                    pool.end
                ),
            ));
        }
    }
    Ok(())
}

fn check_nameservers(servers: Vec<String>) -> Result<Vec<String>, Reply> {
    if let Some(bad) = servers.iter().find(|s| parse_ip(s).is_none()) {
        return Err(invalid(
            "dns_nameservers",
            format!("'{bad}' is not an IP address"),
        ));
    }
    Ok(servers)
}

pub(super) fn check_routes(field: &str, routes: Vec<RouteSpec>) -> Result<Vec<Route>, Reply> {
    routes
        .into_iter()
        .map(|route| {
            if Cidr::parse(&route.destination).is_none() {
                return Err(invalid(
                    field,
                    format!("destination '{}' is not a CIDR", route.destination),
                ));
            }
            if parse_ip(&route.nexthop).is_none() {
                return Err(invalid(
                    field,
                    format!("nexthop '{}' is not an IP address", route.nexthop),
                ));
            }
            Ok(Route {
                destination: route.destination,
                nexthop: route.nexthop,
                extra: Default::default(),
            })
        })
        .collect()
}
