//! Laying a graph out before it is drawn: one band per network, each instance in the band of
//! its home network, volumes and IPs as badges of their instance, and where bands, subnet
//! chips, instance boxes and routers sit on the canvas. Nothing is written here.

use std::collections::{HashMap, HashSet};

use super::badges::{badge_text, badge_tip, place_badges, Badge, BADGE_H};
use super::graph::{Graph, Kind, Node};
use super::svg::{fit, text_width};

pub(super) const MARGIN: i32 = 16;
pub(super) const TITLE_H: i32 = 66;
pub(super) const BOX_W: i32 = 184;
pub(super) const BOX_H: i32 = 64;
const CELL_W: i32 = 206;
/// From a band's left edge to its first box: room for the band's trunk line.
const GRID_LEFT: i32 = 22;
/// A row of boxes without badges: the row's line, the box, a gap. Each line of badges adds
/// `BADGE_H + 4`.
const ROW_H: i32 = 14 + BOX_H + 10;
pub(super) const HEADER_H: i32 = 30;
pub(super) const CHIP_ROW: i32 = 24;
pub(super) const BAND_GAP: i32 = 22;
const MAX_COLUMNS: usize = 6;
const MIN_CONTENT_W: i32 = 640;
pub(super) const ROUTER_W: i32 = 156;
pub(super) const ROUTER_LANE: i32 = 10;

pub(super) const PALETTE: [&str; 8] = [
    "#2563eb", "#0d9488", "#db2777", "#4f46e5", "#65a30d", "#0891b2", "#e11d48", "#a16207",
];
const EXTERNAL: &str = "#475569";
const NO_NETWORK: &str = "#9ca3af";

/// A band: one network (or the instances on none) with its subnets and home instances.
pub(super) struct Band<'g> {
    pub(super) name: String,
    pub(super) detail: String,
    pub(super) color: &'static str,
    pub(super) external: bool,
    subnets: Vec<&'g Node>,
    /// Its subnets as chips under its header, once laid out.
    pub(super) chips: Vec<Chip>,
    /// Instances (indices into `Picture::instances`) drawn in this band.
    pub(super) members: Vec<usize>,
    /// Instances attached to the network, home or not.
    pub(super) attached: usize,
    pub(super) top: i32,
    pub(super) bottom: i32,
}

impl Band<'_> {
    /// A band with nothing in it yet.
    fn new(name: String, detail: String, color: &'static str, external: bool) -> Self {
        Band {
            name,
            detail,
            color,
            external,
            subnets: Vec::new(),
            chips: Vec::new(),
            members: Vec::new(),
            attached: 0,
            top: 0,
            bottom: 0,
        }
    }
}

/// A subnet as a chip under its band's header: where it is, how wide, and its text (name and
/// range, cut to fit).
pub(super) struct Chip {
    pub(super) x: i32,
    pub(super) y: i32,
    pub(super) w: i32,
    pub(super) text: String,
}

/// An instance with what is drawn in and under its box.
pub(super) struct InstanceView<'g> {
    pub(super) node: &'g Node,
    /// (band, addresses) per network it is on, merged per network, in port order.
    pub(super) links: Vec<(usize, Vec<String>)>,
    pub(super) home: usize,
    pub(super) badges: Vec<Badge>,
    /// Where its box is, once laid out.
    pub(super) x: i32,
    pub(super) y: i32,
}

/// A router with (band, addresses) per network it has an interface in.
pub(super) struct RouterView<'g> {
    pub(super) node: &'g Node,
    pub(super) links: Vec<(usize, Vec<String>)>,
}

/// Where a router's box goes in the gutter.
pub(super) struct RouterSlot {
    /// Index into `Picture::routers`.
    pub(super) router: usize,
    pub(super) top: i32,
    pub(super) height: i32,
}

/// Where each network, instance and router node of the graph went: node index to band,
/// instance view and router view index.
struct Index {
    bands: HashMap<usize, usize>,
    instances: HashMap<usize, usize>,
    routers: HashMap<usize, usize>,
}

/// A graph laid out: its bands, instances and routers with their places on the canvas.
pub(super) struct Picture<'g> {
    pub(super) bands: Vec<Band<'g>>,
    pub(super) instances: Vec<InstanceView<'g>>,
    pub(super) routers: Vec<RouterView<'g>>,
    /// The routers' boxes, top to bottom; each one's lane is its place in this list.
    pub(super) router_slots: Vec<RouterSlot>,
    /// Volumes and IPs attached to no instance.
    pub(super) loose: Vec<Badge>,
    /// Boxes in a band's row, at most.
    pub(super) columns: i32,
    /// Width of the bands.
    pub(super) content_w: i32,
    /// Left edge of the bands: the margin, or the routers' gutter.
    pub(super) x0: i32,
    /// Below the last band and a [`BAND_GAP`]: where what follows the bands goes.
    pub(super) y: i32,
}

