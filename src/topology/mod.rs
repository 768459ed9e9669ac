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

mod badges;
mod draw;
mod graph;
mod head;
mod layout;
mod svg;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use crate::error::Result;
use crate::{JoviamClient, TavuClient};

use draw::draw;
use graph::{joviam_graph, tavu_graph, Graph, JoviamAccount, TavuAccount};

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
