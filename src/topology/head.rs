//! The title block over the picture: the account's title, a summary of what it holds, and
//! the legend.

use std::fmt::Write as _;

use super::badges::{IP_FILL, IP_STROKE, VOLUME_FILL, VOLUME_STROKE};
use super::draw::{ROUTER_FILL, ROUTER_STROKE};
use super::graph::{Graph, Kind};
use super::layout::{MARGIN, PALETTE};
use super::svg::{text_at, text_width, INK, MUTED};

/// Writes the title, the summary line and the legend; returns them with the legend's width.
pub(super) fn head(graph: &Graph) -> (String, i32) {
    let mut head = String::new();
    text_at(
        &mut head,
        MARGIN,
        MARGIN + 18,
        &graph.title,
        r#"font-size="16" font-weight="bold""#,
        INK,
    );
    text_at(
        &mut head,
        MARGIN,
        MARGIN + 36,
        &summary(graph),
        r#"font-size="11""#,
        MUTED,
    );
    let legend_w = legend(&mut head, MARGIN, MARGIN + 50, graph);
    (head, legend_w)
}

/// How many objects of each kind the account holds, on one line.
fn summary(graph: &Graph) -> String {
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
    summary.join(" · ")
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

/// `n` and `word`, in the plural unless `n` is 1.
fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        _ if word.ends_with('s') => format!("{n} {word}es"),
        _ => format!("{n} {word}s"),
    }
}
