#![cfg(feature = "sandbox")]
//! `Topology` against the sandbox: a small Tavu account and a small Joviam account drawn with
//! every name in place, user text kept as text, and 200 Tavu instances fetched and drawn with
//! the time printed (not asserted).
//!
//! With `VPSCLIENT_WRITE_DOCS=1` the small Tavu picture and the 200-instance one are written
//! to `docs/topology-small.svg` and `docs/topology-200.svg` for the README.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use vpsclient::joviam::{AllocateIpAddress, CreateDisk, CreateInstance as CreateJoviamInstance};
use vpsclient::sandbox::Sandbox;
use vpsclient::tavu::{
    AttachVolume, CreateInstance, CreateNetwork, CreateRouterInterface, CreateSubnet, CreateVolume,
    UpdateFloatingIp,
};
use vpsclient::{Nullable, TavuClient, Topology, WaitOptions};

/// The sandbox's seeded router (it has a gateway in the public network) and floating IP.
const ROUTER: &str = "3b0b8942-200c-4db9-a2eb-1a020d1a817c";
const FLOATING_IP: &str = "96388526-df19-41a1-8adb-b36a21a28741";
/// Ubuntu 14.04 and the 1 CPU / 512 MB configuration of the reference.
const IMAGE: &str = "00ed37ab-7a47-45b3-9419-543a40b3c3f2";
const CONFIGURATION: &str = "9c345ee8-9f33-49e0-80d6-73a1f766a268";
/// The Joviam reference's region and performance tier.
const REGION: &str = "0f442f96-09e5-d4cc-9452-34896246cce7";
const TIER: &str = "9023fa53-fe2a-81b7-6904-7d28ae3e3d51";

fn sandbox() -> Sandbox {
    Sandbox::builder()
        .build_delay(Duration::ZERO)
        .start()
        .unwrap()
}

fn fast() -> WaitOptions {
    WaitOptions::default()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_secs(10))
}

/// Writes a picture under docs/ when VPSCLIENT_WRITE_DOCS=1.
fn write_doc(name: &str, topology: &Topology) {
    if std::env::var("VPSCLIENT_WRITE_DOCS").as_deref() != Ok("1") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    topology.save(dir.join(name)).unwrap();
    println!("wrote docs/{name}");
}

/// Balanced, properly nested tags, one root, quoted attributes, no raw `<` or stray `&`.
fn assert_well_formed(xml: &str) {
    let entity_ok = |text: &str| {
        text.split('&').skip(1).all(|after| {
            let entity = after.split(';').next().unwrap_or("");
            after.contains(';')
                && (matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
                    || entity.starts_with('#'))
        })
    };
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        assert!(entity_ok(text), "bad entity in {text:?}");
        assert!(
            !stack.is_empty() || text.trim().is_empty(),
            "text outside the root"
        );
        let gt = rest[lt..].find('>').expect("unterminated tag") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
            continue;
        }
        let body = tag.strip_suffix('/').unwrap_or(tag);
        let mut parts = body.splitn(2, char::is_whitespace);
        let name = parts.next().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "bad element <{name}>"
        );
        let attrs = parts.next().unwrap_or("");
        assert_eq!(
            attrs.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        assert!(entity_ok(attrs), "bad entity in <{tag}>");
        if stack.is_empty() {
            roots += 1;
        }
        if !tag.ends_with('/') {
            stack.push(name.to_owned());
        }
    }
    assert!(rest.trim().is_empty(), "text after the root");
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

fn assert_names(svg: &str, names: &[&str]) {
    for name in names {
        assert!(
            svg.contains(&format!(">{name}</text>")),
            "{name} is not drawn"
        );
    }
}

fn size(svg: &str) -> (u32, u32) {
    let attr = |name: &str| -> u32 {
        let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[start..].split('"').next().unwrap().parse().unwrap()
    };
    (attr("width"), attr("height"))
}

