//! Networking: ports, networks, subnets, firewalls and their rules, routers and their
//! interfaces, security groups and their rules, floating IPs; and the address bookkeeping
//! instances and routers share.

use std::collections::HashSet;
use std::time::Duration;

use super::catalogue::{DEFAULT_SECURITY_GROUP_ID, PUBLIC_NETWORK_ID, PUBLIC_SUBNET_ID};
use super::compute::COMPUTE_OWNER;
use super::support::{
    self, done, find, find_mut, invalid, not_blank, not_found, ok, ok_without, one_of, parse_ip,
    position, referred, refused, show_ip, wrapped, Answer, Cidr,
};
use super::{Change, TavuWorld};
use crate::sandbox::fresh;
use crate::sandbox::http::Reply;
use crate::tavu::{
    AllocationPool, AllocationPoolSpec, CreateNetwork, CreateRouterInterface, CreateSecurityGroup,
    CreateSecurityGroupRule, CreateSubnet, FirewallRule, FirewallRuleFields, IpAllocation, Network,
    Port, Route, RouteSpec, RouterInterface, SecurityGroup, SecurityGroupRule, Subnet,
    UpdateFirewall, UpdateFloatingIp, UpdateNetwork, UpdatePort, UpdateRouter, UpdateSecurityGroup,
    UpdateSubnet,
};
use crate::Nullable;

const ROUTER_INTERFACE_OWNER: &str = "network:router_interface";
const ROUTER_GATEWAY_OWNER: &str = "network:router_gateway";
const IPV6_MODES: [&str; 3] = ["dhcpv6-stateless", "dhcpv6-stateful", "slaac"];

impl TavuWorld {
    // -----------------------------------------------------------------------------------------
    // Ports and addresses

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