impl<'g> Picture<'g> {
    /// Lays `graph` out.
    pub(super) fn new(graph: &'g Graph) -> Picture<'g> {
        let (bands, band_index) = network_bands(graph);
        let (instances, instance_index) = views(graph, Kind::Instance, |node| InstanceView {
            node,
            links: Vec::new(),
            home: 0,
            badges: Vec::new(),
            x: 0,
            y: 0,
        });
        let (routers, router_index) = views(graph, Kind::Router, |node| RouterView {
            node,
            links: Vec::new(),
        });
        let index = Index {
            bands: band_index,
            instances: instance_index,
            routers: router_index,
        };
        let mut picture = Picture {
            bands,
            instances,
            routers,
            router_slots: Vec::new(),
            loose: Vec::new(),
            columns: 1,
            content_w: 0,
            x0: 0,
            y: 0,
        };
        let attached = picture.connect(graph, &index);
        picture.choose_homes();
        picture.size();
        picture.place_bands();
        picture.loose = loose_badges(graph, &attached);
        picture.place_routers();
        picture
    }

    /// Sorts the graph's edges into the views: subnets into their network's band, the
    /// networks each router and instance is on, volumes and IPs as badges of their instance.
    /// Returns the volumes and IPs (node indices) attached to an instance.
    fn connect(&mut self, graph: &'g Graph, index: &Index) -> HashSet<usize> {
        let mut attached_anywhere: HashSet<usize> = HashSet::new();
        for edge in &graph.edges {
            let (from, to) = (&graph.nodes[edge.from], &graph.nodes[edge.to]);
            match (from.kind, to.kind) {
                (Kind::Subnet, Kind::Network) => {
                    if let Some(&b) = index.bands.get(&edge.to) {
                        self.bands[b].subnets.push(from);
                    }
                }
                (Kind::Router, Kind::Network) => {
                    if let (Some(&r), Some(&b)) =
                        (index.routers.get(&edge.from), index.bands.get(&edge.to))
                    {
                        merge(&mut self.routers[r].links, b, &edge.labels);
                    }
                }
                (Kind::Instance, Kind::Network) => {
                    if let (Some(&v), Some(&b)) =
                        (index.instances.get(&edge.from), index.bands.get(&edge.to))
                    {
                        merge(&mut self.instances[v].links, b, &edge.labels);
                    }
                }
                (Kind::Volume, Kind::Instance) | (Kind::Ip, Kind::Instance) => {
                    if let Some(&v) = index.instances.get(&edge.to) {
                        attached_anywhere.insert(edge.from);
                        self.instances[v].badges.push(Badge {
                            kind: from.kind,
                            text: badge_text(from),
                            tip: badge_tip(graph, from),
                        });
                    }
                }
                _ => {}
            }
        }
        attached_anywhere
    }

    /// Gives each instance its home band (a band of their own for the instances on no
    /// network) and its badges in the order drawn, then counts each band's instances.
    fn choose_homes(&mut self) {
        let mut orphans = Vec::new();
        for (v, view) in self.instances.iter_mut().enumerate() {
            match home_band(view, &self.bands) {
                Some(b) => view.home = b,
                None => orphans.push(v),
            }
            order_badges(view, &self.bands);
        }
        if !orphans.is_empty() {
            let b = self.bands.len();
            self.bands.push(Band::new(
                "no network".into(),
                String::new(),
                NO_NETWORK,
                false,
            ));
            for &v in &orphans {
                self.instances[v].home = b;
            }
        }
        for (v, view) in self.instances.iter().enumerate() {
            self.bands[view.home].members.push(v);
            for (b, _) in &view.links {
                self.bands[*b].attached += 1;
            }
        }
        if !orphans.is_empty() {
            let b = self.bands.len() - 1;
            self.bands[b].attached = orphans.len();
        }
    }

    /// Chooses how many boxes a row holds, how wide the bands are and where they start: right
    /// of the routers' gutter, if there are routers.
    fn size(&mut self) {
        self.columns = self
            .bands
            .iter()
            .map(|b| b.members.len())
            .max()
            .unwrap_or(0)
            .clamp(1, MAX_COLUMNS) as i32;
        self.content_w = (GRID_LEFT + self.columns * CELL_W).max(MIN_CONTENT_W);
        self.x0 = if self.routers.is_empty() {
            MARGIN
        } else {
            MARGIN + ROUTER_W + 14 + self.routers.len() as i32 * ROUTER_LANE + 8
        };
    }

    /// Places the bands top to bottom: each one's header, its subnet chips, then its
    /// instances' boxes in rows, each row as tall as its boxes' badges need.
    fn place_bands(&mut self) {
        let mut y = MARGIN + TITLE_H;
        for band in &mut self.bands {
            band.top = y;
            let grid_top = place_chips(band, self.x0, self.content_w);
            let mut row_top = grid_top;
            for row in band.members.chunks(self.columns as usize) {
                let badge_lines = row
                    .iter()
                    .map(|&v| place_badges(&self.instances[v].badges, BOX_W).lines)
                    .max()
                    .unwrap_or(0);
                for (col, &v) in row.iter().enumerate() {
                    self.instances[v].x = self.x0 + GRID_LEFT + col as i32 * CELL_W;
                    self.instances[v].y = row_top + 14;
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
        self.y = y;
    }

    /// Places the routers in the gutter, each near the middle of the networks it joins,
    /// without overlapping.
    fn place_routers(&mut self) {
        let mut order: Vec<(i32, usize, i32)> = self
            .routers
            .iter()
            .enumerate()
            .map(|(r, view)| {
                let shown = view.links.len().min(6) as i32;
                let more = i32::from(view.links.len() > 6);
                let height = 28 + 14 * (shown + more);
                let mut ys: Vec<i32> = view
                    .links
                    .iter()
                    .map(|(b, _)| self.bands[*b].top + HEADER_H / 2)
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
        for (centre, router, height) in order {
            let top = (centre - height / 2).max(next_top);
            self.router_slots.push(RouterSlot {
                router,
                top,
                height,
            });
            next_top = top + height + 10;
        }
    }

    /// The bottom of the lowest router box, or 0 without routers.
    pub(super) fn routers_bottom(&self) -> i32 {
        self.router_slots
            .iter()
            .map(|slot| slot.top + slot.height)
            .fold(0, i32::max)
    }
}

/// One band per network, external networks first, then the others in the order listed; and
/// the band of each network node.
fn network_bands(graph: &Graph) -> (Vec<Band<'_>>, HashMap<usize, usize>) {
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
        let color = if node.external {
            EXTERNAL
        } else {
            palette.next().copied().unwrap_or(PALETTE[0])
        };
        bands.push(Band::new(
            node.name.clone(),
            node.detail.clone(),
            color,
            node.external,
        ));
    }
    (bands, network_band)
}

/// A view of each node of `kind`, in the graph's order, and the view of each such node.
fn views<'g, V>(
    graph: &'g Graph,
    kind: Kind,
    view: impl Fn(&'g Node) -> V,
) -> (Vec<V>, HashMap<usize, usize>) {
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut views = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.kind == kind {
            index.insert(i, views.len());
            views.push(view(node));
        }
    }
    (views, index)
}

/// Adds `labels` to the link to `band`, or adds that link.
fn merge(links: &mut Vec<(usize, Vec<String>)>, band: usize, labels: &[String]) {
    match links.iter_mut().find(|(b, _)| *b == band) {
        Some((_, existing)) => {
            for label in labels {
                if !existing.contains(label) {
                    existing.push(label.clone());
                }
            }
        }
        None => links.push((band, labels.to_vec())),
    }
}

/// An instance's home band: its first private network, else its first network.
fn home_band(view: &InstanceView<'_>, bands: &[Band<'_>]) -> Option<usize> {
    view.links
        .iter()
        .find(|(b, _)| !bands[*b].external)
        .or(view.links.first())
        .map(|(b, _)| *b)
}

/// Puts an instance's badges in the order drawn: its addresses, then its volumes.
fn order_badges(view: &mut InstanceView<'_>, bands: &[Band<'_>]) {
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

/// Lays out a band's subnets as chips under its header, wrapping at the band's width;
/// returns where the band's rows of boxes begin.
fn place_chips(band: &mut Band<'_>, x0: i32, content_w: i32) -> i32 {
    let y = band.top;
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
    if chip_rows == 0 {
        return y + HEADER_H + 4;
    }
    band.chips = chips
        .into_iter()
        .zip(placed)
        .map(|((text, w), (dx, row))| Chip {
            x: x0 + 12 + dx,
            y: y + HEADER_H + 6 + row * CHIP_ROW,
            w,
            text,
        })
        .collect();
    y + HEADER_H + 6 + chip_rows * CHIP_ROW
}

/// The volumes and IPs attached to no instance (`attached` holds those attached), as badges.
fn loose_badges(graph: &Graph, attached: &HashSet<usize>) -> Vec<Badge> {
    graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, n)| matches!(n.kind, Kind::Volume | Kind::Ip) && !attached.contains(i))
        .map(|(_, n)| Badge {
            kind: n.kind,
            text: badge_text(n),
            tip: badge_tip(graph, n),
        })
        .collect()
}

/// Places items of the given widths left to right, wrapping at `width`: the number of rows
/// and each item's (x offset, row).
pub(super) fn flow<T>(items: &[(T, i32)], width: i32) -> (i32, Vec<(i32, i32)>) {
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
