//! The provider-neutral graph an account is drawn from, and how a Tavu account and a Joviam
//! account become one.

use std::collections::{HashMap, HashSet};

use super::Counts;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Network,
    Subnet,
    Router,
    Instance,
    /// A Tavu volume or a Joviam disk.
    Volume,
    /// A floating or public IP address.
    Ip,
}

/// One object of the account.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) kind: Kind,
    pub(super) id: String,
    pub(super) name: String,
    /// A short second line: a CIDR, a size, a status and image.
    pub(super) detail: String,
    /// Status or state, which colours an instance's dot.
    pub(super) state: String,
    /// For networks: outside the account (Tavu's public network, Joviam's public ones).
    pub(super) external: bool,
}

/// A connection, always from the smaller object to the larger: subnet to network, router to
/// network, instance to network, volume to instance, IP to instance.
#[derive(Debug, Clone)]
pub(super) struct Edge {
    pub(super) from: usize,
    pub(super) to: usize,
    /// Addresses on the connection (an interface's IPs), or a device path.
    pub(super) labels: Vec<String>,
}

/// An account as nodes and edges, whatever the provider.
#[derive(Debug, Clone)]
pub(super) struct Graph {
    pub(super) title: String,
    /// What this provider calls a volume (`volume`, `disk`) and a badge IP (`floating IP`).
    pub(super) volume_word: &'static str,
    pub(super) ip_word: &'static str,
    pub(super) nodes: Vec<Node>,
    pub(super) edges: Vec<Edge>,
    index: HashMap<(Kind, String), usize>,
}