    pub(super) fn update_port(&mut self, id: &str, body: &[u8]) -> Answer {
        find(&self.ports, id, "port")?;
        let req: UpdatePort = wrapped(body, "port")?;
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
            });
        }
        let port = new_port(network_id, device_id, owner, allocations);
        self.ports.push(port.clone());
        Ok(port)
    }

    /// A free address of the subnet's allocation pools.
    fn allocate(&self, subnet: &Subnet, field: &str) -> Result<String, Reply> {
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
                ip.updated_at = Some(now.clone());
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Networks

    pub(super) fn get_network(&self, id: &str) -> Answer {
        ok(find(&self.networks, id, "network")?)
    }

    pub(super) fn create_network(&mut self, body: &[u8]) -> Answer {
        let req: CreateNetwork = wrapped(body, "network")?;
        not_blank("name", &req.name)?;
        let network = Network {
            id: fresh::uuid(),
            name: req.name,
            description: Some(req.description.unwrap_or_default()),
            status: Some("ACTIVE".into()),
            admin_state_up: Some(req.admin_state_up.unwrap_or(true)),
        };
        self.networks.push(network.clone());
        ok(&network)
    }

    pub(super) fn update_network(&mut self, id: &str, body: &[u8]) -> Answer {
        find(&self.networks, id, "network")?;
        let req: UpdateNetwork = wrapped(body, "network")?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let network = find_mut(&mut self.networks, id, "network")?;
        if let Some(name) = req.name {
            network.name = name;
        }
        if let Some(description) = req.description {
            network.description = Some(description);
        }
        if let Some(up) = req.admin_state_up {
            network.admin_state_up = Some(up);
        }
        ok(network)
    }

    pub(super) fn delete_network(&mut self, id: &str) -> Answer {
        let index = position(&self.networks, id, "network")?;
        let subnets = self.subnets.iter().filter(|s| s.network_id == id).count();
        if subnets > 0 {
            return Err(refused(format!(
                "Cannot delete network {id}: it still has {subnets} subnet(s); delete them first"
            )));
        }
        let ports = self.ports.iter().filter(|p| p.network_id == id).count();
        if ports > 0 {
            return Err(refused(format!(
                "Cannot delete network {id}: {ports} port(s) still use it (instance or router \
                 interfaces); remove them first"
            )));
        }
        self.networks.remove(index);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Subnets

    pub(super) fn get_subnet(&self, id: &str) -> Answer {
        ok(find(&self.subnets, id, "subnet")?)
    }

    pub(super) fn create_subnet(&mut self, body: &[u8]) -> Answer {
        let req: CreateSubnet = wrapped(body, "subnet")?;
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
        };
        self.subnets.push(subnet.clone());
        ok(&subnet)
    }

    /// Updates a subnet. `gateway_ip: null` removes the gateway. (The reference's example
    /// sends `null` and answers with the old gateway still set; the parameter's meaning, and
    /// the client's `Nullable`, say it clears it, which is what the sandbox does.)
    pub(super) fn update_subnet(&mut self, id: &str, body: &[u8]) -> Answer {
        let mut subnet = find(&self.subnets, id, "subnet")?.clone();
        let req: UpdateSubnet = wrapped(body, "subnet")?;
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

    // -----------------------------------------------------------------------------------------
    // Firewalls

    pub(super) fn get_firewall(&self, id: &str) -> Answer {
        ok(find(&self.firewalls, id, "firewall")?)
    }

    pub(super) fn update_firewall(&mut self, delay: Duration, id: &str, body: &[u8]) -> Answer {
        find(&self.firewalls, id, "firewall")?;
        let req: UpdateFirewall = wrapped(body, "firewall")?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        for router in req.router_ids.iter().flatten() {
            referred(&self.routers, router, "router_ids", "router")?;
        }
        let firewall = find_mut(&mut self.firewalls, id, "firewall")?;
        if let Some(name) = req.name {
            firewall.name = name;
        }
        if let Some(description) = req.description {
            firewall.description = Some(description);
        }
        if let Some(up) = req.admin_state_up {
            firewall.admin_state_up = Some(up);
        }
        if let Some(routers) = req.router_ids {
            firewall.router_ids = routers;
        }
        firewall.status = Some("PENDING_UPDATE".into());
        let answer = ok(firewall);
        self.schedule(delay, Change::Firewall { id: id.to_owned() });
        answer
    }

    /// The firewall's settled status: `ACTIVE` when it is up and attached to routers,
    /// `INACTIVE` otherwise (as in the reference's examples).
    pub(super) fn settle_firewall(&mut self, id: &str) {
        if let Some(firewall) = self.firewalls.iter_mut().find(|f| f.id == id) {
            let active = firewall.admin_state_up == Some(true) && !firewall.router_ids.is_empty();
            firewall.status = Some(if active { "ACTIVE" } else { "INACTIVE" }.into());
        }
    }

    pub(super) fn delete_firewall(&mut self, id: &str) -> Answer {
        let index = position(&self.firewalls, id, "firewall")?;
        self.firewalls.remove(index);
        self.firewall_rules.retain(|(firewall, _)| firewall != id);
        done()
    }

    pub(super) fn audit_firewall(&mut self, id: &str) -> Answer {
        find_mut(&mut self.firewalls, id, "firewall")?.audited = Some(true);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Firewall rules

    fn rules_of<'a>(&'a self, firewall_id: &'a str) -> impl Iterator<Item = &'a FirewallRule> {
        self.firewall_rules
            .iter()
            .filter(move |(f, _)| f == firewall_id)
            .map(|(_, rule)| rule)
    }

    fn firewall_rule_index(&self, firewall_id: &str, rule_id: &str) -> Result<usize, Reply> {
        find(&self.firewalls, firewall_id, "firewall")?;
        self.firewall_rules
            .iter()
            .position(|(f, rule)| f == firewall_id && rule.id == rule_id)
            .ok_or_else(|| not_found("firewall rule", rule_id))
    }

    /// A rule change makes the firewall's audit stale.
    fn unaudit(&mut self, firewall_id: &str) {
        if let Some(firewall) = self.firewalls.iter_mut().find(|f| f.id == firewall_id) {
            firewall.audited = Some(false);
        }
    }

    pub(super) fn list_firewall_rules(&self, firewall_id: &str) -> Answer {
        find(&self.firewalls, firewall_id, "firewall")?;
        ok(&self.rules_of(firewall_id).collect::<Vec<_>>())
    }

    pub(super) fn get_firewall_rule(&self, firewall_id: &str, rule_id: &str) -> Answer {
        let index = self.firewall_rule_index(firewall_id, rule_id)?;
        ok(&self.firewall_rules[index].1)
    }

    pub(super) fn create_firewall_rule(&mut self, firewall_id: &str, body: &[u8]) -> Answer {
        find(&self.firewalls, firewall_id, "firewall")?;
        let req: FirewallRuleFields = wrapped(body, "rule")?;
        let position = self
            .rules_of(firewall_id)
            .filter_map(|r| r.position)
            .max()
            .unwrap_or(0)
            + 1;
        let blank = FirewallRule {
            id: fresh::uuid(),
            name: Some(String::new()),
            description: Some(String::new()),
            protocol: None,
            ip_version: Some(4),
            source_ip_address: None,
            destination_ip_address: None,
            source_port_range_min: None,
            source_port_range_max: None,
            destination_port_range_min: None,
            destination_port_range_max: None,
            action: Some("allow".into()),
            enabled: Some(true),
            position: Some(position),
        };
        let rule = merge_firewall_rule(blank, req)?;
        self.firewall_rules
            .push((firewall_id.to_owned(), rule.clone()));
        self.unaudit(firewall_id);
        ok(&rule)
    }

    pub(super) fn update_firewall_rule(
        &mut self,
        firewall_id: &str,
        rule_id: &str,
        body: &[u8],
    ) -> Answer {
        let index = self.firewall_rule_index(firewall_id, rule_id)?;
        let req: FirewallRuleFields = wrapped(body, "rule")?;
        let rule = merge_firewall_rule(self.firewall_rules[index].1.clone(), req)?;
        self.firewall_rules[index].1 = rule.clone();
        self.unaudit(firewall_id);
        ok(&rule)
    }

    pub(super) fn delete_firewall_rule(&mut self, firewall_id: &str, rule_id: &str) -> Answer {
        let index = self.firewall_rule_index(firewall_id, rule_id)?;
        let (_, removed) = self.firewall_rules.remove(index);
        // Later rules move up one place.
        for (_, rule) in self
            .firewall_rules
            .iter_mut()
            .filter(|(f, _)| f == firewall_id)
        {
            if let (Some(p), Some(gone)) = (rule.position, removed.position) {
                if p > gone {
                    rule.position = Some(p - 1);
                }
            }
        }
        self.unaudit(firewall_id);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Routers

    pub(super) fn get_router(&self, id: &str) -> Answer {
        ok(find(&self.routers, id, "router")?)
    }

    pub(super) fn update_router(&mut self, id: &str, body: &[u8]) -> Answer {
        let index = position(&self.routers, id, "router")?;
        let req: UpdateRouter = wrapped(body, "router")?;
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

    // -----------------------------------------------------------------------------------------
    // Router interfaces

    fn router_ports<'a>(&'a self, router_id: &'a str) -> impl Iterator<Item = &'a Port> {
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

    pub(super) fn create_router_interface(&mut self, router_id: &str, body: &[u8]) -> Answer {
        find(&self.routers, router_id, "router")?;
        let req: CreateRouterInterface = support::flat(body)?;
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

    // -----------------------------------------------------------------------------------------
    // Security groups

    /// The group with its rules embedded, as instances show it.
    pub(super) fn security_group_with_rules(&self, id: &str) -> Option<SecurityGroup> {
        let group = self.security_groups.iter().find(|g| g.id == id)?;
        Some(SecurityGroup {
            rules: self
                .security_group_rules
                .iter()
                .filter(|r| r.security_group_id.as_deref() == Some(id))
                .cloned()
                .collect(),
            ..group.clone()
        })
    }

    pub(super) fn get_security_group(&self, id: &str) -> Answer {
        ok_without(find(&self.security_groups, id, "security group")?, "rules")
    }

    pub(super) fn create_security_group(&mut self, body: &[u8]) -> Answer {
        let req: CreateSecurityGroup = wrapped(body, "security_group")?;
        not_blank("name", &req.name)?;
        let group = SecurityGroup {
            id: fresh::uuid(),
            name: req.name,
            description: Some(req.description.unwrap_or_default()),
            rules: Vec::new(),
        };
        self.security_groups.push(group.clone());
        ok_without(&group, "rules")
    }

    pub(super) fn update_security_group(&mut self, id: &str, body: &[u8]) -> Answer {
        find(&self.security_groups, id, "security group")?;
        let req: UpdateSecurityGroup = wrapped(body, "security_group")?;
        if let Some(name) = &req.name {
            not_blank("name", name)?;
        }
        let group = find_mut(&mut self.security_groups, id, "security group")?;
        if let Some(name) = req.name {
            group.name = name;
        }
        if let Some(description) = req.description {
            group.description = Some(description);
        }
        ok_without(group, "rules")
    }

    pub(super) fn delete_security_group(&mut self, id: &str) -> Answer {
        let index = position(&self.security_groups, id, "security group")?;
        if id == DEFAULT_SECURITY_GROUP_ID {
            return Err(refused("the default security group cannot be deleted"));
        }
        if let Some(instance) = self
            .instances
            .iter()
            .find(|i| i.security_group_ids.iter().any(|g| g == id))
        {
            return Err(refused(format!(
                "Cannot delete security group {id}: instance {} uses it",
                instance.id
            )));
        }
        self.security_groups.remove(index);
        // Its rules go with it, and so do other groups' rules that admit it.
        self.security_group_rules.retain(|r| {
            r.security_group_id.as_deref() != Some(id) && r.remote_group_id.as_deref() != Some(id)
        });
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Security group rules

    fn security_group_rule_index(&self, group_id: &str, rule_id: &str) -> Result<usize, Reply> {
        find(&self.security_groups, group_id, "security group")?;
        self.security_group_rules
            .iter()
            .position(|r| r.id == rule_id && r.security_group_id.as_deref() == Some(group_id))
            .ok_or_else(|| not_found("security group rule", rule_id))
    }

    pub(super) fn list_security_group_rules(&self, group_id: &str) -> Answer {
        find(&self.security_groups, group_id, "security group")?;
        let rules: Vec<&SecurityGroupRule> = self
            .security_group_rules
            .iter()
            .filter(|r| r.security_group_id.as_deref() == Some(group_id))
            .collect();
        ok(&rules)
    }

    pub(super) fn get_security_group_rule(&self, group_id: &str, rule_id: &str) -> Answer {
        ok(&self.security_group_rules[self.security_group_rule_index(group_id, rule_id)?])
    }

    pub(super) fn create_security_group_rule(&mut self, group_id: &str, body: &[u8]) -> Answer {
        find(&self.security_groups, group_id, "security group")?;
        let req: CreateSecurityGroupRule = wrapped(body, "rule")?;
        one_of("direction", &req.direction, &["ingress", "egress"])?;
        let ethertype = req.ethertype.unwrap_or_else(|| "IPv4".into());
        one_of("ethertype", &ethertype, &["IPv4", "IPv6"])?;
        if req.remote_group_id.is_some() && req.remote_ip_prefix.is_some() {
            return Err(invalid(
                "remote_group_id",
                "give remote_group_id or remote_ip_prefix, not both",
            ));
        }
        if let Some(remote) = &req.remote_group_id {
            referred(
                &self.security_groups,
                remote,
                "remote_group_id",
                "security group",
            )?;
        }
        if let Some(prefix) = &req.remote_ip_prefix {
            let cidr = Cidr::parse_loose(prefix).ok_or_else(|| {
                invalid(
                    "remote_ip_prefix",
                    format!("'{prefix}' is not an address or CIDR"),
                )
            })?;
            if (ethertype == "IPv6") != cidr.v6 {
                return Err(invalid(
                    "remote_ip_prefix",
                    format!("{prefix} does not match ethertype {ethertype}"),
                ));
            }
        }
        let (port_range_min, port_range_max) = check_rule_ports(
            req.protocol.as_deref(),
            req.port_range_min,
            req.port_range_max,
        )?;
        let rule = SecurityGroupRule {
            id: fresh::uuid(),
            security_group_id: Some(group_id.to_owned()),
            remote_group_id: req.remote_group_id,
            direction: req.direction,
            ethertype: Some(ethertype),
            protocol: req.protocol,
            port_range_min,
            port_range_max,
            remote_ip_prefix: req.remote_ip_prefix,
        };
        self.security_group_rules.push(rule.clone());
        ok(&rule)
    }

    pub(super) fn delete_security_group_rule(&mut self, group_id: &str, rule_id: &str) -> Answer {
        let index = self.security_group_rule_index(group_id, rule_id)?;
        self.security_group_rules.remove(index);
        done()
    }

    // -----------------------------------------------------------------------------------------
    // Floating IPs

    pub(super) fn list_floating_ips(&self) -> Answer {
        ok(&self.floating_ips)
    }

    pub(super) fn get_floating_ip(&self, id: &str) -> Answer {
        ok(find(&self.floating_ips, id, "floating IP")?)
    }

    pub(super) fn update_floating_ip(&mut self, id: &str, body: &[u8]) -> Answer {
        let index = position(&self.floating_ips, id, "floating IP")?;
        let req: UpdateFloatingIp = wrapped(body, "floating_ip")?;
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
        ip.updated_at = Some(fresh::now());
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

/// Whether `network` names the public network: by the name `"public"` instances use, or by the
/// ID its ports, floating IPs and router gateways show.
fn is_public(network: &str) -> bool {
    network == "public" || network == PUBLIC_NETWORK_ID
}

fn is_router_interface(port: &Port, router_id: &str) -> bool {
    port.device_id.as_deref() == Some(router_id)
        && port.device_owner.as_deref() == Some(ROUTER_INTERFACE_OWNER)
}

/// A new port, `DOWN` until rendered with its device's state.
fn new_port(
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
            Ok(AllocationPool { start, end })
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

fn check_routes(field: &str, routes: Vec<RouteSpec>) -> Result<Vec<Route>, Reply> {
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
            })
        })
        .collect()
}

/// Applies the fields given to a firewall rule and checks the result. A minimum port given
/// without its maximum sets both (the reference: the maximum is "not needed if rule affects
/// only one port", and its update example answers so).
fn merge_firewall_rule(
    mut rule: FirewallRule,
    req: FirewallRuleFields,
) -> Result<FirewallRule, Reply> {
    macro_rules! set {
        ($($field:ident),*) => {
            $(if let Some(value) = req.$field.clone() {
                rule.$field = Some(value);
            })*
        };
    }
    set!(
        name,
        description,
        protocol,
        ip_version,
        source_ip_address,
        destination_ip_address,
        source_port_range_min,
        source_port_range_max,
        destination_port_range_min,
        destination_port_range_max,
        action,
        enabled
    );
    if req.source_port_range_min.is_some() && req.source_port_range_max.is_none() {
        rule.source_port_range_max = rule.source_port_range_min;
    }
    if req.destination_port_range_min.is_some() && req.destination_port_range_max.is_none() {
        rule.destination_port_range_max = rule.destination_port_range_min;
    }
    if let Some(protocol) = &rule.protocol {
        one_of("protocol", protocol, &["icmp", "tcp", "udp"])?;
    }
    if let Some(action) = &rule.action {
        one_of("action", action, &["allow", "deny", "reject"])?;
    }
    let version = rule.ip_version.unwrap_or(4);
    if version != 4 && version != 6 {
        return Err(invalid("ip_version", "must be 4 or 6"));
    }
    for (field, address) in [
        ("source_ip_address", &rule.source_ip_address),
        ("destination_ip_address", &rule.destination_ip_address),
    ] {
        if let Some(address) = address {
            match Cidr::parse_loose(address) {
                None => {
                    return Err(invalid(
                        field,
                        format!("'{address}' is not an address or CIDR"),
                    ))
                }
                Some(cidr) if cidr.version() != version => {
                    return Err(invalid(
                        field,
                        format!("{address} is not an IPv{version} address"),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    let takes_ports = matches!(rule.protocol.as_deref(), Some("tcp" | "udp"));
    for (field, min, max) in [
        (
            "source_port_range_min",
            rule.source_port_range_min,
            rule.source_port_range_max,
        ),
        (
            "destination_port_range_min",
            rule.destination_port_range_min,
            rule.destination_port_range_max,
        ),
    ] {
        if (min.is_some() || max.is_some()) && !takes_ports {
            return Err(invalid(field, "port ranges need protocol tcp or udp"));
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                return Err(invalid(field, format!("{min} is above the maximum {max}")));
            }
        }
    }
    Ok(rule)
}

/// Checks a security group rule's port range against its protocol; for TCP and UDP a minimum
/// alone also sets the maximum ("not needed if rule affects only one port").
fn check_rule_ports(
    protocol: Option<&str>,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<(Option<i64>, Option<i64>), Reply> {
    let kind = match protocol {
        None => None,
        Some(p @ ("icmp" | "icmpv6" | "tcp" | "udp")) => Some(p),
        Some(p) => match p.parse::<u16>() {
            Ok(1..=255) => Some("number"),
            _ => {
                return Err(invalid(
                    "protocol",
                    format!("'{p}' is not icmp, icmpv6, tcp, udp or a number from 1 to 255"),
                ))
            }
        },
    };
    if min.is_none() && max.is_none() {
        return Ok((None, None));
    }
    match kind {
        Some("tcp" | "udp") => {
            let min = min.ok_or_else(|| {
                invalid("port_range_min", "is required when port_range_max is given")
            })?;
            let max = max.unwrap_or(min);
            if !(0..=65535).contains(&min) || !(0..=65535).contains(&max) {
                return Err(invalid("port_range_min", "ports run from 0 to 65535"));
            }
            if min > max {
                return Err(invalid(
                    "port_range_min",
                    format!("{min} is above port_range_max {max}"),
                ));
            }
            Ok((Some(min), Some(max)))
        }
        Some("icmp" | "icmpv6") => {
            for (field, value) in [("port_range_min", min), ("port_range_max", max)] {
                if value.is_some_and(|v| !(0..=255).contains(&v)) {
                    return Err(invalid(field, "an ICMP type or code runs from 0 to 255"));
                }
            }
            Ok((min, max))
        }
        _ => Err(invalid(
            "port_range_min",
            "port ranges need protocol tcp, udp, icmp or icmpv6",
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::sandbox::http::Req;
    use crate::sandbox::Settings;

    fn call(
        world: &mut TavuWorld,
        method: &str,
        path: &str,
        body: &str,
    ) -> (u16, serde_json::Value) {
        let settings = Settings {
            build_delay: Duration::ZERO,
        };
        let req = Req {
            method: method.into(),
            segments: path.split('/').map(str::to_owned).collect(),
            body: body.as_bytes().to_vec(),
        };
        let reply = world.route(&settings, &req);
        let body = reply.body.map_or(serde_json::Value::Null, |b| {
            serde_json::from_slice(&b).unwrap()
        });
        (reply.status, body)
    }

    /// The public network's ID, as its ports show it, attaches an instance like `"public"`.
    #[test]
    fn the_public_network_is_attachable_by_its_id() {
        let mut world = TavuWorld::seeded();
        let instance = format!(
            r#"{{"instance": {{"name": "a", "image_id": "00ed37ab-7a47-45b3-9419-543a40b3c3f2",
                "configuration_id": "9c345ee8-9f33-49e0-80d6-73a1f766a268",
                "networks": ["{PUBLIC_NETWORK_ID}"]}}}}"#
        );
        let (status, created) = call(&mut world, "POST", "compute/v1/instances", &instance);
        assert_eq!(status, 200, "{created}");
        assert_eq!(created["ports"][0]["network_id"], PUBLIC_NETWORK_ID);
        let id = created["id"].as_str().unwrap();
        let (status, port) = call(
            &mut world,
            "POST",
            &format!("compute/v1/instances/{id}/interfaces"),
            &format!(r#"{{"network_id": "{PUBLIC_NETWORK_ID}"}}"#),
        );
        assert_eq!(status, 200, "{port}");
        assert_eq!(port["network_id"], PUBLIC_NETWORK_ID);
        assert_eq!(port["ip_allocations"][0]["subnet_id"], PUBLIC_SUBNET_ID);
    }
}
