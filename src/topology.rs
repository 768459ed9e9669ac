//! A picture of an account: [`Topology`] draws networks and their subnets, routers and their
//! interfaces, instances with their addresses, the volumes or disks attached to them and their
//! floating or public IPs, as one SVG image.
//!
//! ```no_run
//! use vpsclient::{TavuClient, Topology};
//!
//! let tavu = TavuClient::from_env()?;
//! let topology = Topology::of_tavu(&tavu)?;
//! println!("{:?}", topology.counts());
//! topology.save("cloud.svg")?;
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```
//!
//! Fetching and drawing are apart: the constructors list what the account holds with a few
//! list calls (never one call per instance) and turn it into a small graph that knows no
//! provider; one pure function lays that graph out and writes the SVG, with nothing but
//! `std` string building.
//!
//! # The picture
//!
//! Each network is a band across the picture: a header in the network's colour (name, range,
//! how many instances use it), its subnets as chips, then the instances that call it home
//! (their first private network, else their first network) in rows of at most six fixed-size
//! boxes, hung from the band's left edge by lines in the network's colour. An instance on
//! several networks is drawn once; a line in each other network's colour runs from its right
//! edge, down the gap between boxes, to that network's header. Routers sit in a column on the
//! left, each with a line to every network it has an interface in. Volumes or disks (purple)
//! and floating or public IPs (orange) are badges under their instance; the ones attached to
//! nothing are listed at the bottom. Every box has a tooltip with full names and IDs. Sizes
//! are fixed and the canvas grows with the account: 200 instances make a picture about
//! 1,500 px wide and 3,700 px tall, still with 10 px text at full size.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::Path;

use crate::error::Result;
use crate::{JoviamClient, TavuClient};

/// How many objects of each kind a [`Topology`] shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counts {
    /// Networks, external ones included (Tavu's public network is one, though the API does
    /// not list it).
    pub networks: usize,
    /// Subnets (Tavu; Joviam networks have none).
    pub subnets: usize,
    /// Routers (Tavu; Joviam has none).
    pub routers: usize,
    /// Instances.
    pub instances: usize,
    /// Tavu volumes or Joviam disks.
    pub volumes: usize,
    /// Tavu floating IPs or Joviam IP addresses.
    pub addresses: usize,
}

/// A picture of a cloud account, as SVG text.
///
/// Made by [`Topology::of_tavu`] or [`Topology::of_joviam`]; in Python, `tavu.topology()`
/// and `joviam.topology()` return one as `vpsclient.Topology`, which notebooks show inline.
#[derive(Clone)]
pub struct Topology {
    svg: String,
    counts: Counts,
    provider: &'static str,
}

impl fmt::Debug for Topology {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The SVG runs to hundreds of kilobytes: its size says enough.
        f.debug_struct("Topology")
            .field("provider", &self.provider)
            .field("counts", &self.counts)
            .field("svg_bytes", &self.svg.len())
            .finish()
    }
}

impl Topology {
    /// Fetches a Tavu account and draws it.
    ///
    /// Lists networks, subnets, routers (and each router's interfaces), ports, instances,
    /// volumes and floating IPs: seven requests plus one per router, whatever the number of
    /// instances. Networks that ports, router gateways or floating IPs use but that the API
    /// does not list (the public network) are drawn as external networks. Fails with the
    /// first request's error.
    pub fn of_tavu(client: &TavuClient) -> Result<Topology> {
        let routers = client.routers().list()?;
        let mut router_ports = Vec::with_capacity(routers.len());
        for router in &routers {
            router_ports.push((
                router.id.clone(),
                client.router_interfaces().list(&router.id)?,
            ));
        }
        let account = TavuAccount {
            networks: client.networks().list()?,
            subnets: client.subnets().list()?,
            routers,
            router_ports,
            ports: client.ports().list()?,
            instances: client.instances().list()?,
            volumes: client.volumes().list()?,
            floating_ips: client.floating_ips().list()?,
        };
        Ok(Topology::from_graph("tavu", &tavu_graph(&account)))
    }

    /// Fetches a Joviam account and draws it.
    ///
    /// Lists networks, instances (with their network adapters and addresses), disks and IP
    /// addresses: four requests, whatever the number of instances. Public networks are drawn
    /// as external networks. Fails with the first request's error.
    pub fn of_joviam(client: &JoviamClient) -> Result<Topology> {
        let account = JoviamAccount {
            networks: client.networks().list()?,
            instances: client.instances().list()?,
            disks: client.disks().list()?,
            ip_addresses: client.ip_addresses().list()?,
        };
        Ok(Topology::from_graph("joviam", &joviam_graph(&account)))
    }

    fn from_graph(provider: &'static str, graph: &Graph) -> Topology {
        Topology {
            svg: draw(graph),
            counts: graph.counts(),
            provider,
        }
    }

    /// The picture: a standalone SVG document (UTF-8, no external references), the same text
    /// Python's `_repr_svg_` and `save` give.
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// How many objects of each kind the picture shows.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The provider drawn: `"tavu"` or `"joviam"`.
    pub fn provider(&self) -> &str {
        self.provider
    }

    /// Writes the SVG to `path` (conventionally ending in `.svg`), replacing the file if it
    /// exists.
    pub fn save(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, &self.svg)
    }
}

// ---------------------------------------------------------------------------------------------
// The provider-neutral graph

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
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
struct Node {
    kind: Kind,
    id: String,
    name: String,
    /// A short second line: a CIDR, a size, a status and image.
    detail: String,
    /// Status or state, which colours an instance's dot.
    state: String,
    /// For networks: outside the account (Tavu's public network, Joviam's public ones).
    external: bool,
}

/// A connection, always from the smaller object to the larger: subnet to network, router to
/// network, instance to network, volume to instance, IP to instance.
#[derive(Debug, Clone)]
struct Edge {
    from: usize,
    to: usize,
    /// Addresses on the connection (an interface's IPs), or a device path.
    labels: Vec<String>,
}

/// An account as nodes and edges, whatever the provider.
#[derive(Debug, Clone)]
struct Graph {
    title: String,
    /// What this provider calls a volume (`volume`, `disk`) and a badge IP (`floating IP`).
    volume_word: &'static str,
    ip_word: &'static str,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    index: HashMap<(Kind, String), usize>,
}

impl Graph {
    fn new(title: &str, volume_word: &'static str, ip_word: &'static str) -> Graph {
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
    fn add(&mut self, kind: Kind, id: &str, name: &str, detail: impl Into<String>) -> usize {
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

    fn find(&self, kind: Kind, id: &str) -> Option<usize> {
        self.index.get(&(kind, id.to_owned())).copied()
    }

    fn link(&mut self, from: usize, to: usize, labels: Vec<String>) {
        self.edges.push(Edge { from, to, labels });
    }

    fn count(&self, kind: Kind) -> usize {
        self.nodes.iter().filter(|n| n.kind == kind).count()
    }

    fn counts(&self) -> Counts {
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

/// Everything [`Topology::of_tavu`] fetches.
struct TavuAccount {
    networks: Vec<crate::tavu::Network>,
    subnets: Vec<crate::tavu::Subnet>,
    routers: Vec<crate::tavu::Router>,
    /// Each router's interfaces, by router ID.
    router_ports: Vec<(String, Vec<crate::tavu::Port>)>,
    ports: Vec<crate::tavu::Port>,
    instances: Vec<crate::tavu::Instance>,
    volumes: Vec<crate::tavu::Volume>,
    floating_ips: Vec<crate::tavu::FloatingIp>,
}

const ROUTER_INTERFACE_OWNER: &str = "network:router_interface";

fn addresses(port: &crate::tavu::Port) -> Vec<String> {
    port.ip_allocations
        .iter()
        .map(|a| a.ip_address.clone())
        .collect()
}

fn tavu_graph(account: &TavuAccount) -> Graph {
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

/// Everything [`Topology::of_joviam`] fetches.
struct JoviamAccount {
    networks: Vec<crate::joviam::Network>,
    instances: Vec<crate::joviam::Instance>,
    disks: Vec<crate::joviam::Disk>,
    ip_addresses: Vec<crate::joviam::IpAddress>,
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

fn joviam_graph(account: &JoviamAccount) -> Graph {
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

// ---------------------------------------------------------------------------------------------
// Drawing

const MARGIN: i32 = 16;
const TITLE_H: i32 = 66;
const BOX_W: i32 = 184;
const BOX_H: i32 = 64;
const CELL_W: i32 = 206;
/// From a band's left edge to its first box: room for the band's trunk line.
const GRID_LEFT: i32 = 22;
/// A row of boxes without badges: the row's line, the box, a gap. Each line of badges adds
/// `BADGE_H + 4`.
const ROW_H: i32 = 14 + BOX_H + 10;
/// Lines of badges under a box, at most.
const BADGE_LINES: i32 = 2;
/// Width of the `+n` badge that stands for the badges that do not fit.
const MORE_W: i32 = 30;
const HEADER_H: i32 = 30;
const CHIP_H: i32 = 18;
const CHIP_ROW: i32 = 24;
const BADGE_H: i32 = 16;
const BAND_GAP: i32 = 22;
const MAX_COLUMNS: usize = 6;
const MIN_CONTENT_W: i32 = 640;
const ROUTER_W: i32 = 156;
const ROUTER_LANE: i32 = 10;
const FONT: &str = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif";

const PALETTE: [&str; 8] = [
    "#2563eb", "#0d9488", "#db2777", "#4f46e5", "#65a30d", "#0891b2", "#e11d48", "#a16207",
];
const EXTERNAL: &str = "#475569";
const NO_NETWORK: &str = "#9ca3af";
const INK: &str = "#1f2937";
const MUTED: &str = "#6b7280";
const ROUTER_FILL: &str = "#fef3c7";
const ROUTER_STROKE: &str = "#b45309";
const VOLUME_FILL: &str = "#ede9fe";
const VOLUME_STROKE: &str = "#6d28d9";
const IP_FILL: &str = "#ffedd5";
const IP_STROKE: &str = "#c2410c";

/// A band: one network (or the instances on none) with its subnets and home instances.
struct Band<'g> {
    name: String,
    detail: String,
    color: &'static str,
    external: bool,
    subnets: Vec<&'g Node>,
    /// Instances (indices into `Picture::instances`) drawn in this band.
    members: Vec<usize>,
    /// Instances attached to the network, home or not.
    attached: usize,
    top: i32,
    bottom: i32,
}

/// An instance with what is drawn in and under its box.
struct InstanceView<'g> {
    node: &'g Node,
    /// (band, addresses) per network it is on, merged per network, in port order.
    links: Vec<(usize, Vec<String>)>,
    home: usize,
    badges: Vec<Badge>,
    /// Where its box is, once laid out.
    x: i32,
    y: i32,
}

struct RouterView<'g> {
    node: &'g Node,
    links: Vec<(usize, Vec<String>)>,
}

#[derive(Clone)]
struct Badge {
    kind: Kind,
    text: String,
    tip: String,
}

/// The SVG being written, in three layers so that lines pass under boxes and headers.
#[derive(Default)]
struct Layers {
    back: String,
    wires: String,
    front: String,
}

/// Lays the graph out and writes it as a standalone SVG document.
///
/// Pure and deterministic: the same graph gives the same text.
fn draw(graph: &Graph) -> String {
    let mut out = Layers::default();

    // Bands: external networks first, then the others in the order listed.
    let mut network_band: HashMap<usize, usize> = HashMap::new();
    let mut bands: Vec<Band<'_>> = Vec::new();
    let mut palette = PALETTE.iter().cycle();
    let networks = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == Kind::Network);
    let (outside, inside): (Vec<_>, Vec<_>) = networks.partition(|(_, n)| n.external);
    for (i, node) in outside.into_iter().chain(inside) {
        network_band.insert(i, bands.len());
        bands.push(Band {
            name: node.name.clone(),
            detail: node.detail.clone(),
            color: if node.external {
                EXTERNAL
            } else {
                palette.next().copied().unwrap_or(PALETTE[0])
            },
            external: node.external,
            subnets: Vec::new(),
            members: Vec::new(),
            attached: 0,
            top: 0,
            bottom: 0,
        });
    }

    let mut instance_view: HashMap<usize, usize> = HashMap::new();
    let mut instances: Vec<InstanceView<'_>> = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.kind == Kind::Instance {
            instance_view.insert(i, instances.len());
            instances.push(InstanceView {
                node,
                links: Vec::new(),
                home: 0,
                badges: Vec::new(),
                x: 0,
                y: 0,
            });
        }
    }
    let mut router_view: HashMap<usize, usize> = HashMap::new();
    let mut routers: Vec<RouterView<'_>> = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.kind == Kind::Router {
            router_view.insert(i, routers.len());
            routers.push(RouterView {
                node,
                links: Vec::new(),
            });
        }
    }

    let merge = |links: &mut Vec<(usize, Vec<String>)>, band: usize, labels: &[String]| match links
        .iter_mut()
        .find(|(b, _)| *b == band)
    {
        Some((_, existing)) => {
            for label in labels {
                if !existing.contains(label) {
                    existing.push(label.clone());
                }
            }
        }
        None => links.push((band, labels.to_vec())),
    };
    let mut attached_anywhere: HashSet<usize> = HashSet::new();
    for edge in &graph.edges {
        let (from, to) = (&graph.nodes[edge.from], &graph.nodes[edge.to]);
        match (from.kind, to.kind) {
            (Kind::Subnet, Kind::Network) => {
                if let Some(&b) = network_band.get(&edge.to) {
                    bands[b].subnets.push(from);
                }
            }
            (Kind::Router, Kind::Network) => {
                if let (Some(&r), Some(&b)) =
                    (router_view.get(&edge.from), network_band.get(&edge.to))
                {
                    merge(&mut routers[r].links, b, &edge.labels);
                }
            }
            (Kind::Instance, Kind::Network) => {
                if let (Some(&v), Some(&b)) =
                    (instance_view.get(&edge.from), network_band.get(&edge.to))
                {
                    merge(&mut instances[v].links, b, &edge.labels);
                }
            }
            (Kind::Volume, Kind::Instance) | (Kind::Ip, Kind::Instance) => {
                if let Some(&v) = instance_view.get(&edge.to) {
                    attached_anywhere.insert(edge.from);
                    instances[v].badges.push(Badge {
                        kind: from.kind,
                        text: badge_text(from),
                        tip: badge_tip(graph, from),
                    });
                }
            }
            _ => {}
        }
    }

    // Home bands; a band for instances on no network, if there are any.
    let mut orphans = Vec::new();
    for (v, view) in instances.iter_mut().enumerate() {
        let home = view
            .links
            .iter()
            .find(|(b, _)| !bands[*b].external)
            .or(view.links.first())
            .map(|(b, _)| *b);
        match home {
            Some(b) => view.home = b,
            None => orphans.push(v),
        }
        // Addresses on external networks are public IPs: badges, unless already one.
        let mut public = Vec::new();
        for (b, labels) in &view.links {
            if bands[*b].external {
                for address in labels {
                    public.push(Badge {
                        kind: Kind::Ip,
                        text: address.clone(),
                        tip: format!("public IP {address} on {}", bands[*b].name),
                    });
                }
            }
        }
        let private: HashSet<&str> = view
            .links
            .iter()
            .filter(|(b, _)| !bands[*b].external)
            .flat_map(|(_, labels)| labels.iter().map(String::as_str))
            .collect();
        let mut shown: HashSet<String> = HashSet::new();
        let mut badges = Vec::new();
        let (volumes, ips): (Vec<Badge>, Vec<Badge>) =
            view.badges.drain(..).partition(|b| b.kind == Kind::Volume);
        // Addresses first: short, and the way in from outside.
        for badge in ips.into_iter().chain(public) {
            if !private.contains(badge.text.as_str()) && shown.insert(badge.text.clone()) {
                badges.push(badge);
            }
        }
        badges.extend(volumes);
        view.badges = badges;
    }
    if !orphans.is_empty() {
        let b = bands.len();
        bands.push(Band {
            name: "no network".into(),
            detail: String::new(),
            color: NO_NETWORK,
            external: false,
            subnets: Vec::new(),
            members: Vec::new(),
            attached: 0,
            top: 0,
            bottom: 0,
        });
        for &v in &orphans {
            instances[v].home = b;
        }
    }
    for (v, view) in instances.iter().enumerate() {
        bands[view.home].members.push(v);
        for (b, _) in &view.links {
            bands[*b].attached += 1;
        }
    }
    if !orphans.is_empty() {
        let b = bands.len() - 1;
        bands[b].attached = orphans.len();
    }

    // Sizes.
    let columns = bands
        .iter()
        .map(|b| b.members.len())
        .max()
        .unwrap_or(0)
        .clamp(1, MAX_COLUMNS) as i32;
    let content_w = (GRID_LEFT + columns * CELL_W).max(MIN_CONTENT_W);
    let gutter = if routers.is_empty() {
        MARGIN
    } else {
        MARGIN + ROUTER_W + 14 + routers.len() as i32 * ROUTER_LANE + 8
    };
    let x0 = gutter;
    let mut y = MARGIN + TITLE_H;

    // Bands, top to bottom.
    for band in &mut bands {
        band.top = y;
        let chips: Vec<(String, i32)> = band
            .subnets
            .iter()
            .map(|s| {
                let text = fit(&format!("{} · {}", s.name, s.detail), 300.0, 10.0, false);
                let w = text_width(&text, 10.0, false) as i32 + 16;
                (text, w)
            })
            .collect();
        let (chip_rows, placed) = flow(&chips, content_w - 16);
        let mut grid_top = y + HEADER_H + 4;
        if chip_rows > 0 {
            for ((text, w), (dx, row)) in chips.iter().zip(&placed) {
                let cx = x0 + 12 + dx;
                let cy = y + HEADER_H + 6 + row * CHIP_ROW;
                let _ = write!(
                    out.front,
                    r##"<rect x="{cx}" y="{cy}" width="{w}" height="{CHIP_H}" rx="9" fill="#ffffff" stroke="{}" stroke-width="1"/>"##,
                    band.color
                );
                text_at(
                    &mut out.front,
                    cx + 8,
                    cy + 13,
                    text,
                    r#"font-size="10""#,
                    INK,
                );
            }
            grid_top = y + HEADER_H + 6 + chip_rows * CHIP_ROW;
        }
        // Each row is as tall as its boxes' badges need.
        let mut row_top = grid_top;
        for row in band.members.chunks(columns as usize) {
            let badge_lines = row
                .iter()
                .map(|&v| place_badges(&instances[v].badges, BOX_W).lines)
                .max()
                .unwrap_or(0);
            for (col, &v) in row.iter().enumerate() {
                instances[v].x = x0 + GRID_LEFT + col as i32 * CELL_W;
                instances[v].y = row_top + 14;
            }
            row_top += ROW_H + badge_lines * (BADGE_H + 4);
        }
        band.bottom = if band.members.is_empty() {
            grid_top + 4
        } else {
            row_top - 4
        };
        y = band.bottom + BAND_GAP;
    }

    // Attached to nothing: volumes and IPs.
    let loose: Vec<Badge> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            matches!(n.kind, Kind::Volume | Kind::Ip) && !attached_anywhere.contains(i)
        })
        .map(|(_, n)| Badge {
            kind: n.kind,
            text: badge_text(n),
            tip: badge_tip(graph, n),
        })
        .collect();
    if !loose.is_empty() {
        text_at(
            &mut out.front,
            x0,
            y + 12,
            "Not attached to any instance",
            r#"font-size="12" font-weight="bold""#,
            INK,
        );
        let sized: Vec<(String, i32)> = loose
            .iter()
            .map(|b| {
                let text = fit(&b.text, 240.0, 10.0, false);
                let w = text_width(&text, 10.0, false) as i32 + 22;
                (text, w)
            })
            .collect();
        let (rows, placed) = flow(&sized, content_w);
        for ((badge, (text, w)), (dx, row)) in loose.iter().zip(&sized).zip(&placed) {
            draw_badge(
                &mut out.front,
                x0 + dx,
                y + 22 + row * CHIP_ROW,
                *w,
                badge,
                text,
            );
        }
        y += 22 + rows * CHIP_ROW + 4;
    }
    if instances.is_empty() && bands.is_empty() && loose.is_empty() {
        text_at(
            &mut out.front,
            x0,
            y + 12,
            "Nothing in this account yet.",
            r#"font-size="12""#,
            MUTED,
        );
        y += 24;
    }

    // Routers, in the gutter, each near the middle of the networks it joins.
    let mut router_bottom = 0;
    let mut placed_routers: Vec<(usize, i32, i32)> = Vec::new(); // (router, top, height)
    {
        let mut order: Vec<(i32, usize, i32)> = routers
            .iter()
            .enumerate()
            .map(|(r, view)| {
                let shown = view.links.len().min(6) as i32;
                let more = i32::from(view.links.len() > 6);
                let height = 28 + 14 * (shown + more);
                let mut ys: Vec<i32> = view
                    .links
                    .iter()
                    .map(|(b, _)| bands[*b].top + HEADER_H / 2)
                    .collect();
                ys.sort();
                // Between its two topmost networks: near the top of a tall picture, where
                // the networks it joins begin, rather than halfway down it.
                let centre = match ys.as_slice() {
                    [] => MARGIN + TITLE_H + height / 2,
                    [only] => *only,
                    [first, second, ..] => (first + second) / 2,
                };
                (centre, r, height)
            })
            .collect();
        order.sort();
        let mut next_top = MARGIN + TITLE_H;
        for (centre, r, height) in order {
            let top = (centre - height / 2).max(next_top);
            placed_routers.push((r, top, height));
            next_top = top + height + 10;
            router_bottom = router_bottom.max(top + height);
        }
    }
    for (lane, (r, top, height)) in placed_routers.iter().enumerate() {
        let view = &routers[*r];
        let lane_x = MARGIN + ROUTER_W + 14 + lane as i32 * ROUTER_LANE;
        let cy = top + 15;
        let mut lo = cy;
        let mut hi = cy;
        for (b, _) in &view.links {
            let hy = bands[*b].top + HEADER_H / 2;
            lo = lo.min(hy);
            hi = hi.max(hy);
            let _ = write!(
                out.wires,
                r#"<line x1="{lane_x}" y1="{hy}" x2="{x0}" y2="{hy}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/>"#
            );
            let _ = write!(
                out.front,
                r#"<circle cx="{x0}" cy="{hy}" r="3.5" fill="{ROUTER_STROKE}"/>"#
            );
        }
        let right = MARGIN + ROUTER_W;
        let _ = write!(
            out.wires,
            r#"<line x1="{right}" y1="{cy}" x2="{lane_x}" y2="{cy}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/><line x1="{lane_x}" y1="{lo}" x2="{lane_x}" y2="{hi}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/>"#
        );
        let mut tip = format!("router {}\nID {}", view.node.name, view.node.id);
        if !view.node.state.is_empty() {
            let _ = write!(tip, "\nstatus {}", view.node.state);
        }
        for (b, labels) in &view.links {
            let _ = write!(tip, "\n{}: {}", bands[*b].name, labels.join(", "));
        }
        out.front.push_str("<g>");
        title(&mut out.front, &tip);
        let _ = write!(
            out.front,
            r#"<rect x="{MARGIN}" y="{top}" width="{ROUTER_W}" height="{height}" rx="6" fill="{ROUTER_FILL}" stroke="{ROUTER_STROKE}" stroke-width="1.5"/>"#
        );
        let name = fit(&view.node.name, (ROUTER_W - 16) as f32, 12.0, true);
        text_at(
            &mut out.front,
            MARGIN + 8,
            top + 18,
            &name,
            r#"font-size="12" font-weight="bold""#,
            INK,
        );
        for (k, (b, labels)) in view.links.iter().take(6).enumerate() {
            let ly = top + 34 + 14 * k as i32;
            let text = if labels.is_empty() {
                bands[*b].name.clone()
            } else {
                labels.join(", ")
            };
            marker(&mut out.front, MARGIN + 8, ly - 8, bands[*b].color);
            let text = fit(&text, (ROUTER_W - 30) as f32, 10.0, false);
            text_at(
                &mut out.front,
                MARGIN + 20,
                ly,
                &text,
                r#"font-size="10""#,
                INK,
            );
        }
        if view.links.len() > 6 {
            let ly = top + 34 + 14 * 6;
            let more = format!("+{} more", view.links.len() - 6);
            text_at(
                &mut out.front,
                MARGIN + 20,
                ly,
                &more,
                r#"font-size="10""#,
                MUTED,
            );
        }
        out.front.push_str("</g>");
    }

    // Band backgrounds, headers, trunks.
    for band in &bands {
        let h = band.bottom - band.top;
        let _ = write!(
            out.back,
            r#"<rect x="{x0}" y="{}" width="{content_w}" height="{h}" rx="6" fill="{}" fill-opacity="0.06" stroke="{}" stroke-opacity="0.25"/>"#,
            band.top, band.color, band.color
        );
        let _ = write!(
            out.front,
            r#"<rect x="{x0}" y="{}" width="{content_w}" height="{HEADER_H}" rx="6" fill="{}"/>"#,
            band.top, band.color
        );
        let mut right = band.detail.clone();
        let count = match band.attached {
            1 => "1 instance".to_owned(),
            n => format!("{n} instances"),
        };
        if right.is_empty() {
            right = count;
        } else {
            right = format!("{right} · {count}");
        }
        let right = fit(&right, (content_w / 2 - 12) as f32, 11.0, false);
        let right_w = text_width(&right, 11.0, false) as i32;
        let name_room = (content_w - right_w - 36).max(60) as f32;
        let name = fit(&band.name, name_room, 13.0, true);
        text_at(
            &mut out.front,
            x0 + 10,
            band.top + 20,
            &name,
            r#"font-size="13" font-weight="bold""#,
            "#ffffff",
        );
        text_at(
            &mut out.front,
            x0 + content_w - 10,
            band.top + 20,
            &right,
            r#"font-size="11" text-anchor="end""#,
            "#ffffff",
        );
        if let Some(&last) = band.members.last() {
            let trunk = x0 + 9;
            let last_row_y = instances[last].y - 8;
            let _ = write!(
                out.wires,
                r#"<line x1="{trunk}" y1="{}" x2="{trunk}" y2="{last_row_y}" stroke="{}" stroke-width="2"/>"#,
                band.top + HEADER_H,
                band.color
            );
            for row in band.members.chunks(columns as usize) {
                let ry = instances[row[0]].y - 8;
                let end = instances[row[row.len() - 1]].x + BOX_W / 2;
                let _ = write!(
                    out.wires,
                    r#"<line x1="{trunk}" y1="{ry}" x2="{end}" y2="{ry}" stroke="{}" stroke-width="2"/>"#,
                    band.color
                );
                for &v in row {
                    let cx = instances[v].x + BOX_W / 2;
                    let _ = write!(
                        out.wires,
                        r#"<line x1="{cx}" y1="{ry}" x2="{cx}" y2="{}" stroke="{}" stroke-width="2"/>"#,
                        instances[v].y, band.color
                    );
                }
            }
        }
    }

    // Instances: box, lines to their other networks, badges.
    for view in &instances {
        let (bx, by) = (view.x, view.y);
        for (b, _) in &view.links {
            if *b == view.home {
                continue;
            }
            let slot = (*b % 4) as i32;
            let lane_x = bx + BOX_W + 4 + slot * 4;
            let py = by + 14 + slot * 10;
            let target = &bands[*b];
            let ty = if target.top < by {
                target.top + HEADER_H
            } else {
                target.top
            };
            let _ = write!(
                out.wires,
                r#"<polyline points="{},{py} {lane_x},{py} {lane_x},{ty}" fill="none" stroke="{}" stroke-width="1.5" stroke-opacity="0.8"/>"#,
                bx + BOX_W,
                target.color
            );
            let _ = write!(
                out.front,
                r#"<circle cx="{lane_x}" cy="{ty}" r="3" fill="{}"/><circle cx="{}" cy="{py}" r="2.5" fill="{}"/>"#,
                target.color,
                bx + BOX_W,
                target.color
            );
        }

        let node = view.node;
        let mut tip = format!("instance {}\nID {}", node.name, node.id);
        if !node.detail.is_empty() {
            let _ = write!(tip, "\n{}", node.detail);
        }
        for (b, labels) in &view.links {
            let _ = write!(tip, "\n{}: {}", bands[*b].name, labels.join(", "));
        }
        for badge in &view.badges {
            let _ = write!(tip, "\n{}", badge.tip);
        }
        out.front.push_str("<g>");
        title(&mut out.front, &tip);
        let _ = write!(
            out.front,
            r##"<rect x="{bx}" y="{by}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#ffffff" stroke="#94a3b8" stroke-width="1.2"/><circle cx="{}" cy="{}" r="4.5" fill="{}"/>"##,
            bx + BOX_W - 12,
            by + 13,
            state_color(&node.state)
        );
        let name = fit(&node.name, (BOX_W - 32) as f32, 12.0, true);
        text_at(
            &mut out.front,
            bx + 8,
            by + 18,
            &name,
            r#"font-size="12" font-weight="bold""#,
            INK,
        );
        let detail = fit(&node.detail, (BOX_W - 16) as f32, 10.0, false);
        text_at(
            &mut out.front,
            bx + 8,
            by + 32,
            &detail,
            r#"font-size="10""#,
            MUTED,
        );
        let private: Vec<&(usize, Vec<String>)> = view
            .links
            .iter()
            .filter(|(b, _)| !bands[*b].external)
            .collect();
        for (k, (b, labels)) in private.iter().take(2).enumerate() {
            let ly = by + 46 + 13 * k as i32;
            let mut text = if labels.is_empty() {
                bands[*b].name.clone()
            } else {
                labels.join(", ")
            };
            if k == 1 && private.len() > 2 {
                text = format!("{text} (+{} more)", private.len() - 2);
            }
            marker(&mut out.front, bx + 8, ly - 8, bands[*b].color);
            let text = fit(&text, (BOX_W - 28) as f32, 10.0, false);
            text_at(&mut out.front, bx + 20, ly, &text, r#"font-size="10""#, INK);
        }
        badge_rows(&mut out.front, bx, by + BOX_H + 6, &view.badges);
        out.front.push_str("</g>");
    }

    // Title, summary, legend.
    let mut head = String::new();
    text_at(
        &mut head,
        MARGIN,
        MARGIN + 18,
        &graph.title,
        r#"font-size="16" font-weight="bold""#,
        INK,
    );
    let counts = graph.counts();
    // Subnets and routers only where the provider has them (Joviam has neither).
    let mut summary = vec![plural(counts.networks, "network")];
    if counts.subnets > 0 || counts.routers > 0 {
        summary.push(plural(counts.subnets, "subnet"));
        summary.push(plural(counts.routers, "router"));
    }
    summary.extend([
        plural(counts.instances, "instance"),
        plural(counts.volumes, graph.volume_word),
        plural(counts.addresses, graph.ip_word),
    ]);
    let summary = summary.join(" · ");
    text_at(
        &mut head,
        MARGIN,
        MARGIN + 36,
        &summary,
        r#"font-size="11""#,
        MUTED,
    );
    let legend_w = legend(&mut head, MARGIN, MARGIN + 50, graph);

    let width = (x0 + content_w + MARGIN).max(MARGIN + legend_w + MARGIN);
    let height = (y - BAND_GAP + MARGIN)
        .max(router_bottom + MARGIN)
        .max(MARGIN + TITLE_H + 20);

    let mut svg = String::with_capacity(
        out.back.len() + out.wires.len() + out.front.len() + head.len() + 512,
    );
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="10">"#
    );
    svg.push('\n');
    title(&mut svg, &graph.title);
    let _ = write!(
        svg,
        r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##
    );
    svg.push('\n');
    for layer in [&head, &out.back, &out.wires, &out.front] {
        svg.push_str(layer);
        svg.push('\n');
    }
    svg.push_str("</svg>\n");
    svg
}

/// Places items of the given widths left to right, wrapping at `width`: the number of rows
/// and each item's (x offset, row).
fn flow<T>(items: &[(T, i32)], width: i32) -> (i32, Vec<(i32, i32)>) {
    let mut placed = Vec::with_capacity(items.len());
    let (mut x, mut row) = (0, 0);
    for (_, w) in items {
        if x > 0 && x + w > width {
            x = 0;
            row += 1;
        }
        placed.push((x, row));
        x += w + 6;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    (rows, placed)
}

fn badge_text(node: &Node) -> String {
    match node.kind {
        Kind::Volume if !node.detail.is_empty() => format!("{} · {}", node.name, node.detail),
        _ => node.name.clone(),
    }
}

fn badge_tip(graph: &Graph, node: &Node) -> String {
    let word = match node.kind {
        Kind::Volume => graph.volume_word,
        _ => graph.ip_word,
    };
    let mut tip = format!("{word} {} (ID {})", node.name, node.id);
    if !node.detail.is_empty() && node.kind == Kind::Volume {
        let _ = write!(tip, ", {}", node.detail);
    }
    if !node.state.is_empty() {
        let _ = write!(tip, ", {}", node.state);
    }
    tip
}

/// Where the badges under a box go: up to [`BADGE_LINES`] lines of `width`, then a `+n`
/// badge for the rest.
struct BadgePlan {
    /// (badge, x, line, width, text shown).
    placed: Vec<(usize, i32, i32, i32, String)>,
    /// (x, line, how many) of the `+n` badge, if some do not fit.
    more: Option<(i32, i32, usize)>,
    lines: i32,
}

fn place_badges(badges: &[Badge], width: i32) -> BadgePlan {
    let widths: Vec<i32> = badges
        .iter()
        .map(|b| (text_width(&b.text, 10.0, false) as i32 + 22).min(width))
        .collect();
    let mut placed = Vec::new();
    let (mut x, mut line, mut k) = (0, 0, 0);
    while k < badges.len() {
        let w = widths[k];
        if line == BADGE_LINES - 1 {
            // On the last line, keep room for `+n` unless everything left fits.
            let rest: i32 = widths[k..].iter().map(|w| w + 4).sum::<i32>() - 4;
            let reserve = if x + rest <= width { 0 } else { MORE_W + 4 };
            if x + w + reserve > width {
                let room = width - x - reserve;
                if room >= 64 {
                    let text = fit(&badges[k].text, (room - 22) as f32, 10.0, false);
                    placed.push((k, x, line, room, text));
                    x += room + 4;
                    k += 1;
                }
                break;
            }
        } else if x > 0 && x + w > width {
            line += 1;
            x = 0;
            continue;
        }
        let text = if w < widths[k] || w == width {
            fit(&badges[k].text, (w - 22) as f32, 10.0, false)
        } else {
            badges[k].text.clone()
        };
        placed.push((k, x, line, w, text));
        x += w + 4;
        k += 1;
    }
    let more = (k < badges.len()).then_some((x, line, badges.len() - k));
    let lines = if badges.is_empty() { 0 } else { line + 1 };
    BadgePlan {
        placed,
        more,
        lines,
    }
}

/// The badges under an instance's box.
fn badge_rows(out: &mut String, x: i32, y: i32, badges: &[Badge]) {
    let plan = place_badges(badges, BOX_W);
    for (k, dx, line, w, text) in &plan.placed {
        draw_badge(out, x + dx, y + line * (BADGE_H + 4), *w, &badges[*k], text);
    }
    if let Some((dx, line, count)) = plan.more {
        let by = y + line * (BADGE_H + 4);
        out.push_str("<g>");
        let hidden: Vec<&str> = badges[badges.len() - count..]
            .iter()
            .map(|b| b.tip.as_str())
            .collect();
        title(out, &hidden.join("\n"));
        let _ = write!(
            out,
            r##"<rect x="{}" y="{by}" width="{MORE_W}" height="{BADGE_H}" rx="3" fill="#f3f4f6" stroke="#9ca3af"/>"##,
            x + dx
        );
        text_at(
            out,
            x + dx + 6,
            by + 12,
            &format!("+{count}"),
            r#"font-size="10""#,
            MUTED,
        );
        out.push_str("</g>");
    }
}

fn draw_badge(out: &mut String, x: i32, y: i32, w: i32, badge: &Badge, text: &str) {
    let (fill, stroke) = match badge.kind {
        Kind::Volume => (VOLUME_FILL, VOLUME_STROKE),
        _ => (IP_FILL, IP_STROKE),
    };
    out.push_str("<g>");
    title(out, &badge.tip);
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="{w}" height="{BADGE_H}" rx="3" fill="{fill}" stroke="{stroke}"/>"#
    );
    // A disk for volumes, a dot for addresses.
    match badge.kind {
        Kind::Volume => {
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="8" height="9" rx="2" fill="{stroke}"/>"#,
                x + 5,
                y + 4
            );
        }
        _ => {
            let _ = write!(
                out,
                r#"<circle cx="{}" cy="{}" r="4" fill="{stroke}"/>"#,
                x + 9,
                y + 8
            );
        }
    }
    text_at(out, x + 17, y + 12, text, r#"font-size="10""#, INK);
    out.push_str("</g>");
}

/// Writes the legend and returns its width.
fn legend(out: &mut String, x: i32, y: i32, graph: &Graph) -> i32 {
    let mut items: Vec<(&str, &str, String)> = vec![
        (PALETTE[0], "#ffffff", "network (band, lines)".to_owned()),
        (ROUTER_STROKE, ROUTER_FILL, "router".to_owned()),
        ("#94a3b8", "#ffffff", "instance".to_owned()),
        (VOLUME_STROKE, VOLUME_FILL, graph.volume_word.to_owned()),
        (IP_STROKE, IP_FILL, format!("{} / public IP", graph.ip_word)),
    ];
    if graph.count(Kind::Router) == 0 {
        items.remove(1);
    }
    let mut dx = 0;
    for (stroke, fill, label) in items {
        let fill = if fill == "#ffffff" && stroke == PALETTE[0] {
            stroke
        } else {
            fill
        };
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="12" height="10" rx="2" fill="{fill}" stroke="{stroke}"/>"#,
            x + dx,
            y
        );
        text_at(out, x + dx + 16, y + 9, &label, r#"font-size="10""#, MUTED);
        dx += 16 + text_width(&label, 10.0, false) as i32 + 12;
    }
    let states = [
        ("#16a34a", "running"),
        ("#d97706", "busy"),
        ("#6b7280", "stopped"),
        ("#dc2626", "failed"),
    ];
    for (color, label) in states {
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="4.5" fill="{color}"/>"#,
            x + dx + 5,
            y + 5
        );
        text_at(out, x + dx + 13, y + 9, label, r#"font-size="10""#, MUTED);
        dx += 13 + text_width(label, 10.0, false) as i32 + 10;
    }
    dx
}

fn marker(out: &mut String, x: i32, y: i32, color: &str) {
    let _ = write!(
        out,
        r#"<rect x="{x}" y="{y}" width="8" height="8" rx="1" fill="{color}"/>"#
    );
}

/// Colour of an instance's status dot.
fn state_color(state: &str) -> &'static str {
    let state = state.to_ascii_lowercase();
    if state.contains("error") || state.contains("fail") {
        "#dc2626"
    } else if ["active", "running", "ready", "attached", "available"].contains(&state.as_str()) {
        "#16a34a"
    } else if [
        "stopped",
        "shutoff",
        "terminated",
        "suspended",
        "paused",
        "",
    ]
    .contains(&state.as_str())
    {
        "#6b7280"
    } else {
        "#d97706"
    }
}

fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        _ if word.ends_with('s') => format!("{n} {word}es"),
        _ => format!("{n} {word}s"),
    }
}

fn short_id(id: &str) -> String {
    id.chars().take(8).collect()
}

/// Writes a `<text>` element; `content` is escaped.
fn text_at(out: &mut String, x: i32, y: i32, content: &str, attrs: &str, fill: &str) {
    let _ = write!(
        out,
        r#"<text x="{x}" y="{y}" {attrs} fill="{fill}">{}</text>"#,
        escape(content)
    );
}

/// Writes a `<title>` (a tooltip); `content` is escaped.
fn title(out: &mut String, content: &str) {
    let _ = write!(out, "<title>{}</title>", escape(content));
}

/// Text made safe for XML character data and attribute values: markup characters become
/// entities, and characters XML 1.0 forbids (most control characters, lone surrogates cannot
/// occur in a `str`, U+FFFE, U+FFFF) become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Roughly how wide text is, in pixels: fonts differ, so this errs wide.
fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    let per_em = if bold { 0.68 } else { 0.62 };
    s.chars().map(char_ems).sum::<f32>() * size * per_em
}

fn char_ems(c: char) -> f32 {
    match c as u32 {
        // CJK, Hangul, full-width forms and emoji take about two columns.
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD => 1.8,
        _ => 1.0,
    }
}

/// `s` on one line, cut with an ellipsis to fit `max` pixels.
fn fit(s: &str, max: f32, size: f32, bold: bool) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if text_width(&one_line, size, bold) <= max {
        return one_line;
    }
    let budget = max - text_width("…", size, bold);
    let mut used = 0.0;
    let mut out = String::new();
    for c in one_line.chars() {
        let w = char_ems(c) * size * if bold { 0.68 } else { 0.62 };
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

// ---------------------------------------------------------------------------------------------
// Python

/// A picture of a cloud account as SVG (the Python class ``vpsclient.Topology``).
///
/// Returned by ``tavu.topology()`` and ``joviam.topology()``. Jupyter shows it inline
/// (``_repr_svg_``); elsewhere, ``save("cloud.svg")`` writes it to a file, and ``svg`` is
/// the text itself.
#[cfg(feature = "python")]
#[pyo3::pyclass(name = "Topology", module = "vpsclient", frozen)]
pub(crate) struct PyTopology {
    topology: Topology,
}

#[cfg(feature = "python")]
impl From<Topology> for PyTopology {
    fn from(topology: Topology) -> Self {
        PyTopology { topology }
    }
}

#[cfg(feature = "python")]
#[pyo3::pymethods]
impl PyTopology {
    /// The SVG document, as text.
    #[getter]
    fn svg(&self) -> &str {
        self.topology.svg()
    }

    /// How many objects of each kind the picture shows: a dict with the keys ``networks``,
    /// ``subnets``, ``routers``, ``instances``, ``volumes`` (Tavu volumes or Joviam disks) and
    /// ``addresses`` (Tavu floating IPs or Joviam IP addresses).
    #[getter]
    fn counts<'py>(
        &self,
        py: pyo3::Python<'py>,
    ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
        use pyo3::types::PyDictMethods;

        let c = self.topology.counts();
        let counts = pyo3::types::PyDict::new(py);
        for (key, value) in [
            ("networks", c.networks),
            ("subnets", c.subnets),
            ("routers", c.routers),
            ("instances", c.instances),
            ("volumes", c.volumes),
            ("addresses", c.addresses),
        ] {
            counts.set_item(key, value)?;
        }
        Ok(counts)
    }

    /// The provider drawn: ``"tavu"`` or ``"joviam"``.
    #[getter]
    fn provider(&self) -> &str {
        self.topology.provider()
    }

    /// The SVG, for IPython and Jupyter's rich display.
    fn _repr_svg_(&self) -> String {
        self.topology.svg().to_owned()
    }

    /// Writes the SVG to a file, replacing it if it exists.
    ///
    /// Args:
    ///     path: Where to write it (str or os.PathLike), conventionally ending in ``.svg``.
    ///
    /// Raises:
    ///     InvalidArgumentError: ``path`` is not a str or os.PathLike of str, or is empty.
    ///     OSError: the file cannot be written (FileNotFoundError, PermissionError, ...).
    #[pyo3(signature = (path))]
    fn save(
        &self,
        py: pyo3::Python<'_>,
        path: &pyo3::Bound<'_, pyo3::PyAny>,
    ) -> pyo3::PyResult<()> {
        use pyo3::types::{PyAnyMethods, PyTypeMethods};

        let invalid =
            |message: String| crate::python::to_pyerr(crate::Error::InvalidArgument(message));
        let type_name = |value: &pyo3::Bound<'_, pyo3::PyAny>| {
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".into())
        };
        let os = py.import("os")?;
        let text = os.call_method1("fspath", (path,)).map_err(|_| {
            invalid(format!(
                "save: path must be a str or os.PathLike, not {}",
                type_name(path)
            ))
        })?;
        if text.cast::<pyo3::types::PyString>().is_err() {
            return Err(invalid(
                "save: path must be a text path (str), not bytes".into(),
            ));
        }
        let text: String = text
            .extract()
            .map_err(|_| invalid("save: path must be valid Unicode (no lone surrogates)".into()))?;
        if text.is_empty() {
            return Err(invalid("save: path must not be empty".into()));
        }
        let result = py.detach(|| self.topology.save(&text));
        result.map_err(|err| match err.raw_os_error() {
            // OSError(errno, strerror, filename) becomes FileNotFoundError and the like.
            Some(code) => pyo3::exceptions::PyOSError::new_err((code, err.to_string(), text)),
            None => pyo3::PyErr::from(err),
        })
    }

    fn __repr__(&self) -> String {
        let c = self.topology.counts();
        format!(
            "Topology(provider='{}', networks={}, subnets={}, routers={}, instances={}, volumes={}, addresses={})",
            self.topology.provider(),
            c.networks,
            c.subnets,
            c.routers,
            c.instances,
            c.volumes,
            c.addresses
        )
    }
}

/// Fetches and draws a Tavu account for Python, with the GIL released.
#[cfg(feature = "python")]
pub(crate) fn tavu_topology_py(
    py: pyo3::Python<'_>,
    client: &TavuClient,
) -> pyo3::PyResult<PyTopology> {
    py.detach(|| Topology::of_tavu(client))
        .map(PyTopology::from)
        .map_err(crate::python::to_pyerr)
}

/// Fetches and draws a Joviam account for Python, with the GIL released.
#[cfg(feature = "python")]
pub(crate) fn joviam_topology_py(
    py: pyo3::Python<'_>,
    client: &JoviamClient,
) -> pyo3::PyResult<PyTopology> {
    py.detach(|| Topology::of_joviam(client))
        .map(PyTopology::from)
        .map_err(crate::python::to_pyerr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A strict enough XML well-formedness check: balanced, properly nested tags, one root,
    /// quoted and unique attributes, no raw `<` or stray `&` in text or attribute values, no
    /// characters XML 1.0 forbids.
    pub(super) fn well_formed(xml: &str) -> std::result::Result<(), String> {
        fn check_text(text: &str) -> std::result::Result<(), String> {
            let mut rest = text;
            while let Some(amp) = rest.find('&') {
                let after = &rest[amp + 1..];
                let end = after
                    .find(';')
                    .ok_or_else(|| format!("unterminated entity near {:?}", &rest[amp..]))?;
                let entity = &after[..end];
                let known = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
                    || entity
                        .strip_prefix("#x")
                        .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                    || entity
                        .strip_prefix('#')
                        .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
                if !known {
                    return Err(format!("unknown entity &{entity};"));
                }
                rest = &after[end + 1..];
            }
            if let Some(c) = text.chars().find(|&c| {
                ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
                    || c == '\u{FFFE}'
                    || c == '\u{FFFF}'
            }) {
                return Err(format!("forbidden character {c:?}"));
            }
            Ok(())
        }
        fn name_ok(name: &str) -> bool {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                && !name.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
        }

        let mut stack: Vec<&str> = Vec::new();
        let mut roots = 0;
        let mut rest = xml;
        loop {
            let lt = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..lt];
            check_text(text)?;
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:?}"));
            }
            rest = &rest[lt..];
            if rest.is_empty() {
                break;
            }
            if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment.find("-->").ok_or("unterminated comment")?;
                rest = &comment[end + 3..];
                continue;
            }
            let gt = rest.find('>').ok_or("unterminated tag")?;
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack
                    .pop()
                    .ok_or_else(|| format!("</{name}> closes nothing"))?;
                if open != name.trim_end() {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
                continue;
            }
            let self_closing = tag.ends_with('/');
            let body = tag.strip_suffix('/').unwrap_or(tag);
            let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
            let name = &body[..name_end];
            if !name_ok(name) {
                return Err(format!("bad element name {name:?}"));
            }
            let mut attrs = body[name_end..].trim_start();
            let mut seen = HashSet::new();
            while !attrs.is_empty() {
                let eq = attrs
                    .find('=')
                    .ok_or_else(|| format!("attribute without value in <{name}>"))?;
                let attr = attrs[..eq].trim_end();
                if !name_ok(attr) || !seen.insert(attr) {
                    return Err(format!("bad or repeated attribute {attr:?} in <{name}>"));
                }
                let value = attrs[eq + 1..].trim_start();
                let quote = value
                    .chars()
                    .next()
                    .filter(|q| *q == '"' || *q == '\'')
                    .ok_or_else(|| format!("unquoted attribute {attr} in <{name}>"))?;
                let end = value[1..]
                    .find(quote)
                    .ok_or_else(|| format!("unterminated attribute {attr}"))?;
                let content = &value[1..1 + end];
                if content.contains('<') {
                    return Err(format!("'<' in attribute {attr}"));
                }
                check_text(content)?;
                let after = &value[end + 2..];
                if !after.is_empty() && !after.starts_with(char::is_whitespace) {
                    return Err(format!("no space after attribute {attr} in <{name}>"));
                }
                attrs = after.trim_start();
            }
            if stack.is_empty() {
                roots += 1;
                if roots > 1 {
                    return Err("more than one root element".into());
                }
            }
            if !self_closing {
                stack.push(name);
            }
        }
        if let Some(open) = stack.last() {
            return Err(format!("<{open}> never closed"));
        }
        if roots != 1 {
            return Err("no root element".into());
        }
        Ok(())
    }

    /// The root element's `width` and `height`.
    fn size(svg: &str) -> (i32, i32) {
        let attr = |name: &str| -> i32 {
            let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            svg[start..].split('"').next().unwrap().parse().unwrap()
        };
        (attr("width"), attr("height"))
    }

    fn font_sizes(svg: &str) -> Vec<f32> {
        svg.match_indices("font-size=\"")
            .map(|(i, m)| {
                let rest = &svg[i + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    fn labels(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// Public network, two private networks with a subnet each, a router joining all three,
    /// three instances (one on both private networks), a volume and a floating IP attached,
    /// one of each attached to nothing.
    fn small_graph() -> Graph {
        let mut g = Graph::new("Test account", "volume", "floating IP");
        let public = g.add(Kind::Network, "pub", "public", "external");
        g.nodes[public].external = true;
        let front = g.add(Kind::Network, "n1", "frontend", "");
        let back = g.add(Kind::Network, "n2", "backend", "");
        let s1 = g.add(Kind::Subnet, "s1", "frontend-v4", "10.0.1.0/24");
        g.link(s1, front, Vec::new());
        let s2 = g.add(Kind::Subnet, "s2", "backend-v4", "10.0.2.0/24");
        g.link(s2, back, Vec::new());
        let r = g.add(Kind::Router, "r1", "edge-router", "ACTIVE");
        g.link(r, public, labels(&["192.168.255.41"]));
        g.link(r, front, labels(&["10.0.1.1"]));
        g.link(r, back, labels(&["10.0.2.1"]));
        let web = g.add(Kind::Instance, "i1", "web-1", "active · Ubuntu 14.04");
        g.nodes[web].state = "active".into();
        g.link(web, front, labels(&["10.0.1.10"]));
        let app = g.add(Kind::Instance, "i2", "app-1", "building");
        g.nodes[app].state = "building".into();
        g.link(app, front, labels(&["10.0.1.11"]));
        g.link(app, back, labels(&["10.0.2.11"]));
        let db = g.add(Kind::Instance, "i3", "db-1", "stopped");
        g.nodes[db].state = "stopped".into();
        g.link(db, back, labels(&["10.0.2.12"]));
        let pgdata = g.add(Kind::Volume, "v1", "pgdata", "20 GB");
        g.link(pgdata, db, labels(&["/dev/vdb"]));
        g.add(Kind::Volume, "v2", "scratch", "5 GB");
        let fip = g.add(Kind::Ip, "f1", "192.168.255.51", "floating");
        g.link(fip, web, labels(&["10.0.1.10"]));
        g.add(Kind::Ip, "f2", "192.168.255.50", "floating");
        g
    }

    fn big_graph(instances: usize) -> Graph {
        let mut g = Graph::new("Big account", "volume", "floating IP");
        let a = g.add(Kind::Network, "n1", "alpha", "");
        let b = g.add(Kind::Network, "n2", "beta", "");
        for k in 0..instances {
            let i = g.add(
                Kind::Instance,
                &format!("i{k}"),
                &format!("node-{k:03}"),
                "active",
            );
            g.nodes[i].state = "active".into();
            if k % 3 != 2 {
                g.link(i, a, vec![format!("10.0.{}.{}", k / 250, k % 250 + 2)]);
            }
            if k % 3 != 0 {
                g.link(i, b, vec![format!("10.1.{}.{}", k / 250, k % 250 + 2)]);
            }
            if k % 10 == 0 {
                let v = g.add(
                    Kind::Volume,
                    &format!("v{k}"),
                    &format!("data-{k}"),
                    "10 GB",
                );
                g.link(v, i, Vec::new());
            }
        }
        g
    }

    #[test]
    fn draw_writes_well_formed_svg() {
        let svg = draw(&small_graph());
        well_formed(&svg).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
    }

    #[test]
    fn every_name_and_address_is_drawn() {
        let svg = draw(&small_graph());
        for text in [
            "public",
            "frontend",
            "backend",
            "frontend-v4 · 10.0.1.0/24",
            "backend-v4 · 10.0.2.0/24",
            "edge-router",
            "192.168.255.41",
            "web-1",
            "app-1",
            "db-1",
            "10.0.1.10",
            "10.0.2.11",
            "pgdata · 20 GB",
            "scratch · 5 GB",
            "192.168.255.51",
            "192.168.255.50",
            "Not attached to any instance",
            "3 networks · 2 subnets · 1 router · 3 instances · 2 volumes · 2 floating IPs",
        ] {
            assert!(svg.contains(&format!(">{text}</text>")), "{text} missing");
        }
    }

    #[test]
    fn an_instance_on_two_networks_is_drawn_once_with_a_line_to_the_other() {
        let svg = draw(&small_graph());
        assert_eq!(svg.matches(">app-1</text>").count(), 1);
        // Its home is frontend (the first); a line in backend's colour (the second private
        // network's) runs from it to backend's header.
        assert!(svg.contains(&format!(r#"fill="none" stroke="{}""#, PALETTE[1])));
        assert_eq!(svg.matches("<polyline").count(), 1);
    }

    #[test]
    fn user_text_stays_text() {
        let mut g = small_graph();
        let evil = g.add(Kind::Network, "n3", "<script>alert('x')</script>", "");
        let i = g.add(Kind::Instance, "i9", "a & b \"c\" <d>\u{1}\u{FFFF}", "x");
        g.link(i, evil, labels(&["10.9.9.9"]));
        let v = g.add(Kind::Volume, "v9", "]]><!-- &amp;", "1 GB");
        g.link(v, i, Vec::new());
        let svg = draw(&g);
        well_formed(&svg).unwrap();
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<d>"));
        assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
        assert!(svg.contains("a &amp; b &quot;c&quot; &lt;d&gt;\u{FFFD}\u{FFFD}"));
        assert!(svg.contains("]]&gt;&lt;!-- &amp;amp;"));
    }

    #[test]
    fn escape_keeps_plain_text_and_replaces_what_xml_forbids() {
        assert_eq!(escape("web-1 · ünï 東京"), "web-1 · ünï 東京");
        assert_eq!(escape("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
        assert_eq!(escape("a\u{0}b\tc\u{1b}"), "a\u{FFFD}b\tc\u{FFFD}");
    }

    #[test]
    fn long_names_are_cut_to_fit_with_the_full_name_in_the_tooltip() {
        let mut g = small_graph();
        let long = "a-very-long-instance-name-that-goes-on-and-on-and-on";
        let i = g.add(Kind::Instance, "i7", long, "active");
        let n = g.find(Kind::Network, "n1").unwrap();
        g.link(i, n, Vec::new());
        let svg = draw(&g);
        assert!(svg.contains(&format!("<title>instance {long}\n")));
        assert!(!svg.contains(&format!(">{long}</text>")));
        assert!(svg.contains("…</text>"));
        assert!(fit(long, 100.0, 12.0, true).chars().count() < long.len());
        assert_eq!(fit("short", 100.0, 12.0, true), "short");
    }

    #[test]
    fn the_canvas_grows_with_the_account_and_text_stays_readable() {
        let small = draw(&big_graph(5));
        let graph = big_graph(200);
        let started = std::time::Instant::now();
        let big = draw(&graph);
        println!(
            "draw of 200 instances: {:.2} ms, {} KB",
            started.elapsed().as_secs_f64() * 1000.0,
            big.len() / 1024
        );
        well_formed(&big).unwrap();
        let (small_w, small_h) = size(&small);
        let (big_w, big_h) = size(&big);
        assert!(big_h > small_h * 5, "{small_h} -> {big_h}");
        assert!(big_w >= small_w && big_w <= 1600, "{small_w} -> {big_w}");
        for k in [0, 99, 199] {
            assert!(big.contains(&format!(">node-{k:03}</text>")));
        }
        assert!(font_sizes(&big).iter().all(|&s| s >= 10.0));
        // Fixed box sizes: every instance box is the same size.
        assert_eq!(
            big.matches(&format!(r#"width="{BOX_W}" height="{BOX_H}""#))
                .count(),
            200
        );
    }

    #[test]
    fn badges_wrap_to_two_lines_then_count_the_rest() {
        let badges: Vec<Badge> = (0..8)
            .map(|k| Badge {
                kind: Kind::Volume,
                text: format!("volume-{k} · 10 GB"),
                tip: String::new(),
            })
            .collect();
        let plan = place_badges(&badges, BOX_W);
        assert_eq!(plan.lines, 2);
        let (x, line, hidden) = plan.more.unwrap();
        assert_eq!(line, 1);
        assert_eq!(plan.placed.len() + hidden, 8);
        assert!(x + MORE_W <= BOX_W);
        assert!(plan.placed.iter().all(|(_, x, _, w, _)| x + w <= BOX_W));
        let one = place_badges(&badges[..1], BOX_W);
        assert_eq!((one.lines, one.more.is_none()), (1, true));
        assert_eq!(place_badges(&[], BOX_W).lines, 0);
        let long = [Badge {
            kind: Kind::Ip,
            text: "x".repeat(80),
            tip: String::new(),
        }];
        let cut = place_badges(&long, BOX_W);
        assert_eq!(cut.placed[0].3, BOX_W);
        assert!(cut.placed[0].4.ends_with('…'));
    }

    #[test]
    fn addresses_come_before_volumes_under_an_instance() {
        let mut g = small_graph();
        let web = g.find(Kind::Instance, "i1").unwrap();
        let logs = g.add(Kind::Volume, "v5", "logs", "1 GB");
        g.link(logs, web, Vec::new());
        let svg = draw(&g);
        let ip = svg.find(">192.168.255.51</text>").unwrap();
        let volume = svg.find(">logs · 1 GB</text>").unwrap();
        assert!(ip < volume);
    }

    #[test]
    fn an_empty_account_draws_a_note() {
        let svg = draw(&Graph::new("Empty", "volume", "floating IP"));
        well_formed(&svg).unwrap();
        assert!(svg.contains(">Nothing in this account yet.</text>"));
    }

    #[test]
    fn instances_on_no_network_get_a_band_of_their_own() {
        let mut g = Graph::new("Loose", "disk", "IP address");
        g.add(Kind::Instance, "i1", "alone", "stopped");
        let svg = draw(&g);
        well_formed(&svg).unwrap();
        assert!(svg.contains(">no network</text>"));
        assert!(svg.contains(">alone</text>"));
    }

    #[test]
    fn tavu_graph_finds_the_public_network_router_interfaces_and_floating_ips() {
        let public = "bdcffe24-89a2-4c72-80df-2709997192a7";
        let port = |id: &str, network: &str, device: &str, owner: &str, ip: &str| {
            json!({"id": id, "network_id": network, "device_id": device, "device_owner": owner,
                   "ip_allocations": [{"ip_address": ip, "subnet_id": "s1"}]})
        };
        fn from<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
            serde_json::from_value(value).unwrap()
        }
        let account = TavuAccount {
            networks: from(json!([{"id": "n1", "name": "lab"}])),
            subnets: from(json!([{"id": "s1", "name": "lab-v4", "network_id": "n1",
                                   "ip_version": 4, "cidr": "10.0.0.0/24"}])),
            routers: from(json!([{"id": "r1", "name": "Router-1",
                                   "external_gateway_info": port("g1", public, "r1", "network:router_gateway", "192.168.255.41")}])),
            router_ports: vec![(
                "r1".into(),
                from(json!([port(
                    "p1",
                    "n1",
                    "r1",
                    "network:router_interface",
                    "10.0.0.1"
                )])),
            )],
            ports: from(json!([port("p2", "n1", "i1", "compute:None", "10.0.0.5")])),
            instances: from(json!([
                {"id": "i1", "name": "web", "status": "active",
                 "ports": [port("p2", "n1", "i1", "compute:None", "10.0.0.5")]},
                {"id": "i2", "name": "edge", "status": "active",
                 "ports": [port("p3", public, "i2", "compute:None", "192.168.255.60")]}
            ])),
            volumes: from(json!([
                {"id": "v1", "name": "data", "size": 10, "status": "in-use",
                 "attachment": {"instance_id": "i1", "mounted_at": "/dev/vdb"}},
                {"id": "v2", "name": "spare", "size": 5, "status": "available"}
            ])),
            floating_ips: from(json!([
                {"id": "f1", "floating_ip_address": "192.168.255.51", "port_id": "p2",
                 "floating_network_id": public, "fixed_ip_address": "10.0.0.5"},
                {"id": "f2", "floating_ip_address": "192.168.255.50", "floating_network_id": public}
            ])),
        };
        let g = tavu_graph(&account);
        let counts = g.counts();
        assert_eq!(
            (
                counts.networks,
                counts.subnets,
                counts.routers,
                counts.instances,
                counts.volumes,
                counts.addresses
            ),
            (2, 1, 1, 2, 2, 2)
        );
        let public_node = &g.nodes[g.find(Kind::Network, public).unwrap()];
        assert!(public_node.external);
        assert_eq!(public_node.name, "public");
        let r = g.find(Kind::Router, "r1").unwrap();
        let router_links: Vec<(&str, &[String])> = g
            .edges
            .iter()
            .filter(|e| e.from == r)
            .map(|e| (g.nodes[e.to].id.as_str(), e.labels.as_slice()))
            .collect();
        assert_eq!(
            router_links,
            [
                (public, &["192.168.255.41".to_owned()][..]),
                ("n1", &["10.0.0.1".to_owned()][..])
            ]
        );
        // The instance's port appears both embedded and in the ports list: one edge.
        let web = g.find(Kind::Instance, "i1").unwrap();
        assert_eq!(
            g.edges
                .iter()
                .filter(|e| e.from == web && g.nodes[e.to].kind == Kind::Network)
                .count(),
            1
        );
        let f1 = g.find(Kind::Ip, "f1").unwrap();
        assert!(g.edges.iter().any(|e| e.from == f1 && e.to == web));
        let svg = draw(&g);
        well_formed(&svg).unwrap();
        for text in [
            "lab",
            "Router-1",
            "web",
            "edge",
            "data · 10 GB",
            "192.168.255.60",
        ] {
            assert!(svg.contains(&format!(">{text}</text>")), "{text} missing");
        }
    }
}
