use std::collections::HashSet;

use serde_json::json;

use super::badges::{place_badges, Badge, MORE_W};
use super::draw::draw;
use super::graph::{tavu_graph, Graph, Kind, TavuAccount};
use super::layout::{BOX_H, BOX_W, PALETTE};
use super::svg::{escape, fit};

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