/// Two networks with a subnet each, joined by the seeded router (whose gateway is in the
/// public network); returns their IDs.
fn two_networks(tavu: &TavuClient) -> (String, String) {
    let mut ids = Vec::new();
    for (name, cidr) in [("frontend", "10.0.1.0/24"), ("backend", "10.0.2.0/24")] {
        let network = tavu.networks().create(&CreateNetwork::new(name)).unwrap();
        let subnet = tavu
            .subnets()
            .create(&CreateSubnet::new(
                format!("{name}-v4"),
                network.id.clone(),
                cidr,
                4u8,
            ))
            .unwrap();
        tavu.router_interfaces()
            .create(ROUTER, &CreateRouterInterface::new(subnet.id))
            .unwrap();
        ids.push(network.id);
    }
    (ids[0].clone(), ids[1].clone())
}

fn instance(tavu: &TavuClient, name: &str, networks: &[&str]) -> vpsclient::tavu::Instance {
    tavu.instances()
        .create(&CreateInstance {
            networks: Some(networks.iter().map(|n| n.to_string()).collect()),
            ..CreateInstance::new(name, IMAGE, CONFIGURATION)
        })
        .unwrap()
}

fn attached_volume(tavu: &TavuClient, name: &str, size: u64, instance_id: &str) {
    let volume = tavu
        .volumes()
        .create(&CreateVolume::new(size, name))
        .unwrap();
    tavu.volumes()
        .wait_for_status(&volume.id, "available", &fast())
        .unwrap();
    tavu.volumes()
        .attach(&volume.id, &AttachVolume::new(instance_id))
        .unwrap();
}

#[test]
fn a_small_tavu_account_is_drawn_with_every_name() {
    let sandbox = sandbox();
    let tavu = sandbox.tavu_client().unwrap();
    let (frontend, backend) = two_networks(&tavu);
    let web = instance(&tavu, "web-1", &[&frontend]);
    let app = instance(&tavu, "app-1", &[&frontend, &backend]);
    let db = instance(&tavu, "db-1", &[&backend]);
    for id in [&web.id, &app.id, &db.id] {
        tavu.instances()
            .wait_for_status(id, "active", &fast())
            .unwrap();
    }
    attached_volume(&tavu, "pgdata", 20, &db.id);
    tavu.volumes()
        .create(&CreateVolume::new(5u64, "scratch"))
        .unwrap();
    tavu.floating_ips()
        .update(
            FLOATING_IP,
            &UpdateFloatingIp {
                port_id: Nullable::Value(web.ports[0].id.clone()),
                ..Default::default()
            },
        )
        .unwrap();

    let topology = Topology::of_tavu(&tavu).unwrap();
    let svg = topology.svg();
    assert_well_formed(svg);
    let web_address = &web.ports[0].ip_allocations[0].ip_address;
    assert_names(
        svg,
        &[
            "Tavu.io account",
            "public",
            "frontend",
            "backend",
            "frontend-v4 · 10.0.1.0/24",
            "backend-v4 · 10.0.2.0/24",
            "Router-1",
            "web-1",
            "app-1",
            "db-1",
            web_address,
            "pgdata · 20 GB",
            "scratch · 5 GB",
            "192.168.255.51",
            "192.168.255.50",
        ],
    );
    // app-1 is on both networks and drawn once.
    assert_eq!(svg.matches(">app-1</text>").count(), 1);
    let counts = topology.counts();
    assert_eq!(
        (
            counts.networks,
            counts.subnets,
            counts.routers,
            counts.instances,
            counts.volumes,
            counts.addresses
        ),
        (3, 2, 1, 3, 2, 2)
    );
    assert_eq!(topology.provider(), "tavu");
    write_doc("topology-small.svg", &topology);

    let path = std::env::temp_dir().join(format!("vpsclient-topology-{}.svg", std::process::id()));
    topology.save(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), svg);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn names_from_users_stay_text() {
    let sandbox = sandbox();
    let tavu = sandbox.tavu_client().unwrap();
    let network = tavu
        .networks()
        .create(&CreateNetwork::new("<script>alert('hi')</script>"))
        .unwrap();
    instance(&tavu, "A&B's \"box\"", &[&network.id]);
    let svg = Topology::of_tavu(&tavu).unwrap().svg().to_owned();
    assert_well_formed(&svg);
    assert!(!svg.contains("<script"));
    assert_names(
        &svg,
        &[
            "&lt;script&gt;alert(&apos;hi&apos;)&lt;/script&gt;",
            "A&amp;B&apos;s &quot;box&quot;",
        ],
    );
}