impl Graph {
    pub(super) fn new(title: &str, volume_word: &'static str, ip_word: &'static str) -> Graph {
        Graph {
            title: title.to_owned(),
            volume_word,
            ip_word,
            nodes: Vec::new(),
            edges: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// Adds a node, or returns the one already there with that kind and ID.
    pub(super) fn add(
        &mut self,
        kind: Kind,
        id: &str,
        name: &str,
        detail: impl Into<String>,
    ) -> usize {
        if let Some(&i) = self.index.get(&(kind, id.to_owned())) {
            return i;
        }
        self.nodes.push(Node {
            kind,
            id: id.to_owned(),
            name: name.to_owned(),
            detail: detail.into(),
            state: String::new(),
            external: false,
        });
        self.index
            .insert((kind, id.to_owned()), self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    pub(super) fn find(&self, kind: Kind, id: &str) -> Option<usize> {
        self.index.get(&(kind, id.to_owned())).copied()
    }

    pub(super) fn link(&mut self, from: usize, to: usize, labels: Vec<String>) {
        self.edges.push(Edge { from, to, labels });
    }

    pub(super) fn count(&self, kind: Kind) -> usize {
        self.nodes.iter().filter(|n| n.kind == kind).count()
    }

    pub(super) fn counts(&self) -> Counts {
        Counts {
            networks: self.count(Kind::Network),
            subnets: self.count(Kind::Subnet),
            routers: self.count(Kind::Router),
            instances: self.count(Kind::Instance),
            volumes: self.count(Kind::Volume),
            addresses: self.count(Kind::Ip),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tavu

/// Everything [`Topology::of_tavu`](super::Topology::of_tavu) fetches.
pub(super) struct TavuAccount {
    pub(super) networks: Vec<crate::tavu::Network>,
    pub(super) subnets: Vec<crate::tavu::Subnet>,
    pub(super) routers: Vec<crate::tavu::Router>,
    /// Each router's interfaces, by router ID.
    pub(super) router_ports: Vec<(String, Vec<crate::tavu::Port>)>,
    pub(super) ports: Vec<crate::tavu::Port>,
    pub(super) instances: Vec<crate::tavu::Instance>,
    pub(super) volumes: Vec<crate::tavu::Volume>,
    pub(super) floating_ips: Vec<crate::tavu::FloatingIp>,
}

const ROUTER_INTERFACE_OWNER: &str = "network:router_interface";

fn addresses(port: &crate::tavu::Port) -> Vec<String> {
    port.ip_allocations
        .iter()
        .map(|a| a.ip_address.clone())
        .collect()
}

pub(super) fn tavu_graph(account: &TavuAccount) -> Graph {
    let mut g = Graph::new("Tavu.io account", "volume", "floating IP");

    // Networks the account uses but the API does not list (the public network) go first.
    let listed: HashSet<&str> = account.networks.iter().map(|n| n.id.as_str()).collect();
    let mut external: Vec<&str> = Vec::new();
    let used = account
        .instances
        .iter()
        .flat_map(|i| &i.ports)
        .chain(&account.ports)
        .chain(account.router_ports.iter().flat_map(|(_, ports)| ports))
        .map(|p| p.network_id.as_str())
        .chain(
            account
                .routers
                .iter()
                .filter_map(|r| r.external_gateway_info.as_ref())
                .map(|p| p.network_id.as_str()),
        )
        .chain(
            account
                .floating_ips
                .iter()
                .filter_map(|f| f.floating_network_id.as_deref()),
        );
    for id in used {
        if !id.is_empty() && !listed.contains(id) && !external.contains(&id) {
            external.push(id);
        }
    }
    for (k, id) in external.iter().enumerate() {
        let name = if k == 0 {
            "public".to_owned()
        } else {
            format!("external {}", short_id(id))
        };
        let n = g.add(Kind::Network, id, &name, "external");
        g.nodes[n].external = true;
    }
    for network in &account.networks {
        let n = g.add(Kind::Network, &network.id, &network.name, "");
        g.nodes[n].state = network.status.clone().unwrap_or_default();
    }
    let network = |g: &mut Graph, id: &str| match g.find(Kind::Network, id) {
        Some(n) => n,
        None => g.add(Kind::Network, id, &short_id(id), ""),
    };

    for subnet in &account.subnets {
        let s = g.add(Kind::Subnet, &subnet.id, &subnet.name, subnet.cidr.as_str());
        let n = network(&mut g, &subnet.network_id);
        g.link(s, n, Vec::new());
    }

    for router in &account.routers {
        let r = g.add(
            Kind::Router,
            &router.id,
            &router.name,
            router.status.clone().unwrap_or_default(),
        );
        g.nodes[r].state = router.status.clone().unwrap_or_default();
        if let Some(gateway) = &router.external_gateway_info {
            let n = network(&mut g, &gateway.network_id);
            g.link(r, n, addresses(gateway));
        }
        let listed = account
            .router_ports
            .iter()
            .filter(|(id, _)| *id == router.id)
            .flat_map(|(_, ports)| ports);
        let found = account.ports.iter().filter(|p| {
            p.device_id.as_deref() == Some(&router.id)
                && p.device_owner.as_deref() == Some(ROUTER_INTERFACE_OWNER)
        });
        let mut seen = HashSet::new();
        for port in listed.chain(found) {
            if seen.insert(port.id.as_str()) {
                let n = network(&mut g, &port.network_id);
                g.link(r, n, addresses(port));
            }
        }
    }

    let mut by_port: HashMap<&str, usize> = HashMap::new();
    let mut by_address: HashMap<&str, usize> = HashMap::new();
    for instance in &account.instances {
        let image = instance
            .image
            .as_ref()
            .map(|i| match &i.version {
                Some(version) => format!(" · {} {version}", i.name),
                None => format!(" · {}", i.name),
            })
            .unwrap_or_default();
        let i = g.add(
            Kind::Instance,
            &instance.id,
            &instance.name,
            format!("{}{image}", instance.status),
        );
        g.nodes[i].state = instance.status.clone();
        let own = account.ports.iter().filter(|p| {
            p.device_id.as_deref() == Some(&instance.id)
                && p.device_owner
                    .as_deref()
                    .is_some_and(|o| o.starts_with("compute"))
        });
        let mut seen = HashSet::new();
        for port in instance.ports.iter().chain(own) {
            if !seen.insert(port.id.as_str()) {
                continue;
            }
            by_port.insert(port.id.as_str(), i);
            for allocation in &port.ip_allocations {
                by_address.insert(allocation.ip_address.as_str(), i);
            }
            let n = network(&mut g, &port.network_id);
            g.link(i, n, addresses(port));
        }
    }

    let volumes = account
        .volumes
        .iter()
        .chain(account.instances.iter().flat_map(|i| &i.volumes));
    for volume in volumes {
        if g.find(Kind::Volume, &volume.id).is_some() {
            continue;
        }
        let v = g.add(
            Kind::Volume,
            &volume.id,
            &volume.name,
            format!("{} GB", volume.size),
        );
        g.nodes[v].state = volume.status.clone();
        if let Some(attachment) = &volume.attachment {
            if let Some(i) = g.find(Kind::Instance, &attachment.instance_id) {
                let device = attachment.mounted_at.iter().cloned().collect();
                g.link(v, i, device);
            }
        }
    }

    for ip in &account.floating_ips {
        let f = g.add(Kind::Ip, &ip.id, &ip.floating_ip_address, "floating");
        g.nodes[f].state = ip.status.clone().unwrap_or_default();
        let target = ip
            .port_id
            .as_deref()
            .and_then(|p| by_port.get(p))
            .or_else(|| {
                ip.fixed_ip_address
                    .as_deref()
                    .and_then(|a| by_address.get(a))
            });
        if let Some(&i) = target {
            g.link(f, i, ip.fixed_ip_address.iter().cloned().collect());
        }
    }
    g
}

// ---------------------------------------------------------------------------------------------
// Joviam

/// Everything [`Topology::of_joviam`](super::Topology::of_joviam) fetches.
pub(super) struct JoviamAccount {
    pub(super) networks: Vec<crate::joviam::Network>,
    pub(super) instances: Vec<crate::joviam::Instance>,
    pub(super) disks: Vec<crate::joviam::Disk>,
    pub(super) ip_addresses: Vec<crate::joviam::IpAddress>,
}

fn joviam_network(g: &mut Graph, network: &crate::joviam::Network) -> usize {
    if let Some(n) = g.find(Kind::Network, &network.id) {
        return n;
    }
    let name = network
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| network.specification.clone());
    let detail = if network.is_public {
        format!("{} · public", network.specification)
    } else {
        network.specification.clone()
    };
    let n = g.add(Kind::Network, &network.id, &name, detail);
    g.nodes[n].external = network.is_public;
    g.nodes[n].state = network.state.to_string();
    n
}

pub(super) fn joviam_graph(account: &JoviamAccount) -> Graph {
    let mut g = Graph::new("Joviam account", "disk", "IP address");
    for network in &account.networks {
        joviam_network(&mut g, network);
    }
    for instance in &account.instances {
        let i = g.add(
            Kind::Instance,
            &instance.id,
            &instance.name,
            format!("{} · {} MB", instance.state, instance.memory),
        );
        g.nodes[i].state = instance.state.to_string();
        for adapter in &instance.network_adapters {
            let n = joviam_network(&mut g, &adapter.network);
            let addresses = adapter
                .ip_addresses
                .iter()
                .map(|a| a.address.clone())
                .collect();
            g.link(i, n, addresses);
        }
    }
    let disks = account
        .disks
        .iter()
        .chain(account.instances.iter().flat_map(|i| &i.disks));
    for disk in disks {
        if g.find(Kind::Volume, &disk.id).is_some() {
            continue;
        }
        let d = g.add(
            Kind::Volume,
            &disk.id,
            &disk.name,
            format!("{} GB", disk.size),
        );
        g.nodes[d].state = disk.state.to_string();
        if let Some(i) = disk
            .instance_id
            .as_deref()
            .and_then(|id| g.find(Kind::Instance, id))
        {
            g.link(d, i, disk.position.iter().map(|p| p.to_string()).collect());
        }
    }
    for ip in &account.ip_addresses {
        let a = g.add(
            Kind::Ip,
            &ip.id,
            &ip.address,
            ip.name.clone().unwrap_or_default(),
        );
        for id in &ip.instance_ids {
            if let Some(i) = g.find(Kind::Instance, id) {
                g.link(a, i, Vec::new());
            }
        }
    }
    g
}

/// The first eight characters of an ID: enough to tell networks apart.
fn short_id(id: &str) -> String {
    id.chars().take(8).collect()
}