#[test]
fn a_small_joviam_account_is_drawn_with_every_name() {
    let sandbox = sandbox();
    let joviam = sandbox.joviam_client().unwrap();
    let lab = joviam
        .networks()
        .create(&vpsclient::joviam::CreateNetwork::new(
            Some("lab-net".into()),
            REGION,
            "10.1.0.0/24",
        ))
        .unwrap();
    let basic =
        |name: &str| CreateJoviamInstance::new(name, 2048u64, REGION, TIER, TIER, "example", 30u64);
    let api = joviam
        .instances()
        .create(&CreateJoviamInstance {
            networks: Some(vec![lab.id.clone()]),
            allocate_public_ip: Some(true),
            ..basic("api-1")
        })
        .unwrap();
    joviam
        .instances()
        .create(&CreateJoviamInstance {
            networks: Some(vec![lab.id.clone()]),
            ..basic("worker-1")
        })
        .unwrap();
    joviam
        .disks()
        .create(&CreateDisk::new("scratch", 5u64, REGION, TIER))
        .unwrap();
    joviam
        .ip_addresses()
        .allocate(&AllocateIpAddress {
            network: Some(lab.id.clone()),
            name: Nullable::Value("reserved".into()),
            ..Default::default()
        })
        .unwrap();

    let topology = Topology::of_joviam(&joviam).unwrap();
    let svg = topology.svg();
    assert_well_formed(svg);
    let addresses: HashSet<&str> = api
        .network_adapters
        .iter()
        .flat_map(|a| a.ip_addresses.iter().map(|ip| ip.address.as_str()))
        .collect();
    assert_eq!(addresses.len(), 2, "a private and a public address");
    let mut names = vec![
        "Joviam account",
        "AU East Public",
        "lab-net",
        "api-1",
        "worker-1",
    ];
    names.extend(addresses.iter().copied());
    assert_names(svg, &names);
    assert!(svg.contains(">scratch · 5 GB</text>"));
    let counts = topology.counts();
    assert_eq!(
        (counts.networks, counts.instances, counts.volumes),
        (2, 2, 3),
        "two boot disks and scratch"
    );
    assert_eq!(counts.addresses, 4, "api-1's two, worker-1's one, reserved");
}

#[test]
fn two_hundred_instances_are_fetched_and_drawn() {
    let sandbox = sandbox();
    let tavu = sandbox.tavu_client().unwrap();
    let (frontend, backend) = two_networks(&tavu);
    let mut first = None;
    for k in 0..200 {
        let networks: &[&str] = match k % 3 {
            0 => &[&frontend],
            1 => &[&frontend, &backend],
            _ => &[&backend],
        };
        let created = instance(&tavu, &format!("node-{k:03}"), networks);
        first.get_or_insert(created);
    }
    let ids: Vec<String> = tavu
        .instances()
        .list()
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    for (k, id) in ids.iter().enumerate().step_by(10) {
        attached_volume(&tavu, &format!("data-{k:03}"), 10, id);
    }
    let first = first.unwrap();
    tavu.floating_ips()
        .update(
            FLOATING_IP,
            &UpdateFloatingIp {
                port_id: Nullable::Value(first.ports[0].id.clone()),
                ..Default::default()
            },
        )
        .unwrap();

    let started = Instant::now();
    let listed = tavu.instances().list().unwrap();
    let list_time = started.elapsed();
    assert_eq!(listed.len(), 200);

    let started = Instant::now();
    let topology = Topology::of_tavu(&tavu).unwrap();
    let total = started.elapsed();
    let svg = topology.svg();
    let (width, height) = size(svg);
    println!(
        "topology of 200 instances: fetch + draw {:.1} ms (instances.list alone {:.1} ms); \
         SVG {} KB, {width} x {height} px",
        total.as_secs_f64() * 1000.0,
        list_time.as_secs_f64() * 1000.0,
        svg.len() / 1024,
    );

    assert_well_formed(svg);
    assert_eq!(topology.counts().instances, 200);
    for k in [0, 1, 2, 100, 199] {
        assert!(svg.contains(&format!(">node-{k:03}</text>")), "node-{k:03}");
    }
    assert!(svg.contains(">data-000 · 10 GB</text>"));
    write_doc("topology-200.svg", &topology);
}
